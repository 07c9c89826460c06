"""Permission-matrix rows for the programme's overlaps pages (see tests/test_permissions.py).

The list of look-alike pairs and the three decisions are the coordinators' (admins are coordinators too):
readers, partners and outsiders get 403, anonymous and inactive accounts the login page. The decisions are
POST only (GET: 405); an unknown decision is 404 for everybody logged in.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
COORDINATORS = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
DECIDERS = {**COORDINATORS, "coordinator": 302, "admin": 302}  # back to the list
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def decide(action):
    return lambda objects: {"pk": objects["overlap"].pk, "action": action}


MATRIX = [
    ("programme:overlap_list", None, "get", None, COORDINATORS),
    ("programme:overlap_list", None, "post", {}, READ_ONLY),
    ("programme:overlap_decide", decide("lier"), "get", None, READ_ONLY),
    ("programme:overlap_decide", decide("lier"), "post", {}, DECIDERS),
    ("programme:overlap_decide", decide("pas-un-doublon"), "get", None, READ_ONLY),
    ("programme:overlap_decide", decide("pas-un-doublon"), "post", {}, DECIDERS),
    ("programme:overlap_decide", decide("mutualiser"), "get", None, READ_ONLY),
    ("programme:overlap_decide", decide("mutualiser"), "post", {}, DECIDERS),
    ("programme:overlap_decide", decide("fusionner"), "post", {}, NOT_FOUND),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from actionsheets.models import Overlap
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import group

    first = sheet(group("SEN"), "Ateliers numériques pour les seniors")
    second = sheet(group("AD"), "Aide aux démarches en ligne des seniors")
    low, high = sorted((first, second), key=lambda item: item.pk)
    overlap = Overlap.objects.create(sheet=low, other=high, score=0.7, reasons=["même public : seniors"])
    return {"overlap": overlap}
