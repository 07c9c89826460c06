"""Permission-matrix rows for the list pages (objects: tests.actionsheets.matrix.sheet_objects).

Everybody logged in gets the list and its exports (and the page that has the plan PDF built in the background:
tests/background/matrix_documents.py), filtered to the sheets they may see
(tests/actionsheets/test_list.py checks the contents); an unknown export format is 404. The PDF of a sheet
follows the sheet's visibility: a draft outside the partner's groups is 404, as on its page. All are
read-only: POST gets 405.
"""

from tests.actionsheets.matrix import EVERYONE, FOREIGN_DRAFT, MEMBER_DRAFT_READ, OWN_DRAFT_READ, pk_of
from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def export_as(fmt):
    return lambda objects: {"fmt": fmt}


LIST_MATRIX = [
    ("actionsheets:sheet_list", None, "get", None, EVERYONE),
    ("actionsheets:sheet_list", None, "post", {}, READ_ONLY),
    ("actionsheets:sheet_export", export_as("csv"), "get", None, EVERYONE),
    ("actionsheets:sheet_export", export_as("xlsx"), "get", None, EVERYONE),
    ("actionsheets:sheet_export", export_as("ods"), "get", None, EVERYONE),
    ("actionsheets:sheet_export", export_as("pdf"), "get", None, NOT_FOUND),
    ("actionsheets:sheet_export", export_as("csv"), "post", {}, READ_ONLY),
    ("actionsheets:plan_pdf", None, "get", None, EVERYONE),
    ("actionsheets:plan_pdf", None, "post", {}, READ_ONLY),
    ("actionsheets:sheet_pdf", pk_of("draft_own"), "get", None, OWN_DRAFT_READ),
    ("actionsheets:sheet_pdf", pk_of("draft_member"), "get", None, MEMBER_DRAFT_READ),
    ("actionsheets:sheet_pdf", pk_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:sheet_pdf", pk_of("validated"), "get", None, EVERYONE),
    ("actionsheets:sheet_pdf", pk_of("validated"), "post", {}, READ_ONLY),
]
