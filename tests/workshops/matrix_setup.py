"""Permission-matrix rows for groups and venues created and edited from the portal by coordinators

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py.
"""

from tests.conftest import PERSONAS  # noqa: F401

MATRIX = []


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
