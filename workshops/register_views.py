"""The shared diagnostic (findings per axis) and the register of coordination obstacles (« freins »).

Every logged-in user reads both. Coordinators write findings; coordinators and the facilitators of a group
(animateur, co-animateur) write obstacles; everybody else gets 403 there. Edits are versioned: the second of two
people saving the same record gets a conflict message with both versions and keeps what they typed.
"""

from functools import wraps
from itertools import groupby
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from partners.models import AuditEntry, Axis
from partners.permissions import coordinator_required
from partners.versioning import save_versioned
from solidarites.lib.pagination import CappedPaginator
from workshops import register_services as services
from workshops.models import CoordinationObstacle, Finding, Meeting, ObstacleCategory
from workshops.permissions import is_facilitator, sees_everything
from workshops.register_filters import FindingFilter, ObstacleFilter
from workshops.register_forms import FindingForm, ObstacleForm

PAGE_SIZE = 25


def can_write_obstacles(user):
    """Coordinators (and administrators), and partners who facilitate a working group."""
    return user.is_coordinator or (user.is_partner and is_facilitator(user))


def obstacle_writer_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_write_obstacles(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_meeting_ids(user, meeting_ids):
    """The ids among `meeting_ids` of the meetings this user may open (one query at most)."""
    meeting_ids = {pk for pk in meeting_ids if pk}
    if not meeting_ids or sees_everything(user):
        return meeting_ids
    return set(Meeting.objects.visible_to(user).filter(pk__in=meeting_ids).values_list("pk", flat=True))


def _query_without(request, *names):
    query = request.GET.copy()
    for name in ("page", *names):
        query.pop(name, None)
    return query.urlencode()


FILTER_SYNONYMS = {"seance": ["meeting"]}  # query-string parameters that mean the same filter


def _applied_filters(request, filterset):
    """The filters in use, as removable chips: label, value shown, query string without that filter."""
    chips = []
    data = getattr(filterset.form, "cleaned_data", {})
    for name, field in filterset.form.fields.items():
        value = data.get(name)
        if value in (None, "") or name in filterset.form.errors:
            continue
        if hasattr(field, "label_from_instance"):
            shown = field.label_from_instance(value)
        else:
            shown = dict(field.choices).get(value, value)
        chips.append(
            {
                "label": field.label,
                "value": shown,
                "query": _query_without(request, name, *FILTER_SYNONYMS.get(name, [])),
            }
        )
    return chips


# Findings (« Diagnostic partagé »)


def _finding_anchor(finding):
    return reverse("workshops:finding_list") + f"#axe-{finding.axis.code}"


@require_GET
def finding_list(request):
    findings = Finding.objects.select_related("axis").order_by(
        "axis__is_cross_cutting", "axis__position", "axis__code", "position", "pk"
    )
    filterset = FindingFilter(request.GET, queryset=findings)
    found = list(filterset.qs)
    groups = []
    for axis, items in groupby(found, key=attrgetter("axis")):
        items = list(items)
        kinds = [
            (sum(1 for item in items if item.kind == value), label.lower()) for value, label in Finding.Kind.choices
        ]
        summary = " · ".join(f"{n} {label}{'s' if n > 1 else ''}" for n, label in kinds if n)
        groups.append({"axis": axis, "findings": items, "summary": summary})
    return render(
        request,
        "workshops/finding_list.html",
        {"filter": filterset, "groups": groups, "count": len(found), "chips": _applied_filters(request, filterset)},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def finding_create(request):
    initial = {}
    axis_id = request.GET.get("axe", "")
    if axis_id.isascii() and axis_id.isdigit() and len(axis_id) < 10:
        initial["axis"] = Axis.objects.active().filter(pk=axis_id).first()
    form = FindingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        finding = services.create_finding(by=request.user, data=form.changes())
        messages.success(request, f"Le constat « {finding} » a été ajouté au diagnostic.")
        return redirect(_finding_anchor(finding))
    return render(request, "workshops/finding_form.html", {"form": form})


@coordinator_required
@require_http_methods(["GET", "POST"])
def finding_edit(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("axis"), pk=pk)
    form = FindingForm(request.POST or None, instance=finding)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        response, conflict = save_versioned(
            request,
            form,
            finding,
            f"Le constat « {finding} » a été enregistré.",
            reverse("workshops:finding_list") + f"#axe-{form.cleaned_data['axis'].code}",
        )
        if response:
            return response
    return render(request, "workshops/finding_form.html", {"form": form, "finding": finding, **conflict})


# Coordination obstacles (« Freins à la coordination »)


def obstacle_counts(obstacles, axes, request):
    """Category × thematic axis table of `obstacles` (a queryset), in two queries.

    A cell counts the obstacles of that category concerning that axis; the « Total » column counts each
    obstacle of the category once (an obstacle may concern several axes, or none).
    """
    ids = obstacles.values("pk")
    through = CoordinationObstacle.axes.through
    cells = {
        (row["coordinationobstacle__category"], row["axis_id"]): row["n"]
        for row in through.objects.filter(coordinationobstacle__in=ids)
        .values("coordinationobstacle__category", "axis_id")
        .annotate(n=Count("coordinationobstacle_id", distinct=True))
        .order_by()
    }
    totals = dict(
        CoordinationObstacle.objects.filter(pk__in=ids)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("category", "n")
    )
    base = _query_without(request, "categorie", "axe")
    prefix = f"?{base}&" if base else "?"
    rows = []
    for value, label in ObstacleCategory.choices:
        counts = [
            {
                "axis": axis,
                "n": cells.get((value, axis.pk), 0),
                "url": f"{prefix}categorie={value}&axe={axis.pk}",
            }
            for axis in axes
        ]
        rows.append(
            {
                "value": value,
                "label": label,
                "counts": counts,
                "total": totals.get(value, 0),
                "url": f"{prefix}categorie={value}",
            }
        )
    column_totals = [sum(row["counts"][i]["n"] for row in rows) for i in range(len(axes))]
    return {
        "rows": rows,
        "axes": axes,
        "column_totals": column_totals,
        "total": sum(totals.values()),
    }


@require_GET
def obstacle_list(request):
    obstacles = CoordinationObstacle.objects.select_related("meeting").prefetch_related("axes")
    filterset = ObstacleFilter(request.GET, user=request.user, queryset=obstacles)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    meeting_ids = {obstacle.meeting_id for obstacle in page.object_list}
    return render(
        request,
        "workshops/obstacle_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": _query_without(request),
            "chips": _applied_filters(request, filterset),
            "visible_meetings": visible_meeting_ids(request.user, meeting_ids),
            "counts": obstacle_counts(filterset.qs, list(Axis.objects.thematic()), request),
            "can_write": can_write_obstacles(request.user),
        },
    )


@require_GET
def obstacle_detail(request, pk):
    obstacle = get_object_or_404(CoordinationObstacle.objects.select_related("meeting", "created_by"), pk=pk)
    return render(
        request,
        "workshops/obstacle_detail.html",
        {
            "obstacle": obstacle,
            "axes": obstacle.axes.all(),
            "meeting_visible": obstacle.meeting_id in visible_meeting_ids(request.user, {obstacle.meeting_id}),
            "can_write": can_write_obstacles(request.user),
            "history": AuditEntry.objects.filter(
                target_type__app_label="workshops",
                target_type__model="coordinationobstacle",
                target_id=str(obstacle.pk),
            ).select_related("actor")[:20]
            if request.user.is_coordinator
            else [],
        },
    )


def _meeting_from_query(request):
    """The meeting of « ?seance=<pk> », when this user may see it."""
    value = request.GET.get("seance", "")
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        return None
    return Meeting.objects.visible_to(request.user).filter(pk=value).first()


@obstacle_writer_required
@require_http_methods(["GET", "POST"])
def obstacle_create(request):
    meeting = _meeting_from_query(request)
    form = ObstacleForm(request.POST or None, user=request.user, initial={"meeting": meeting} if meeting else {})
    if request.method == "POST" and form.is_valid():
        obstacle = services.create_obstacle(by=request.user, data=form.changes())
        messages.success(request, f"Le frein « {obstacle} » a été ajouté au registre.")
        return redirect(obstacle)
    return render(request, "workshops/obstacle_form.html", {"form": form, "meeting": meeting})


@obstacle_writer_required
@require_http_methods(["GET", "POST"])
def obstacle_edit(request, pk):
    obstacle = get_object_or_404(CoordinationObstacle, pk=pk)
    form = ObstacleForm(request.POST or None, instance=obstacle, user=request.user)
    conflict = {}
    if request.method == "POST" and form.is_valid():
        response, conflict = save_versioned(
            request, form, obstacle, f"Le frein « {obstacle} » a été enregistré.", obstacle.get_absolute_url()
        )
        if response:
            return response
    return render(request, "workshops/obstacle_form.html", {"form": form, "obstacle": obstacle, **conflict})
