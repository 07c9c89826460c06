"""Permission-matrix rows for the coverage of the diagnostic's needs (see tests/test_permissions.py).

Everybody logged in reads the coverage and its exports (the fiches listed follow each person's view of them,
tests/programme/test_coverage.py). Linking a finding to fiches from the finding's side: coordinators, and the
partner who animates the group DS (it may change the draft of DS, « draft_own »); on a finding of HAB, where it
may change no fiche, the partner gets 403; readers and outsiders always 403. POST {} changes nothing: back to
the coverage (302).
"""

from partners.models import Axis
from tests.conftest import PERSONAS
from workshops.enums import FindingKind, FindingSource
from workshops.models import Finding

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
LINKERS = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
LINKERS_SAVE = {**LINKERS, "partner": 302, "coordinator": 302, "admin": 302}
TEAM_ONLY = {**LINKERS, "partner": 403}
TEAM_SAVE = {**TEAM_ONLY, "coordinator": 302, "admin": 302}


def export_as(fmt):
    return lambda objects: {"fmt": fmt}


def finding(key):
    return lambda objects: {"pk": objects[key].pk}


MATRIX = [
    ("programme:coverage", None, "get", None, EVERYONE),
    ("programme:coverage", None, "post", {}, READ_ONLY),
    ("programme:coverage_export", export_as("csv"), "get", None, EVERYONE),
    ("programme:coverage_export", export_as("xlsx"), "get", None, EVERYONE),
    ("programme:coverage_export", export_as("ods"), "get", None, EVERYONE),
    ("programme:coverage_export", export_as("pdf"), "get", None, NOT_FOUND),
    ("programme:coverage_export", export_as("csv"), "post", {}, READ_ONLY),
    ("programme:finding_sheets", finding("need_ds"), "get", None, LINKERS),
    ("programme:finding_sheets", finding("need_ds"), "post", {}, LINKERS_SAVE),
    ("programme:finding_sheets", finding("need_hab"), "get", None, TEAM_ONLY),
    ("programme:finding_sheets", finding("need_hab"), "post", {}, TEAM_SAVE),
    ("programme:finding_sheets", lambda objects: {"pk": 999_999}, "get", None, NOT_FOUND),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""

    def need(code, title):
        return Finding.objects.create(
            axis=Axis.objects.get(code=code), kind=FindingKind.NEED, source=FindingSource.PARTNERS, title=title
        )

    return {
        "need_ds": need("DS", "Un accueil des collégiens exclus"),
        "need_hab": need("HAB", "Une information logement de proximité"),
    }
