"""The list of fiches actions (filters, search, sort), its exports, and one sheet as a PDF."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from actionsheets import search
from actionsheets.exports import EXPORT_FORMATS, export_sheets, with_totals
from actionsheets.filters import SheetFilter
from actionsheets.models import REVIEW_STATES, VALIDATED_STATES, ActionSheet
from actionsheets.permissions import get_sheet_for_user
from actionsheets.sections import SECTIONS
from actionsheets.services import display, field_display
from partners.models import Commune
from solidarites.lib import pagination
from solidarites.lib.pdf import pdf_response, render_pdf
from workshops.permissions import my_memberships

PAGE_SIZE = 25
MAX_ROWS = pagination.MAX_ROWS
# (sort key or None, header, direction of the first click)
COLUMNS = [
    ("code", "N°", ""),
    ("intitule", "Intitulé", ""),
    (None, "Groupe et axe", ""),
    ("statut", "Statut", ""),
    (None, "Pilote", ""),
    ("modification", "Modifiée le", "-"),
]


def _filtered(request):
    queryset = ActionSheet.objects.select_related("axis", "group", "pilot")
    return SheetFilter(request.GET, user=request.user, queryset=queryset)


def _query(request, **changes):
    """The current query string without the page number, with `changes` (None removes a parameter)."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()


def _chips(request, filterset):
    """The filters in use, as removable chips: label, value shown, query string without that filter."""
    chips = []
    data = getattr(filterset.form, "cleaned_data", {})
    for name, field in filterset.form.fields.items():
        value = data.get(name)
        if name == "tri" or value in (None, "", False) or name in filterset.form.errors:
            continue
        if name == "q":
            shown = f"« {value} »"
        elif value is True:
            shown = "oui"
        elif hasattr(field, "label_from_instance"):
            shown = field.label_from_instance(value)
        else:
            shown = dict(field.choices).get(value, value)
        chips.append({"label": field.label, "value": shown, "query": _query(request, **{name: None})})
    return chips


def _headers(request, filterset):
    """Column headers: sort link and aria-sort for the sortable ones."""
    current = filterset.sort or ("" if filterset.search_mode != "none" else "code")
    headers = []
    for key, label, first in COLUMNS:
        header = {"label": label, "key": key}
        if key:
            if current == key:
                header["aria_sort"], target = "ascending", f"-{key}"
            elif current == f"-{key}":
                header["aria_sort"], target = "descending", key
            else:
                header["aria_sort"], target = None, f"{first}{key}"
            header["query"] = _query(request, tri=target)
            header["next"] = "décroissant" if target.startswith("-") else "croissant"
        headers.append(header)
    return headers


def status_tone(status):
    if status in VALIDATED_STATES:
        return "success"
    if status in REVIEW_STATES:
        return "info"
    return "secondary"


def can_start_sheets(user):
    """Coordinators and the members of a working group start sheets (in their groups)."""
    return user.is_coordinator or (not user.is_reader and bool(my_memberships(user)))


@require_GET
def sheet_list(request):
    filterset = _filtered(request)
    paginator = pagination.CappedPaginator(filterset.qs, PAGE_SIZE, max_rows=MAX_ROWS)
    page = paginator.get_page(request.GET.get("page"))
    sheets = list(page.object_list)
    if filterset.search_mode == "fts":
        search.highlight(sheets, filterset.form.cleaned_data["q"])
    for sheet in sheets:
        sheet.tone = status_tone(sheet.status)
    page.object_list = sheets
    return render(
        request,
        "actionsheets/sheet_list.html",
        {
            "filter": filterset,
            "page": page,
            "total": paginator.total,
            "query": _query(request),
            "chips": _chips(request, filterset),
            "headers": _headers(request, filterset),
            "search_mode": filterset.search_mode,
            "searched": getattr(filterset.form, "cleaned_data", {}).get("q", ""),
            "can_start": can_start_sheets(request.user),
            "export_formats": EXPORT_FORMATS,
        },
    )


@require_GET
def sheet_export(request, fmt):
    filterset = _filtered(request)
    return export_sheets(filterset.qs, fmt, year=filterset.year)


# One sheet as a PDF


def euros(value):
    return "—" if value is None else f"{display(value)}\u00a0€"


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
        value = field_display(sheet, name)
        if value in ("", []) or getattr(sheet, name) is False:
            continue
        if name == "pilot":
            value = f"{sheet.pilot} ({sheet.pilot.organisation.name})"
        label = str(ActionSheet._meta.get_field(name).verbose_name)
        rows.append({"label": label[:1].upper() + label[1:], "value": value, "many": isinstance(value, list)})
    return rows


def pdf_sheet(pk):
    """The sheet with everything the PDF shows, in a fixed number of queries, totals summed by the database."""
    return with_totals(ActionSheet.objects.whole()).get(pk=pk)


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
    for line in sheet.budget_lines.all():
        line.planned_text, line.actual_text = euros(line.planned), euros(line.actual)
    for line in sheet.funding_lines.all():
        line.amount_text = euros(line.amount)
    for indicator in sheet.indicators.all():
        indicator.baseline_text, indicator.target_text = display(indicator.baseline), display(indicator.target)
        for measurement in indicator.measurements.all():
            measurement.value_text = display(measurement.value)
    return {
        "sheet": sheet,
        "sections": sections,
        "totals": {
            "planned": euros(sheet.planned_total),
            "actual": euros(sheet.actual_total),
            "requested": euros(sheet.requested_total),
            "granted": euros(sheet.granted_total),
            "refused": euros(sheet.refused_total),
        },
    }


def pdf_context(sheet):
    return {**sheet_pdf_parts(sheet), "commune": Commune.objects.current(), "printed_at": timezone.localtime()}


PDF_TEMPLATE = "actionsheets/pdf/sheet.html"


def render_sheet_pdf(sheet, cached=True):
    """The PDF bytes of a sheet loaded by pdf_sheet() (scripts/bench_pdf.py times this)."""
    return render_pdf(PDF_TEMPLATE, pdf_context(sheet), cached=cached)


@require_GET
def sheet_pdf(request, pk):
    get_sheet_for_user(request.user, pk)  # 404 outside the user's scope
    sheet = pdf_sheet(pk)
    return pdf_response(
        PDF_TEMPLATE,
        pdf_context(sheet),
        request=request,
        filename=f"fiche-{sheet.code}-{sheet.title[:40]}",
        cached=True,
    )


# The plan: every sheet of the filtered list in one PDF (for the steering committee)

# WeasyPrint lays out about 10 pages a second here: 50 fully filled sheets (152 pages) take 15 s the first
# time (scripts/bench_pdf.py). Beyond 60 sheets, the filters narrow the selection.
PLAN_MAX_SHEETS = 60


@require_GET
def plan_pdf(request):
    filterset = _filtered(request)
    ids = list(filterset.qs.values_list("pk", flat=True)[: PLAN_MAX_SHEETS + 1])
    capped = len(ids) > PLAN_MAX_SHEETS
    ids = ids[:PLAN_MAX_SHEETS]
    loaded = {sheet.pk: sheet for sheet in with_totals(ActionSheet.objects.whole()).filter(pk__in=ids)}
    context = {
        "entries": [sheet_pdf_parts(loaded[pk]) for pk in ids],  # in the list's order
        "criteria": [f"{chip['label']} : {chip['value']}" for chip in _chips(request, filterset)],
        "capped": capped,
        "total": filterset.qs.count() if capped else len(ids),
        "max_sheets": PLAN_MAX_SHEETS,
        "commune": Commune.objects.current(),
        "printed_at": timezone.localtime(),
    }
    return pdf_response(
        "actionsheets/pdf/plan.html",
        context,
        request=request,
        filename=f"plan-d-actions-{timezone.localdate():%Y-%m-%d}",
        cached=True,
    )
