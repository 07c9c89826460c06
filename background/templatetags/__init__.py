"""Template tags of the background app."""
