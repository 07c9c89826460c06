"""Template tags of the partners app."""
