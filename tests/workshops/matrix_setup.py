"""Permission-matrix rows for groups and venues created and edited from the portal by coordinators

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. Coordinators and administrators
only: every other logged-in persona gets 403 (as on the diagnostic's forms), anonymous and inactive accounts go
to the login page. A form posted empty comes back with its errors (200); the list of venues is read-only (405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}


def setup_group(objects):
    return {"pk": objects["setup_group"].pk}


def setup_venue(objects):
    return {"pk": objects["setup_venue"].pk}


MATRIX = [
    ("workshops:group_create", None, "get", None, COORDINATION),
    ("workshops:group_create", None, "post", {}, COORDINATION),
    ("workshops:group_edit", setup_group, "get", None, COORDINATION),
    ("workshops:group_edit", setup_group, "post", {}, COORDINATION),
    ("workshops:venue_list", None, "get", None, COORDINATION),
    ("workshops:venue_list", None, "post", {}, READ_ONLY),
    ("workshops:venue_create", None, "get", None, COORDINATION),
    ("workshops:venue_create", None, "post", {}, COORDINATION),
    ("workshops:venue_edit", setup_venue, "get", None, COORDINATION),
    ("workshops:venue_edit", setup_venue, "post", {}, COORDINATION),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from partners.models import Axis
    from workshops.models import Venue, WorkingGroup

    axis = Axis.objects.active().order_by("position").first()
    group = WorkingGroup.objects.create(name="Groupe de la matrice (lieux et groupes)", axis=axis)
    venue = Venue.objects.create(name="Salle de la matrice", address="1 rue de la Paix", city="Plaisir")
    return {"setup_group": group, "setup_venue": venue}
