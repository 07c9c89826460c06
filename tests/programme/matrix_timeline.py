"""Permission-matrix rows for the programme's timeline pages (see tests/test_permissions.py).

Every logged-in persona reads the timeline and exports its table (partners see the validated fiches plus
those of their groups: tests/programme/test_timeline.py checks the contents); anonymous and inactive accounts
go to the login page; an unknown export format is 404; both are read-only (POST: 405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def export_as(fmt):
    return lambda objects: {"fmt": fmt}


MATRIX = [
    ("programme:timeline", None, "get", None, EVERYONE),
    ("programme:timeline", None, "post", {}, READ_ONLY),
    ("programme:timeline_export", export_as("csv"), "get", None, EVERYONE),
    ("programme:timeline_export", export_as("xlsx"), "get", None, EVERYONE),
    ("programme:timeline_export", export_as("ods"), "get", None, EVERYONE),
    ("programme:timeline_export", export_as("pdf"), "get", None, NOT_FOUND),
    ("programme:timeline_export", export_as("csv"), "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
