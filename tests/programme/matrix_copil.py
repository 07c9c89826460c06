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
    # The decisions (engineer « decisions »): rows below
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from actionsheets.models import Status
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import group, meeting

    sheet(group("DS"), "Fiche transmise au COPIL", status=Status.FORWARDED)
    return {
        "copil_meeting": meeting(title="COPIL de la matrice", kind="copil"),
        "copil_other_meeting": meeting(group("DS"), title="Séance de groupe de la matrice"),
    }
