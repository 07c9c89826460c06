"""Permission-matrix rows for the partner × axis map (see tests/test_permissions.py).

The map is a tool of the project team: coordinators and readers read it and its exports, partners get 403,
anonymous visitors go to the login page. Both URLs are read-only (POST: 405); an unknown export format is 404.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
TEAM_READ = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 200, "coordinator": 200, "admin": 200}
TEAM_404 = {**TEAM_READ, "reader": 404, "coordinator": 404, "admin": 404}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}


def export_as(fmt):
    return lambda objects: {"fmt": fmt}


MATRIX = [
    ("programme:partner_map", None, "get", None, TEAM_READ),
    ("programme:partner_map", None, "post", {}, READ_ONLY),
    ("programme:partner_map_export", export_as("csv"), "get", None, TEAM_READ),
    ("programme:partner_map_export", export_as("xlsx"), "get", None, TEAM_READ),
    ("programme:partner_map_export", export_as("ods"), "get", None, TEAM_READ),
    ("programme:partner_map_export", export_as("pdf"), "get", None, TEAM_404),
    ("programme:partner_map_export", export_as("csv"), "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
