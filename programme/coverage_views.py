"""Need → action coverage: each need of the diagnostic with the fiches that answer it, the coverage per axis,
its export, and the page that links a finding to fiches from the finding's side."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from actionsheets import services
from actionsheets.models import ActionSheet
from partners.models import Axis
from programme import coverage as cover
from programme.forms import FindingSheetsForm
from programme.permissions import can_link_finding, offers_finding_links, programme_sheets
from solidarites.lib.exports import check_format, spreadsheet_response, table
from workshops.models import Finding

LOCKED_MESSAGE = "Une des fiches ne peut plus être modifiée (elle vient d'être soumise) : rien n'a été enregistré."
EXPORT_HEADERS = ["Axe", "Nature", "Constat", "Source", "Fiches qui y répondent", "Fiches"]


def _chosen_axis(request):
    code = request.GET.get("axe", "")
    return Axis.objects.active().filter(code=code).first() if code.isascii() and code.isalpha() else None


def _rows(request, axis):
    sheets = programme_sheets(request.user)
    return cover.coverage_rows(sheets, ActionSheet.objects.visible_to(request.user), axis)


@require_safe
def coverage(request):
    axis = _chosen_axis(request)
    per_axis = cover.axis_coverage(programme_sheets(request.user))
    rows = _rows(request, axis)
    context = {
        "axis": axis,
        "axes": [row["axis"] for row in per_axis],
        "per_axis": per_axis,
        "chart": cover.coverage_chart(per_axis),
        "rows": rows,
        "uncovered": sum(1 for row in rows if not row["sheets"]),
        "can_link": offers_finding_links(request.user),
    }
    return render(request, "programme/coverage.html", context)


@require_safe
def coverage_export(request, fmt):
    check_format(fmt)
    rows = (_export_row(row) for row in _rows(request, _chosen_axis(request)))
    return spreadsheet_response(table(EXPORT_HEADERS, rows, "Couverture des besoins"), fmt, "couverture-besoins")


def _export_row(row):
    finding, sheets = row["finding"], row["sheets"]
    codes = " ; ".join(sheet.label for sheet in sheets)
    axis = f"{finding.axis.code} – {finding.axis.short_title}"
    return [axis, finding.get_kind_display(), finding.title, finding.get_source_display(), len(sheets), codes]


@require_http_methods(["GET", "HEAD", "POST"])
def finding_sheets(request, pk):
    finding = get_object_or_404(Finding.objects.visible_to(request.user).select_related("axis"), pk=pk)
    data = request.POST if request.method == "POST" else None
    candidates = cover.link_candidates(finding, request.user, FindingSheetsForm.asked(data))
    form = FindingSheetsForm(data, finding=finding, candidates=candidates, user=request.user)
    if not can_link_finding(request.user, form.editable):
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        add, remove = form.changes()
        try:
            linked, unlinked = services.link_finding(by=request.user, finding=finding, add=add, remove=remove)
        except services.SectionLocked:
            form.add_error("sheets", LOCKED_MESSAGE)
        else:
            messages.success(request, _saved_message(finding, linked, unlinked))
            return redirect(reverse("programme:coverage") + f"#constat-{finding.pk}")
    return render(request, "programme/finding_sheets.html", {"finding": finding, "form": form})


def _saved_message(finding, linked, unlinked):
    if not linked and not unlinked:
        return f"Rien n'a changé pour le constat « {finding} »."
    parts = [f"liées : {', '.join(linked)}" if linked else "", f"retirées : {', '.join(unlinked)}" if unlinked else ""]
    return f"Les fiches du constat « {finding} » ont été enregistrées ({' ; '.join(part for part in parts if part)})."
