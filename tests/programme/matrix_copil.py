"""Permission-matrix rows for the copil pages of issue 12 (see tests/test_permissions.py).

The dossier of a COPIL (first part of the list, engineer « dossier »): the project team (coordinators, admins)
opens it and changes its fiches; elected members (readers) read it and download it (403 on the change of its
fiches); partners and outsiders get 404 (the committee's papers are outside their scope), anonymous and inactive
accounts the login page. A meeting of another kind has no dossier (404), nor an unknown format. The page is
read-only (POST: 405), the change and the documents are POST only (GET: 405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
READERS = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 200, "coordinator": 200, "admin": 200}
# the change of fiches, posted empty: the form comes back with its error (200) for the team, 403 for readers
CHANGE = {**READERS, "reader": 403}
REQUESTED = {**READERS, "reader": 302, "coordinator": 302, "admin": 302}  # to the build's page
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def copil(objects):
    return {"pk": objects["copil_meeting"].pk}


def not_a_copil(objects):
    return {"pk": objects["copil_other_meeting"].pk}


def document(fmt):
    return lambda objects: {"pk": objects["copil_meeting"].pk, "fmt": fmt}


# The COPIL's decisions (programme:copil_decisions): the project team records them (the form, alone or with
# its errors: 200); readers see every meeting but record nothing (403); a partner who was not invited does
# not see the COPIL (404), one invited sees it and records nothing (403); a closed COPIL refuses (403).
DECISIONS = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 403, "coordinator": 200, "admin": 200}
DECISIONS_INVITED = {**DECISIONS, "partner": 403}
DECISIONS_CLOSED = {**DECISIONS, "coordinator": 403, "admin": 403}


def decisions_copil(objects):
    return {"pk": objects["decisions_copil"].pk}


def decisions_invited(objects):
    return {"pk": objects["decisions_invited"].pk}


def decisions_closed(objects):
    return {"pk": objects["decisions_closed"].pk}


MATRIX = [
    # The dossier (engineer « dossier »)
    ("programme:copil_dossier", copil, "get", None, READERS),
    ("programme:copil_dossier", copil, "post", {}, READ_ONLY),
    ("programme:copil_dossier", not_a_copil, "get", None, NOT_FOUND),
    ("programme:copil_sheets", copil, "post", {}, CHANGE),
    ("programme:copil_sheets", copil, "get", None, READ_ONLY),
    ("programme:copil_sheets", not_a_copil, "post", {}, NOT_FOUND),
    ("programme:copil_document", document("pdf"), "post", {}, REQUESTED),
    ("programme:copil_document", document("odt"), "post", {}, REQUESTED),
    ("programme:copil_document", document("pdf"), "get", None, READ_ONLY),
    ("programme:copil_document", document("docx"), "post", {}, NOT_FOUND),
    # The COPIL's decisions (engineer « decisions »): keep these rows at the end of the list.
    ("programme:copil_decisions", decisions_copil, "get", None, DECISIONS),
    ("programme:copil_decisions", decisions_copil, "post", {}, DECISIONS),  # 200: « choisissez une décision »
    ("programme:copil_decisions", decisions_invited, "get", None, DECISIONS_INVITED),
    ("programme:copil_decisions", decisions_invited, "post", {}, DECISIONS_INVITED),
    ("programme:copil_decisions", decisions_closed, "post", {}, DECISIONS_CLOSED),
]
assert set(DECISIONS) == set(PERSONAS)


def decisions_objects():
    """Three COPIL held two days ago, each with a dossier of one fiche « transmise au COPIL »: one nobody was
    invited to, one the partner persona's interlocutor (made by tests.workshops.matrix) was invited to, one
    closed."""
    from django.utils import timezone

    from actionsheets.models import Status
    from partners.models import Contact
    from programme.models import CopilDossier
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import meeting
    from workshops.models import Invitation, Meeting

    made = {}
    for key in ("decisions_copil", "decisions_invited", "decisions_closed"):
        copil = meeting(kind=Meeting.Kind.COPIL, title=f"COPIL {key}", days=-2)
        dossier = CopilDossier.objects.create(meeting=copil)
        dossier.sheets.add(sheet(title=f"Fiche {key}", status=Status.FORWARDED))
        made[key] = copil
    partner = Contact.objects.get(email="partenaire@example.org")
    Invitation.objects.create(meeting=made["decisions_invited"], contact=partner)
    CopilDossier.objects.filter(meeting=made["decisions_closed"]).update(closed_at=timezone.now())
    return made


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from actionsheets.models import Status
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import group, meeting

    sheet(group("DS"), "Fiche transmise au COPIL", status=Status.FORWARDED)
    return {
        **decisions_objects(),
        "copil_meeting": meeting(title="COPIL de la matrice", kind="copil"),
        "copil_other_meeting": meeting(group("DS"), title="Séance de groupe de la matrice"),
    }
