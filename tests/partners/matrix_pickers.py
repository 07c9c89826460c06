"""Permission-matrix rows for the pickers' search endpoints (people, structures, groups, fiches).

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. Every logged-in persona may search
each kind: what comes back is limited by that kind's `visible_to(user)` (tests/test_pickers.py checks the
contents: deactivated structures for the project team only, a partner's own groups, the fiches one may open).
The interlocutors are searched as the directory shows them (partners/permissions.py: every logged-in user reads
the active interlocutors' cards). An unknown kind is 404; anonymous and inactive accounts go to the login page;
the endpoint is read-only (POST: 405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}
STARTERS = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
COPIL_TEAM = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 403, "coordinator": 200, "admin": 200}
KINDS = ("structures", "interlocuteurs", "groupes", "fiches")


def kind(name):
    return lambda objects: {"kind": name}


MATRIX = [
    *(("picker_search", kind(name), "get", None, EVERYONE) for name in KINDS),
    *(("picker_search", kind(name), "post", {}, READ_ONLY) for name in KINDS),
    ("picker_search", kind("comptes"), "get", None, NOT_FOUND),
    # the groups of the « Nouvelle fiche » form: as that page (actionsheets:sheet_create)
    ("picker_search", kind("groupes-nouvelle-fiche"), "get", None, STARTERS),
    ("picker_search", kind("groupes-nouvelle-fiche"), "post", {}, READ_ONLY),
    # the fiches that may join a COPIL dossier: as the dossier's form (programme:copil_sheets)
    ("picker_search", kind("fiches-copil"), "get", None, COPIL_TEAM),
    ("picker_search", kind("fiches-copil"), "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
