"""Permission-matrix rows for the public pages of validated actions (issue 12; anonymous included)."""

MATRIX = []


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
