"""The list of fiches actions (filters, search, sort), its exports, one sheet as a PDF and the plan."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from actionsheets import documents, plan_document, search
from actionsheets.exports import export_sheets
from actionsheets.filters import SheetFilter
from actionsheets.models import ActionSheet
from actionsheets.permissions import can_start_sheets, get_sheet_for_user
from solidarites.lib import pagination
from solidarites.lib.filters import applied_filters
from solidarites.lib.pdf import pdf_response

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


def _chips(request, filterset):
    """The filters in use, as removable chips (the sort order is not a filter)."""
    return applied_filters(request, filterset, skip=("tri",))


def _headers(filterset):
    """Column headers: the sort their link asks for (`target`) and aria-sort, for the sortable ones."""
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
            header["target"] = target
            header["next"] = "décroissant" if target.startswith("-") else "croissant"
        headers.append(header)
    return headers


def _page(request, filterset):
    """The page asked for, its sheets highlighted when searched by words."""
    paginator = pagination.CappedPaginator(filterset.qs, PAGE_SIZE, max_rows=MAX_ROWS)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    if filterset.search_mode == "fts":
        search.highlight(page.object_list, filterset.form.cleaned_data["q"])
    return page, paginator.total


@require_safe
def sheet_list(request):
    filterset = _filtered(request)
    page, total = _page(request, filterset)
    context = {
        "filter": filterset,
        "page": page,
        "total": total,
        "chips": _chips(request, filterset),
        "headers": _headers(filterset),
        "search_mode": filterset.search_mode,
        "searched": getattr(filterset.form, "cleaned_data", {}).get("q", ""),
        "can_start": can_start_sheets(request.user),
    }
    return render(request, "actionsheets/sheet_list.html", context)


@require_safe
def sheet_export(request, fmt):
    filterset = _filtered(request)
    return export_sheets(filterset.qs, fmt, year=filterset.year)


@require_safe
def sheet_pdf(request, pk):
    get_sheet_for_user(request.user, pk)  # 404 outside the user's scope
    sheet = documents.pdf_sheet(pk)
    context = documents.pdf_context(sheet)
    name = documents.sheet_pdf_name(sheet)
    return pdf_response(documents.PDF_TEMPLATE, context, request=request, filename=name, cached=True)


@require_safe
def plan_pdf(request):
    """The plan d'actions of the filtered list: what it will hold, and the button that has it built in the
    background (background.documents; the old address of the PDF, kept for links and bookmarks)."""
    filterset, criteria = plan_document.selection(request.GET, request.user)
    count = filterset.qs.count()
    context = {
        "count": count,
        "criteria": criteria,
        "capped": count > documents.PLAN_MAX_SHEETS,
        "max_sheets": documents.PLAN_MAX_SHEETS,
        "query": request.GET.urlencode(),
    }
    return render(request, "actionsheets/plan_request.html", context)
