"""Template tags and filters of the project pages."""
