"""A sheet as readable text, section by section: what each version keeps (SheetVersion.data), what the sheet
page and the editor's conflict notice show, and what the history compares."""

from actionsheets.models import ActionSheet
from actionsheets.sections import SECTIONS
from solidarites.lib.text import field_text, readable

PUBLICATION_SECTION = "publication"


def _partner(item):
    return f"{item.organisation} – {item.get_role_display()}" + (
        f" : {item.contribution}" if item.contribution else ""
    )


def _budget_line(item):
    actual = f", réalisé {readable(item.actual)} €" if item.actual is not None else ""
    return f"{item.year} – {item.get_kind_display()} – {item.label} : prévu {readable(item.planned)} €{actual}"


def _funding_line(item):
    return f"{item.year} – {item.funder} : {readable(item.amount)} € ({item.get_state_display().lower()})"


def _milestone(item):
    return f"{item.label} – {readable(item.due_on) or 'sans date'}" + (" (réalisée)" if item.is_done else "")


def _indicator(item):
    values = ", ".join(f"{m.year} : {readable(m.value)}" for m in item.measurements.all())
    return (
        f"{item.label} ({item.get_kind_display().lower()}) – référence {readable(item.baseline) or '—'}, "
        f"cible {readable(item.target) or '—'} {item.unit}".rstrip()
    ) + (f" – mesures {values}" if values else "")


def _attachment(item):
    return f"{item.title} ({item.file.name.rsplit('/', 1)[-1]})"


def _review(item):
    return f"Bilan {item.year} – {item.get_next_step_display()} : {item.qualitative[:200]}"


ROW_TEXT = {
    "partners": _partner,
    "budget_lines": _budget_line,
    "funding_lines": _funding_line,
    "milestones": _milestone,
    "indicators": _indicator,
    "attachments": _attachment,
    "reviews": _review,
}


# Fields read otherwise than through field_text: no flag is nothing to show (not « Aucun signalement » on
# every version), the progress is a percentage.
FIELD_TEXT = {
    "follow_up_flag": lambda sheet: sheet.get_follow_up_flag_display() if sheet.follow_up_flag else "",
    "progress": lambda sheet: "" if sheet.progress is None else f"{sheet.progress}\u00a0%",
}


def child_rows(sheet, related):
    """The repeated items `related` of the sheet, one line of text each."""
    return [ROW_TEXT[related](item) for item in getattr(sheet, related).all()]


def snapshot(sheet):
    """Every section's readable content: {section slug: {label: value or list of lines}}."""
    data = {}
    for section in SECTIONS:
        content = {}
        for name in section.fields:
            label = str(ActionSheet._meta.get_field(name).verbose_name)
            text = FIELD_TEXT[name](sheet) if name in FIELD_TEXT else field_text(sheet, name)
            content[label[:1].upper() + label[1:]] = text
        for related in section.children:
            model = ActionSheet._meta.get_field(related).related_model
            content[str(model._meta.verbose_name_plural).capitalize()] = child_rows(sheet, related)
        data[section.slug] = content
    data["statut"] = {"Statut": sheet.get_status_display()}
    if sheet.is_publishable or sheet.public_budget or sheet.public_summary:
        data[PUBLICATION_SECTION] = publication(sheet)
    return data


def publication(sheet):
    """What the public page shows of the sheet, as its history keeps it (absent while never published: the
    versions saved before stay comparable)."""
    return {
        "Publiable sur la page publique": "Oui" if sheet.is_publishable else "Non",
        "Budget affiché publiquement": "Oui" if sheet.public_budget else "Non",
        "Résumé public": sheet.public_summary,
    }
