"""Permission-matrix rows for the copil pages of issue 12 (see tests/test_permissions.py)."""

MATRIX = []


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
