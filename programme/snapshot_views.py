"""Closing a COPIL, programme snapshots and « ce qui a changé » (programme/snapshots.py): who may see or do what
is programme/permissions.py's answer (can_see_snapshots, can_close_copil)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from programme import snapshots as data
from programme.models import CopilDossier, ProgrammeSnapshot
from programme.permissions import can_close_copil, can_see_snapshots
from solidarites.lib.exports import check_format, spreadsheet_response, table


def _check_can_see(user):
    if not can_see_snapshots(user):
        raise PermissionDenied("Les instantanés du programme sont réservés à l'équipe projet et aux élus.")


@require_POST
def copil_close(request, pk):
    if not can_close_copil(request.user):
        raise PermissionDenied("Seule l'équipe projet clôt un COPIL.")
    dossier = get_object_or_404(CopilDossier, meeting__pk=pk)
    try:
        snapshot = data.close_copil(by=request.user, dossier=dossier)
    except data.CopilAlreadyClosed:
        messages.error(request, "Ce COPIL est déjà clos : son instantané du programme ne change plus.")
    else:
        messages.success(
            request, f"COPIL clos. L'instantané du programme ({snapshot.label}) est enregistré et ne changera plus."
        )
    return redirect("programme:copil_dossier", pk=pk)


@require_safe
def snapshot_list(request):
    _check_can_see(request.user)
    snapshots = list(
        ProgrammeSnapshot.objects.select_related("taken_by", "dossier__meeting")
        .annotate(sheet_count=Count("rows"))
        .order_by("-taken_at", "-pk")
    )
    pairs = [
        (item, snapshots[index + 1] if index + 1 < len(snapshots) else None) for index, item in enumerate(snapshots)
    ]
    return render(request, "programme/snapshot_list.html", {"pairs": pairs})


@require_safe
def snapshot_detail(request, pk):
    _check_can_see(request.user)
    snapshot = get_object_or_404(ProgrammeSnapshot.objects.select_related("taken_by", "dossier__meeting"), pk=pk)
    rows = list(snapshot.rows.all())
    context = {"snapshot": snapshot, "axes": data.axes_of(rows), "sheet_count": len(rows)}
    return render(request, "programme/snapshot_detail.html", context)


@require_safe
def changes(request):
    _check_can_see(request.user)
    form, result = data.changes_from(request.GET)
    context = {"form": form, "changes": result, "has_snapshots": form.has_snapshots}
    return render(request, "programme/changes.html", context)


@require_safe
def changes_export(request, fmt):
    _check_can_see(request.user)
    check_format(fmt)
    _, result = data.changes_from(request.GET)
    if result is None:
        raise Http404("Aucun instantané à comparer.")
    dataset = table(data.EXPORT_HEADERS, data.export_rows(result), "Ce qui a changé")
    return spreadsheet_response(dataset, fmt, "ce-qui-a-change")
