"""Permission-matrix rows for the personal-data pages (issue 13: « Mes données », export for a person, anonymisation).

See tests/test_permissions.py for the row format; tests/programme/matrix_timeline.py for an example.
"""

MATRIX = []


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
