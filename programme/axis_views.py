"""The axis page (`/axes/<code>/`): one axis of the programme in one place, for every logged-in user."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from programme import axis as queries
from programme.permissions import can_see_partner_map, sees_every_sheet


@require_GET
def axis_detail(request, code):
    axis = queries.get_axis(code)
    figures = queries.cached_figures(request.user, axis)
    groups, group_total = queries.groups_and_facilitators(request.user, figures["groups"])
    upcoming, past = queries.sessions(request.user, axis)
    statuses = figures["statuses"]
    structures, structure_total = figures["structures"]
    context = {
        "axis": axis,
        "groups": groups,
        "groups_more": group_total - len(groups),
        "findings": axis.findings.all(),
        "statuses": statuses,
        "sheet_total": sum(row["count"] for row in statuses),
        "sees_every_sheet": sees_every_sheet(request.user),
        "obstacles": axis.obstacles.visible_to(request.user),
        "upcoming": upcoming,
        "past": past,
        "structures": structures,
        "structure_total": structure_total,
        "can_see_map": can_see_partner_map(request.user),
    }
    return render(request, "programme/axis_detail.html", context)
