"""The partners app's management commands."""
