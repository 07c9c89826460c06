"""Permission-matrix rows for the editor pages (objects: tests.actionsheets.matrix.sheet_objects).

Sections are written by authors, the group's animateurs and coordinators while the sheet is being written; after
the COPIL only the follow-up sections (evaluation, budget, calendrier, bilan, pieces) move, for the pilot, the
animateurs and coordinators; nothing moves during the review. Invisible sheets: 404 before any 403.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.actionsheets.matrix import (
    EVERYONE,
    FOREIGN_DRAFT,
    LOGGED_IN,
    MEMBER_DRAFT_WRITE,
    OWN_DRAFT_READ,
    OWN_DRAFT_WRITE,
    VALIDATED_WRITE,
)
from tests.conftest import PERSONAS

# a section nobody may change in the sheet's state (content after the COPIL, anything during the review)
VALIDATED_LOCKED = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 403, "admin": 403}
SUBMITTED_LOCKED = {**LOGGED_IN, "outsider": 404, "partner": 403, "reader": 404, "coordinator": 403, "admin": 403}
POST_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
# the autosave endpoint answers 204 No Content
DRAFT_SAVED = {persona: 204 if code == 200 else code for persona, code in OWN_DRAFT_WRITE.items()}


def section(key, slug):
    return lambda objects: {"pk": objects[key].pk, "slug": slug}


def row(key, slug, related):
    return lambda objects: {"pk": objects[key].pk, "slug": slug, "related": related}


def attachment_of(key):
    """Attaches a small PDF to the sheet (the shared objects have none) and points at it."""

    def kwargs(objects):
        item = objects[key].attachments.create(
            title="Compte rendu du COTECH", file=SimpleUploadedFile("cotech.pdf", b"%PDF-1.4"), size=8
        )
        return {"pk": objects[key].pk, "attachment": item.pk}

    return kwargs


# (url name, kwargs builder, method, POST data, {persona: expected status})
EDITOR_MATRIX = [
    ("actionsheets:section_edit", section("draft_own", "identification"), "get", None, OWN_DRAFT_WRITE),
    # 200: the form comes back with its errors (nothing saved)
    ("actionsheets:section_edit", section("draft_own", "identification"), "post", {}, OWN_DRAFT_WRITE),
    ("actionsheets:section_edit", section("draft_member", "contexte"), "get", None, MEMBER_DRAFT_WRITE),
    ("actionsheets:section_edit", section("draft_member", "contexte"), "post", {}, MEMBER_DRAFT_WRITE),
    ("actionsheets:section_edit", section("draft_foreign", "contexte"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:section_edit", section("validated", "evaluation"), "get", None, VALIDATED_WRITE),
    ("actionsheets:section_edit", section("validated", "identification"), "get", None, VALIDATED_LOCKED),
    ("actionsheets:section_edit", section("validated", "identification"), "post", {}, VALIDATED_LOCKED),
    ("actionsheets:section_edit", section("submitted_own", "objectifs"), "get", None, SUBMITTED_LOCKED),
    ("actionsheets:section_edit", section("submitted_own", "objectifs"), "post", {}, SUBMITTED_LOCKED),
    ("actionsheets:section_row", row("draft_own", "partenaires", "partners"), "get", None, OWN_DRAFT_WRITE),
    ("actionsheets:section_row", row("draft_member", "budget", "budget_lines"), "get", None, MEMBER_DRAFT_WRITE),
    ("actionsheets:section_row", row("draft_foreign", "budget", "funding_lines"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:section_row", row("validated", "evaluation", "indicators"), "get", None, VALIDATED_WRITE),
    ("actionsheets:section_row", row("submitted_own", "calendrier", "milestones"), "get", None, SUBMITTED_LOCKED),
    ("actionsheets:section_draft", section("draft_own", "objectifs"), "post", {"base_version": "0"}, DRAFT_SAVED),
    ("actionsheets:section_draft", section("draft_own", "objectifs"), "get", None, POST_ONLY),
    (
        "actionsheets:section_draft",
        section("draft_member", "objectifs"),
        "post",
        {"base_version": "0"},
        {**DRAFT_SAVED, "partner": 403},
    ),
    (
        "actionsheets:section_draft",
        section("submitted_own", "objectifs"),
        "post",
        {"base_version": "0"},
        SUBMITTED_LOCKED,
    ),
    ("actionsheets:attachment_download", attachment_of("draft_own"), "get", None, OWN_DRAFT_READ),
    ("actionsheets:attachment_download", attachment_of("draft_foreign"), "get", None, FOREIGN_DRAFT),
    ("actionsheets:attachment_download", attachment_of("validated"), "get", None, EVERYONE),
]
