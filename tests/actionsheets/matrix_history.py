"""Permission-matrix rows for the history pages (objects: tests.actionsheets.matrix.sheet_objects).

Whoever sees a sheet sees its history and compares its versions; the diff without parameters compares the last
two versions (here the only one: 200 with a message). Both pages are read-only: POST gets 405.
"""

from tests.actionsheets.matrix import EVERYONE, FOREIGN_DRAFT, MEMBER_DRAFT_READ, OWN_DRAFT_READ, pk_of
from tests.conftest import PERSONAS

READ_ONLY = {**dict.fromkeys(PERSONAS, 405), "anonymous": 302, "inactive": 302}

HISTORY_MATRIX = [
    ("actionsheets:sheet_history", pk_of("draft_own"), "get", None, OWN_DRAFT_READ),
    ("actionsheets:sheet_history", pk_of("draft_member"), "get", None, MEMBER_DRAFT_READ),
    ("actionsheets:sheet_history", pk_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:sheet_history", pk_of("validated"), "get", None, EVERYONE),
    ("actionsheets:sheet_history", pk_of("validated"), "post", {}, READ_ONLY),
    ("actionsheets:sheet_diff", pk_of("draft_own"), "get", None, OWN_DRAFT_READ),
    ("actionsheets:sheet_diff", pk_of("draft_member"), "get", None, MEMBER_DRAFT_READ),
    ("actionsheets:sheet_diff", pk_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:sheet_diff", pk_of("validated"), "get", None, EVERYONE),
    ("actionsheets:sheet_diff", pk_of("validated"), "post", {}, READ_ONLY),
]
