"""The shared diagnostic (findings per axis) and the register of coordination obstacles (« freins »).

Every logged-in user reads both. Coordinators write findings; coordinators and the facilitators of a group
(animateur, co-animateur) write obstacles; everybody else gets 403 there. Edits are versioned: the second of two
people saving the same record gets a conflict message with both versions and keeps what they typed.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from background.submissions import replay_if_sent, submit_once
from partners.models import AuditEntry, Axis
from partners.versioning import save_versioned
from solidarites.lib import panels
from solidarites.lib.filters import applied_filters, query_without
from solidarites.lib.pagination import CappedPaginator
from workshops import register_services as services
from workshops.models import CoordinationObstacle, Finding, Meeting
from workshops.permissions import (
    can_see_obstacle_history,
    can_write_findings,
    can_write_obstacles,
    finding_writer_required,
    obstacle_writer_required,
    visible_meeting_ids,
)
from workshops.register_filters import FindingFilter, ObstacleFilter
from workshops.register_forms import FindingForm, ObstacleForm
from workshops.reports import findings_by_axis, obstacle_counts

PAGE_SIZE = 25


FILTER_SYNONYMS = {"seance": ["meeting"]}  # query-string parameters that mean the same filter


# Findings (« Diagnostic partagé »)


def _finding_anchor(finding):
    return reverse("workshops:finding_list") + f"#axe-{finding.axis.code}"


def _finding_page(finding):
    """Heading, breadcrumbs and way back of the page adding (`finding` None) or changing a finding."""
    page = {"parent_label": "Diagnostic partagé", "parent_url": reverse("workshops:finding_list")}
    if finding is None:
        return page | {
            "heading": "Ajouter un constat",
            "crumb": "Ajouter un constat",
            "cancel_url": page["parent_url"],
        }
    heading = f"Modifier le constat « {finding} »"
    return page | {"heading": heading, "crumb": "Modifier le constat", "cancel_url": _finding_anchor(finding)}


@require_safe
def finding_list(request):
    filterset = filtered_findings(request)
    found = list(filterset.qs)
    fragments = panels.collect_each("workshops.finding_list", request, found)
    for finding in found:
        finding.panels = fragments.get(finding.pk, [])
    context = {"filter": filterset, "groups": findings_by_axis(found), "count": len(found)}
    context |= {"chips": applied_filters(request, filterset), "can_write_findings": can_write_findings(request.user)}
    return render(request, "workshops/finding_list.html", context)


def filtered_findings(request):
    """The findings of the diagnostic the user reads, filtered by the query string, by axis."""
    findings = Finding.objects.visible_to(request.user).select_related("axis").by_axis()
    return FindingFilter(request.GET, queryset=findings)


@finding_writer_required
@require_http_methods(["GET", "HEAD", "POST"])
def finding_create(request):
    if replay := replay_if_sent(request):
        return replay
    initial = {}
    axis_id = request.GET.get("axe", "")
    if axis_id.isascii() and axis_id.isdigit() and len(axis_id) < 10:
        initial["axis"] = Axis.objects.active().filter(pk=axis_id).first()
    form = FindingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            finding = services.create_finding(by=request.user, data=form.changes())
            messages.success(request, f"Le constat « {finding} » a été ajouté au diagnostic.")
            return submission.redirect(_finding_anchor(finding))
    return render(request, "workshops/finding_form.html", {"form": form, **_finding_page(None)})


@finding_writer_required
@require_http_methods(["GET", "HEAD", "POST"])
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
    context = {"form": form, "finding": finding, **_finding_page(finding), **conflict}
    return render(request, "workshops/finding_form.html", context)


# Coordination obstacles (« Freins à la coordination »)


@require_safe
def obstacle_list(request):
    filterset = filtered_obstacles(request)
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    meeting_ids = {obstacle.meeting_id for obstacle in page.object_list}
    return render(
        request,
        "workshops/obstacle_list.html",
        {
            "filter": filterset,
            "page": page,
            "chips": applied_filters(request, filterset, synonyms=FILTER_SYNONYMS),
            "visible_meetings": visible_meeting_ids(request.user, meeting_ids),
            "counts": obstacle_counts(
                filterset.qs, list(Axis.objects.thematic()), query_without(request, "categorie", "axe")
            ),
            "can_write": can_write_obstacles(request.user),
        },
    )


def filtered_obstacles(request):
    """The register's obstacles the user reads, filtered by the query string."""
    obstacles = (
        CoordinationObstacle.objects.visible_to(request.user).select_related("meeting").prefetch_related("axes")
    )
    return ObstacleFilter(request.GET, user=request.user, queryset=obstacles)


@require_safe
def obstacle_detail(request, pk):
    obstacles = CoordinationObstacle.objects.visible_to(request.user).select_related("meeting", "created_by")
    obstacle = get_object_or_404(obstacles, pk=pk)
    return render(
        request,
        "workshops/obstacle_detail.html",
        {
            "obstacle": obstacle,
            "axes": obstacle.axes.all(),
            "meeting_visible": obstacle.meeting_id in visible_meeting_ids(request.user, {obstacle.meeting_id}),
            "can_write": can_write_obstacles(request.user),
            "panels": panels.collect("workshops.obstacle_detail", request, obstacle),
            "history": AuditEntry.objects.filter(
                target_type__app_label="workshops",
                target_type__model="coordinationobstacle",
                target_id=str(obstacle.pk),
            ).select_related("actor")[:20]
            if can_see_obstacle_history(request.user)
            else [],
        },
    )


def _obstacle_page(obstacle, meeting):
    """Heading, breadcrumbs and way back of the page raising (`obstacle` None, maybe from `meeting`) or
    changing an obstacle."""
    page = {"parent_label": "Freins à la coordination", "parent_url": reverse("workshops:obstacle_list")}
    if obstacle is not None:
        heading = f"Modifier le frein « {obstacle} »"
        return page | {"heading": heading, "crumb": "Modifier le frein", "cancel_url": obstacle.get_absolute_url()}
    cancel_url = meeting.get_absolute_url() if meeting else page["parent_url"]
    return page | {
        "heading": "Signaler un frein à la coordination",
        "crumb": "Signaler un frein",
        "cancel_url": cancel_url,
    }


def _meeting_from_query(request):
    """The meeting of « ?seance=<pk> », when this user may see it."""
    value = request.GET.get("seance", "")
    if not (value.isascii() and value.isdigit() and len(value) < 10):
        return None
    return Meeting.objects.visible_to(request.user).filter(pk=value).first()


@obstacle_writer_required
@require_http_methods(["GET", "HEAD", "POST"])
def obstacle_create(request):
    if replay := replay_if_sent(request):
        return replay
    meeting = _meeting_from_query(request)
    form = ObstacleForm(request.POST or None, user=request.user, initial={"meeting": meeting} if meeting else {})
    if request.method == "POST" and form.is_valid():
        with submit_once(request) as submission:
            if submission.repeated:
                return submission.replay()
            obstacle = services.create_obstacle(by=request.user, data=form.changes())
            messages.success(request, f"Le frein « {obstacle} » a été ajouté au registre.")
            return submission.redirect(obstacle)
    context = {"form": form, "meeting": meeting, **_obstacle_page(None, meeting)}
    return render(request, "workshops/obstacle_form.html", context)


@obstacle_writer_required
@require_http_methods(["GET", "HEAD", "POST"])
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
    context = {"form": form, "obstacle": obstacle, **_obstacle_page(obstacle, None), **conflict}
    return render(request, "workshops/obstacle_form.html", context)
