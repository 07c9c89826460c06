"""Management commands of the workshops app."""
