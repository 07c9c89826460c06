"""Permission-matrix rows for the documents pages of issue 11 (see tests/test_permissions.py).

Everyone logged in may ask for the plan d'actions (its contents follow what they may see) and list their own
documents; a build, its live state and its download are its requester's alone (the partner persona's build
here): everybody else gets 404. An unknown kind of document is 404. Pages are read-only (POST: 405); the request
is POST-only (GET: 405).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
REDIRECTED = dict.fromkeys(PERSONAS, 302)  # to the build's page; anonymous and inactive: to the login page
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
NOT_FOUND = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}
REQUESTER_ONLY = {**NOT_FOUND, "partner": 200}


def kind(name):
    return lambda objects: {"kind": name}


def partner_build(objects):
    """A ready build of the partner persona (made in the test's savepoint: the personas come after objects())."""
    from background.models import DocumentBuild
    from partners.models import User

    build = DocumentBuild.objects.create(
        kind="plan",
        key="0" * 64,
        requested_by=User.objects.get(email="partenaire@example.org"),
        status=DocumentBuild.Status.READY,
        progress=100,
        document=objects["stored_plan"],
    )
    return {"pk": build.pk}


MATRIX = [
    ("background:document_list", None, "get", None, EVERYONE),
    ("background:document_list", None, "post", {}, READ_ONLY),
    ("background:document_request", kind("plan"), "post", {}, REDIRECTED),
    ("background:document_request", kind("plan"), "get", None, READ_ONLY),
    ("background:document_request", kind("inconnu"), "post", {}, NOT_FOUND),
    ("background:document_build", partner_build, "get", None, REQUESTER_ONLY),
    ("background:document_build", partner_build, "post", {}, READ_ONLY),
    ("background:document_progress", partner_build, "get", None, REQUESTER_ONLY),
    ("background:document_progress", partner_build, "post", {}, READ_ONLY),
    ("background:document_download", partner_build, "get", None, REQUESTER_ONLY),
    ("background:document_download", partner_build, "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from background.models import StoredDocument

    document = StoredDocument(
        digest="1" * 64,
        filename="plan-d-actions.pdf",
        size=9,
        expires_at=timezone.now() + timedelta(days=3),
    )
    document.file.save("plan-d-actions.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    document.save()
    return {"stored_plan": document}
