"""Downloads of the workshops lists (CSV for Excel, XLSX, ODS): each the rows of its page, read by the page's
own helper. Lists naming people (a session's invitees and attendance) are for those who run the session and
leave a line in the log."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.http import require_safe

from partners.exports import commune_stem
from partners.services import log_list_export
from solidarites.lib.exports import check_format, spreadsheet_response
from workshops import exports, reports
from workshops.forms import attendance_formset
from workshops.permissions import (
    can_export_meeting_people,
    get_group_for_user,
    get_meeting_for_user,
    stats_reader_required,
)
from workshops.register_views import filtered_findings, filtered_obstacles
from workshops.views import calendar_meetings, group_meetings


@require_safe
def calendar_export(request, fmt):
    """The sessions of the calendar as shown: the month on screen, or the list (upcoming or past), of the group
    chosen."""
    check_format(fmt)
    meetings = calendar_meetings(request)
    return exports.respond(meetings, exports.MEETING_COLUMNS, fmt, "Séances", commune_stem("seances"))[0]


@require_safe
def group_meetings_export(request, pk, fmt):
    group = get_group_for_user(request.user, pk)
    check_format(fmt)
    upcoming, past = group_meetings(group, related=("groups",))
    stem = exports.object_stem("seances", group.name)
    return exports.respond(upcoming + past, exports.MEETING_COLUMNS, fmt, "Séances", stem)[0]


def _people_of(request, pk, fmt):
    meeting = get_meeting_for_user(request.user, pk)
    if not can_export_meeting_people(request.user, meeting):
        raise PermissionDenied
    check_format(fmt)
    return meeting


@require_safe
def invitations_export(request, pk, fmt):
    meeting = _people_of(request, pk, fmt)
    invitations, _ = reports.answer_summary(meeting)
    stem = exports.object_stem("invitations", meeting)
    response, rows = exports.respond(invitations, exports.INVITATION_COLUMNS, fmt, "Invitations et réponses", stem)
    what = f"des invitations et réponses de la séance « {meeting} »"
    log_list_export(by=request.user, what=what, fmt=fmt, rows=rows, filters={}, target=meeting)
    return response


@require_safe
def attendance_export(request, pk, fmt):
    meeting = _people_of(request, pk, fmt)
    rows = attendance_formset(meeting).rows
    stem = exports.object_stem("presences", meeting)
    response, count = exports.respond(rows, exports.ATTENDANCE_COLUMNS, fmt, "Présences", stem)
    what = f"des présences de la séance « {meeting} »"
    log_list_export(by=request.user, what=what, fmt=fmt, rows=count, filters={}, target=meeting)
    return response


@stats_reader_required
@require_safe
def participation_export(request, table, fmt):
    """One table of the participation page (per group, per session, per structure, the rates, the structures
    never present)."""
    check_format(fmt)
    if table not in exports.PARTICIPATION_TABLES:
        raise Http404("Tableau inconnu")
    figures = reports.participation()[exports.PARTICIPATION_TABLES[table]]
    stem = commune_stem(f"participation-{table}")
    return spreadsheet_response(exports.figures_dataset(figures), fmt, stem)


@require_safe
def finding_export(request, fmt):
    check_format(fmt)
    findings = filtered_findings(request).qs
    stem = commune_stem("diagnostic")
    return exports.respond(findings, exports.FINDING_COLUMNS, fmt, "Diagnostic partagé", stem)[0]


@require_safe
def obstacle_export(request, fmt):
    check_format(fmt)
    obstacles = filtered_obstacles(request).qs
    stem = commune_stem("freins")
    return exports.respond(obstacles, exports.OBSTACLE_COLUMNS, fmt, "Freins à la coordination", stem)[0]
