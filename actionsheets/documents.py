"""The fiches actions as printed documents: one sheet as a PDF, and the plan (every sheet of a selection in one
PDF, for the steering committee). The views only hand the HTTP response over."""

from django.utils import timezone

from actionsheets.models import ActionSheet
from actionsheets.sections import SECTIONS
from actionsheets.snapshot import FIELD_TEXT
from partners.models import Commune
from solidarites.lib.pdf import render_pdf
from solidarites.lib.text import field_text, readable

PDF_TEMPLATE = "actionsheets/pdf/sheet.html"
PLAN_TEMPLATE = "actionsheets/pdf/plan.html"
# WeasyPrint lays out about 10 pages a second here: 50 fully filled sheets (152 pages) take 15 s the first
# time (scripts/bench_pdf.py). Beyond 60 sheets, the filters narrow the selection.
PLAN_MAX_SHEETS = 60


def euros(value):
    return "—" if value is None else f"{readable(value)}\u00a0€"


def _filled(sheet, name):
    field = ActionSheet._meta.get_field(name)
    value = getattr(sheet, name)
    if field.many_to_many:
        return bool(value.all())
    if isinstance(value, bool):
        return value
    if field.choices and value == field.default:
        return False  # a default choice alone does not make a section filled
    return value not in (None, "")


def _field_rows(sheet, section):
    rows = []
    for name in section.fields:
        value = FIELD_TEXT[name](sheet) if name in FIELD_TEXT else field_text(sheet, name)
        if value in ("", []) or getattr(sheet, name) is False:
            continue
        if name == "pilot":
            value = f"{sheet.pilot} ({sheet.pilot.organisation.name})"
        label = str(ActionSheet._meta.get_field(name).verbose_name)
        rows.append({"label": label[:1].upper() + label[1:], "value": value, "many": isinstance(value, list)})
    return rows


def pdf_sheet(pk):
    """The sheet with everything the PDF shows, in a fixed number of queries, totals summed by the database."""
    return ActionSheet.objects.whole().with_totals().get(pk=pk)


def _amounts_as_text(sheet):
    for line in sheet.budget_lines.all():
        line.planned_text, line.actual_text = euros(line.planned), euros(line.actual)
    for line in sheet.funding_lines.all():
        line.amount_text = euros(line.amount)
    for indicator in sheet.indicators.all():
        indicator.baseline_text, indicator.target_text = readable(indicator.baseline), readable(indicator.target)
        for measurement in indicator.measurements.all():
            measurement.value_text = readable(measurement.value)


def sheet_pdf_parts(sheet):
    """What the PDF shows of one sheet loaded by pdf_sheet(): its filled sections and its totals."""
    sections = []
    for section in SECTIONS:
        children = {related: list(getattr(sheet, related).all()) for related in section.children}
        if not (any(_filled(sheet, name) for name in section.fields) or any(children.values())):
            continue
        sections.append(
            {"slug": section.slug, "title": section.title, "rows": _field_rows(sheet, section), **children}
        )
    _amounts_as_text(sheet)
    totals = ("planned", "actual", "requested", "granted", "refused")
    return {
        "sheet": sheet,
        "sections": sections,
        "totals": {name: euros(getattr(sheet, f"{name}_total")) for name in totals},
    }


def pdf_context(sheet):
    return {**sheet_pdf_parts(sheet), "commune": Commune.objects.current(), "printed_at": timezone.localtime()}


def render_sheet_pdf(sheet, cached=True):
    """The PDF bytes of a sheet loaded by pdf_sheet() (scripts/bench_pdf.py times this)."""
    return render_pdf(PDF_TEMPLATE, pdf_context(sheet), cached=cached)


def sheet_pdf_name(sheet):
    return f"fiche-{sheet.code}-{sheet.title[:40]}"


def plan_context(queryset, criteria, on_sheet=None):
    """The plan of the sheets of `queryset` in its order (PLAN_MAX_SHEETS at most); `criteria`: the filters
    of the selection, as « label : value » lines; `on_sheet(done, total)` after each sheet is made ready."""
    ids = list(queryset.values_list("pk", flat=True)[: PLAN_MAX_SHEETS + 1])
    capped = len(ids) > PLAN_MAX_SHEETS
    ids = ids[:PLAN_MAX_SHEETS]
    loaded = {sheet.pk: sheet for sheet in ActionSheet.objects.whole().with_totals().filter(pk__in=ids)}
    entries = []
    for pk in ids:  # in the list's order
        entries.append(sheet_pdf_parts(loaded[pk]))
        if on_sheet:
            on_sheet(len(entries), len(ids))
    return {
        "entries": entries,
        "criteria": criteria,
        "capped": capped,
        "total": queryset.count() if capped else len(ids),
        "max_sheets": PLAN_MAX_SHEETS,
        "commune": Commune.objects.current(),
        "printed_at": timezone.localtime(),
    }


def plan_name():
    return f"plan-d-actions-{timezone.localdate():%Y-%m-%d}"
