"""Permission-matrix rows for the public pages of validated actions (issue 12; anonymous included).

/actions/, the page of a publishable validated fiche and /robots.txt answer every persona, anonymous and
inactive accounts included (no login); a validated fiche not marked « publiable » and a publishable draft are
404 there; all three are read-only (POST: 405, before any login). Marking a fiche « publiable »
(actionsheets:sheet_publication) is a coordinator's POST (302 back to the fiche); others who see the fiche get
403, those who do not see it 404; GET is 405.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
PUBLIC = dict.fromkeys(PERSONAS, 200)
PUBLIC_NOT_FOUND = dict.fromkeys(PERSONAS, 404)
PUBLIC_READ_ONLY = dict.fromkeys(PERSONAS, 405)
# a validated fiche: everybody logged in sees it, only coordinators publish it
PUBLISH_VALIDATED = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 302, "admin": 302}
# a draft of a group neither the partner nor the outsider belongs to: not found for them nor for readers
PUBLISH_FOREIGN_DRAFT = {**PUBLISH_VALIDATED, "outsider": 404, "partner": 404, "reader": 404}
NOT_POST = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}


def pk_of(key):
    return lambda objects: {"pk": objects[key].pk}


MATRIX = [
    ("public:action_list", None, "get", None, PUBLIC),
    ("public:action_list", None, "post", {}, PUBLIC_READ_ONLY),
    ("public:action_detail", pk_of("public_sheet"), "get", None, PUBLIC),
    ("public:action_detail", pk_of("validated"), "get", None, PUBLIC_NOT_FOUND),  # validated, not publiable
    ("public:action_detail", pk_of("publishable_draft"), "get", None, PUBLIC_NOT_FOUND),  # publiable, not validated
    ("public:action_detail", pk_of("public_sheet"), "post", {}, PUBLIC_READ_ONLY),
    ("public:robots_txt", None, "get", None, PUBLIC),
    ("public:robots_txt", None, "post", {}, PUBLIC_READ_ONLY),
    ("actionsheets:sheet_publication", pk_of("validated"), "post", {}, PUBLISH_VALIDATED),
    ("actionsheets:sheet_publication", pk_of("draft_foreign"), "post", {}, PUBLISH_FOREIGN_DRAFT),
    ("actionsheets:sheet_publication", pk_of("validated"), "get", None, NOT_POST),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from actionsheets.models import ActionSheet, Status
    from tests.actionsheets.factories import sheet
    from tests.workshops.factories import group

    title = "Ateliers de sensibilisation aux économies d'énergie"
    public_sheet = sheet(group("HAB"), title, status=Status.IN_PROGRESS)
    draft = sheet(group("HAB"), "Permanence d'accès aux droits dans les quartiers")
    ActionSheet.objects.filter(pk__in=[public_sheet.pk, draft.pk]).update(is_publishable=True)
    return {"public_sheet": public_sheet, "publishable_draft": draft}
