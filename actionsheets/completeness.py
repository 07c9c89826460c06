"""How far each section of a fiche is written: filled, empty, or missing a field the fiche needs before it is
submitted (workflow.REQUIRED_TO_SUBMIT; until the COPIL validates it: afterwards an empty field is just empty).
Read from the saved data in one query, so that what was typed but not saved, or a default value nobody chose
(priority « moyenne », no participation), does not count."""

from django.db import models
from django.db.models import Exists, OuterRef

from actionsheets.enums import REVIEW_STATES, WRITING_STATES
from actionsheets.models import ActionSheet
from actionsheets.sections import SECTIONS
from actionsheets.workflow import REQUIRED_TO_SUBMIT


class SectionState(models.TextChoices):
    FILLED = "filled", "remplie"
    EMPTY = "empty", "vide"
    MISSING = "missing", "champ obligatoire manquant"


def _plain(name):
    field = ActionSheet._meta.get_field(name)
    return not field.many_to_many


def _is_filled(name, value):
    field = ActionSheet._meta.get_field(name)
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or value is False:  # 0 (ETP, avancement) is an answer
        return False
    return not (field.has_default() and value == field.get_default())


def section_states(sheet):
    """{section slug: SectionState} in the order of the sections."""
    plain = [name for section in SECTIONS for name in section.fields if _plain(name)]
    related = [name for section in SECTIONS for name in section.fields if not _plain(name)]
    related += [name for section in SECTIONS for name in section.children]
    exists = {
        f"has_{name}": Exists(ActionSheet.objects.filter(pk=OuterRef("pk"), **{f"{name}__isnull": False}))
        for name in related
    }
    columns = {name: ActionSheet._meta.get_field(name).attname for name in plain}
    row = ActionSheet.objects.filter(pk=sheet.pk).values("status", *columns.values(), **exists).get()
    filled = {name: _is_filled(name, row[column]) for name, column in columns.items()}
    filled |= {name: row[f"has_{name}"] for name in related}
    required = REQUIRED_TO_SUBMIT if row["status"] in (*WRITING_STATES, *REVIEW_STATES) else ()
    return {section.slug: _state(section, filled, required) for section in SECTIONS}


def _state(section, filled, required):
    if any(not filled[name] for name in section.fields if name in required):
        return SectionState.MISSING
    if any(filled[name] for name in (*section.fields, *section.children)):
        return SectionState.FILLED
    return SectionState.EMPTY
