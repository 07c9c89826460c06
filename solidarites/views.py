"""Project-wide pages: home, « Mon espace », legal pages, site map, health check, session extension and error pages."""

import logging
import mimetypes
import sys

from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from actionsheets.permissions import startable_groups
from background.status import health_report
from partners.models import Axis, Commune
from partners.permissions import can_import, can_merge
from programme.permissions import can_see_overlaps, can_see_partner_map, can_see_snapshots
from solidarites.help import BY_SLUG, TOPICS
from solidarites.lib import panels
from workshops.models import Meeting, WorkingGroup
from workshops.permissions import (
    FACILITATING_ROLES,
    can_manage_groups,
    can_manage_venues,
    can_schedule_meetings,
    can_see_attendance_stats,
    can_write_findings,
    can_write_obstacles,
    my_memberships,
)

security = logging.getLogger("solidarites.security")
RETRY_AFTER_SECONDS = 30


@login_not_required
@require_safe
def home(request):
    axes = list(Axis.objects.active())
    return render(
        request,
        "pages/home.html",
        {
            "axes": [axis for axis in axes if not axis.is_cross_cutting],
            "cross_axes": [axis for axis in axes if axis.is_cross_cutting],
        },
    )


@require_safe
def my_space(request):
    roles = my_memberships(request.user)
    groups = WorkingGroup.objects.filter(pk__in=roles).select_related("axis")
    meetings = Meeting.objects.visible_to(request.user).upcoming().select_related("venue").order_by("starts_at")[:5]
    # Each group with whether this person runs it (animateur or co-animateur).
    my_groups = [(group, roles[group.pk] in FACILITATING_ROLES) for group in groups]
    # « Mes actions » (programme.followup_panels) and what else the higher apps add to this page.
    context = {
        "my_groups": my_groups,
        "upcoming": meetings,
        "panels": panels.collect("solidarites.my_space", request, request.user),
    }
    return render(request, "pages/my_space.html", context)


def _static_page(template):
    @login_not_required
    @require_safe
    def view(request):
        return render(request, template)

    return view


legal_notice = _static_page("pages/legal_notice.html")
personal_data = _static_page("pages/personal_data.html")
accessibility = _static_page("pages/accessibility.html")
contact = _static_page("pages/contact.html")


@login_not_required
@require_safe
def help_page(request, slug=None):
    """The help index, or the page of one task (solidarites.help): public."""
    if slug is None:
        return render(request, "pages/help.html", {"topics": TOPICS})
    if slug not in BY_SLUG:
        raise Http404("Pas de page d'aide à cette adresse.")
    return render(request, f"pages/help/{slug}.html", {"topic": BY_SLUG[slug], "topics": TOPICS})


@login_not_required
@require_safe
def site_map(request):
    """Every page this visitor may open, by section: what each permission module answers for them."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "pages/site_map.html", {"help_topics": TOPICS})
    rights = {
        "can_see_partner_map": can_see_partner_map(user),
        "can_see_overlaps": can_see_overlaps(user),
        "can_see_snapshots": can_see_snapshots(user),
        "can_see_attendance_stats": can_see_attendance_stats(user),
        "can_schedule_meetings": can_schedule_meetings(user),
        "can_manage_groups": can_manage_groups(user),
        "can_manage_venues": can_manage_venues(user),
        "can_start_sheets": startable_groups(user).exists(),
        "can_write_findings": can_write_findings(user),
        "can_write_obstacles": can_write_obstacles(user),
        "can_import": can_import(user),
        "can_merge": can_merge(user),
        # the benchmark's floor page (scripts/bench) exists only where the demo app is installed (development)
        "has_perf_floor": apps.is_installed("solidarites.demo"),
    }
    return render(request, "pages/site_map.html", {**rights, "axes": Axis.objects.active(), "help_topics": TOPICS})


@login_not_required
@require_safe
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse(
            "base de données indisponible\n",
            status=503,
            content_type="text/plain",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    report, state = health_report()  # the workers never fail the web check: tasks wait for them
    return HttpResponse(f"ok\n{report}\n", content_type="text/plain", headers={"X-Worker-Status": state})


@require_POST
def extend_session(request):
    # The session middleware saves the session on every request, which pushes its expiry back.
    return JsonResponse({"expires_in": request.session.get_expiry_age()})


def _error_page(request, template, status):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    user_id = request.user.pk if request.user.is_authenticated else None
    security.warning("forbidden user_id=%s method=%s path=%s", user_id, request.method, request.path)
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def csrf_failure(request, reason=""):
    security.warning("csrf_failure method=%s path=%s", request.method, request.path)
    return _error_page(request, "403_csrf.html", 403)


def server_error(request):
    """500, or 503 with Retry-After when the database is unreachable. Touches no DB, session or user."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        body = loader.get_template("503.html").render({"retry_after": RETRY_AFTER_SECONDS})
        return HttpResponse(body, status=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@login_not_required
@require_safe
def commune_logo(request):
    """The commune's logo, uploaded in the admin; served here so that no media server is needed."""
    commune = Commune.objects.current()
    if not commune.logo:
        raise Http404("Aucun logo")
    content_type = mimetypes.guess_type(commune.logo.name)[0] or "application/octet-stream"
    response = FileResponse(commune.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
