"""The axis page (`/axes/<code>/`): one axis of the programme in one place, for every logged-in user."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from programme import axis as queries


@require_safe
def axis_detail(request, code):
    axis = queries.get_axis(code)
    upcoming, past = queries.sessions(request.user, axis)
    context = {
        "axis": axis,
        "sections": queries.cached_sections(request.user, axis, request=request),
        "findings": axis.findings.all(),
        "obstacles": axis.obstacles.visible_to(request.user),
        "upcoming": upcoming,
        "past": past,
    }
    return render(request, "programme/axis_detail.html", context)
