"""What the working groups add to the structure page of the directory (solidarites.lib.panels): the groups
its interlocutors belong to, and the sessions they attended over the last twelve months. A group or a
session is a link only when the user may open it (workshops.permissions)."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from solidarites.lib import panels
from workshops.models import Attendance, Meeting, Membership
from workshops.permissions import my_memberships, sees_everything

LAST_SESSIONS = 5
YEAR = timedelta(days=365)


def _groups(user, organisation):
    """[{group, roles, visible}] of the active groups where the structure has an active member."""
    memberships = (
        Membership.objects.filter(contact__organisation=organisation, is_active=True, group__is_active=True)
        .select_related("group", "group__axis")
        .order_by("group__position", "group__name", "role")
    )
    mine, everything, rows = my_memberships(user), sees_everything(user), {}
    for membership in memberships:
        row = rows.setdefault(
            membership.group_id,
            {"group": membership.group, "roles": [], "visible": everything or membership.group_id in mine},
        )
        if membership.get_role_display() not in row["roles"]:
            row["roles"].append(membership.get_role_display())
    return list(rows.values())


def organisation_participation(request, organisation):
    """The structure page's « Groupes de travail » and « Séances » sections."""
    now = timezone.now()
    attended = Attendance.objects.attended().filter(
        contact__organisation=organisation, meeting__starts_at__gte=now - YEAR, meeting__starts_at__lte=now
    )
    count = attended.values("meeting").distinct().count()
    # Only the sessions this user may open are named; the count covers them all.
    last = Meeting.objects.visible_to(request.user).filter(pk__in=attended.values("meeting")).order_by("-starts_at")
    context = {
        "groups": _groups(request.user, organisation),
        "session_count": count,
        "last_sessions": list(last[:LAST_SESSIONS]),
    }
    return render_to_string("workshops/includes/_panel_organisation.html", context, request=request)


def register():
    """Called by WorkshopsConfig.ready()."""
    panels.register("partners.organisation_detail", organisation_participation)
