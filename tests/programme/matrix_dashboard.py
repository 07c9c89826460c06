"""Permission-matrix rows for the programme's dashboard pages (see tests/test_permissions.py).

Every logged-in persona gets the dashboard and the exports of its tables, with the figures of the fiches it
sees (tests/programme/test_dashboard.py checks the contents); inactive and anonymous users go to the login page.
An unknown table or format is 404; both URLs are read-only (POST: 405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def export(table, fmt):
    return lambda objects: {"table": table, "fmt": fmt}


MATRIX = [
    ("programme:dashboard", None, "get", None, EVERYONE),
    ("programme:dashboard", None, "post", {}, READ_ONLY),
    ("programme:dashboard_export", export("statuts", "csv"), "get", None, EVERYONE),
    ("programme:dashboard_export", export("budget", "xlsx"), "get", None, EVERYONE),
    ("programme:dashboard_export", export("participation", "ods"), "get", None, EVERYONE),
    ("programme:dashboard_export", export("inconnu", "csv"), "get", None, NOT_FOUND),
    ("programme:dashboard_export", export("statuts", "pdf"), "get", None, NOT_FOUND),
    ("programme:dashboard_export", export("statuts", "csv"), "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
