"""Permission-matrix rows for action sheets, and the sheets they point at.

Built on tests.workshops.matrix: the "partner" persona animates the group DS and is a plain member of IPJ;
the "outsider" belongs to no group. Sheets: a draft in DS (partner: facilitator), a draft in IPJ (partner:
member, may read, not write), a draft in HAB (partner and outsider: 404; readers: 404 as it is not
validated), and a validated sheet in HAB (everybody logged in reads it).
"""

import datetime

from actionsheets.models import Status
from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
# a draft of the partner's own group (the partner animates it)
OWN_DRAFT_READ = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 404, "coordinator": 200, "admin": 200}
OWN_DRAFT_WRITE = OWN_DRAFT_READ
# a draft of a group where the partner is a plain member
MEMBER_DRAFT_READ = OWN_DRAFT_READ
MEMBER_DRAFT_WRITE = {**OWN_DRAFT_READ, "partner": 403}
# a draft of a group the partner does not belong to
FOREIGN_DRAFT = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 404, "coordinator": 200, "admin": 200}
# a validated sheet: everybody reads it; only the pilot and coordinators follow it up
VALIDATED_WRITE = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
# starting a sheet: members of a group and coordinators
STARTERS = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}


def redirect_for(table):
    return {persona: 302 if code == 200 else code for persona, code in table.items()}


def sheet_objects():
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import group

    ds, ipj, hab = group("DS"), group("IPJ"), group("HAB")
    validated = sheet(
        hab, "Permanences logement avec l'ADIL 78", status=Status.VALIDATED, copil_date=datetime.date(2015, 10, 8)
    )
    return {
        "draft_own": sheet(ds, "Cellule de veille collège, PRE et Mission locale"),
        "draft_member": sheet(ipj, "Forum emploi-jeunes à La Mosaïque"),
        "draft_foreign": sheet(hab, "Accompagnement social du relogement"),
        "validated": validated,
        "submitted_own": sheet(ds, "Accueil des collégiens temporairement exclus", status=Status.SUBMITTED),
    }


def pk_of(key):
    return lambda objects: {"pk": objects[key].pk}


def move_on(key, action):
    return lambda objects: {"pk": objects[key].pk, "action": action}


SHEETS_MATRIX = [
    ("actionsheets:sheet_create", None, "get", None, STARTERS),
    ("actionsheets:sheet_create", None, "post", {}, STARTERS),  # 200: the form comes back with its errors
    ("actionsheets:sheet_detail", pk_of("draft_own"), "get", None, OWN_DRAFT_READ),
    ("actionsheets:sheet_detail", pk_of("draft_member"), "get", None, MEMBER_DRAFT_READ),
    ("actionsheets:sheet_detail", pk_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:sheet_detail", pk_of("validated"), "get", None, EVERYONE),
    ("actionsheets:sheet_authors", pk_of("draft_own"), "get", None, OWN_DRAFT_WRITE),
    ("actionsheets:sheet_authors", pk_of("draft_own"), "post", {}, redirect_for(OWN_DRAFT_WRITE)),
    ("actionsheets:sheet_authors", pk_of("draft_member"), "post", {}, redirect_for(MEMBER_DRAFT_WRITE)),
    ("actionsheets:sheet_authors", pk_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:sheet_move", move_on("draft_own", "submit"), "get", None, OWN_DRAFT_WRITE),
    ("actionsheets:sheet_move", move_on("draft_own", "submit"), "post", {}, redirect_for(OWN_DRAFT_WRITE)),
    ("actionsheets:sheet_move", move_on("draft_member", "submit"), "post", {}, redirect_for(MEMBER_DRAFT_WRITE)),
    ("actionsheets:sheet_move", move_on("draft_foreign", "submit"), "get", None, FOREIGN_DRAFT),
    # the COPIL decision is the coordinators' (the facilitator partner: 403); 200: the date is missing
    ("actionsheets:sheet_move", move_on("submitted_own", "validate"), "post", {}, {**OWN_DRAFT_READ, "partner": 403}),
    ("actionsheets:sheet_move", move_on("validated", "start"), "get", None, VALIDATED_WRITE),
]
