"""Permission-matrix rows for the worker pages of issue 11 (see tests/test_permissions.py).

« Travaux en arrière-plan » is for coordinators and administrators (background.permissions.can_see_worker_status);
every other logged-in persona gets 403, anonymous and inactive accounts go to the login page; read-only: POST 405.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}

MATRIX = [
    ("background:worker_status", None, "get", None, COORDINATION),
    ("background:worker_status", None, "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
