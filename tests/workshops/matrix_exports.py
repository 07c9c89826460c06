"""Permission-matrix rows for the exports of every list: sessions, invitations and answers, attendance,
participation, findings, obstacles, accounts, sent e-mails.

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py.
"""

from tests.conftest import PERSONAS  # noqa: F401

MATRIX = []


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
