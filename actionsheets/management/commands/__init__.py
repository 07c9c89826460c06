"""Management commands of the fiches actions."""
