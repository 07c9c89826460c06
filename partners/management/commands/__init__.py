"""manage.py apply_retention."""
