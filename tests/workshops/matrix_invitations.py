"""Permission-matrix rows for bulk invitations (audiences, preview)

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. The invitation page keeps its URL
(workshops:meeting_invite): « Voir l'aperçu » and « Envoyer N invitations » are two steps of its one form. Those
who manage the session preview (200) and send (302 to the session); a facilitator is refused on another group's
session (403), readers too (403), outsiders do not see it (404). A sending whose list is no longer the one
previewed shows the new preview (200), nothing sent.
"""

from tests.conftest import PERSONAS  # noqa: F401
from tests.workshops.matrix import OTHER_GROUP_WRITE, OTHER_MEETING, OWN_GROUP_WRITE, OWN_MEETING, redirect_for

PREVIEW = {"step": "preview", "group_members": "on", "reach": "all"}
SEND = {"step": "send", "group_members": "on"}

MATRIX = [
    ("workshops:meeting_invite", OWN_MEETING, "post", PREVIEW, OWN_GROUP_WRITE),
    ("workshops:meeting_invite", OTHER_MEETING, "post", PREVIEW, OTHER_GROUP_WRITE),
    ("workshops:meeting_invite", OWN_MEETING, "post", {**SEND, "expected": "stale"}, OWN_GROUP_WRITE),
    ("workshops:meeting_invite", OTHER_MEETING, "post", SEND, redirect_for(OTHER_GROUP_WRITE)),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
