"""Who may see and do what in the workshops app: working groups, sessions, findings and obstacles.

Coordinators (and administrators) manage everything; readers see everything and change nothing. A partner
sees the groups it belongs to and their sessions, and manages a group (members, sessions, attendance,
minutes) only when it is that group's animateur or co-animateur. Outside a partner's groups: 404; seen but
not manageable: 403. Every logged-in user reads the diagnostic and the register of obstacles; coordinators
write findings; coordinators and partners who facilitate a group write obstacles.

What a request learns about the person (group roles) is read once, in `WorkshopScope`, through `user.scope`.
"""

from functools import cached_property, wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.models import Contact
from workshops.enums import FACILITATING_ROLES, MembershipRole
from workshops.models import Meeting, Membership, WorkingGroup, sees_everything

__all__ = ["FACILITATING_ROLES", "sees_everything"]


class WorkshopScope:
    """The group roles of one person, read once per request (see `partners.models.User.scope`)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def memberships(self):
        """{group id: role} of the active memberships in active groups, through an interlocutor that still has
        standing (active, of an active structure)."""
        return dict(
            Membership.objects.filter(
                contact__in=Contact.objects.standing_of(self.user), is_active=True, group__is_active=True
            ).values_list("group_id", "role")
        )

    @cached_property
    def facilitated_group_ids(self):
        return {group_id for group_id, role in self.memberships.items() if role in FACILITATING_ROLES}


def my_memberships(user):
    """{group id: role} of the user's active memberships, read once per request."""
    return user.scope(WorkshopScope).memberships if user.is_authenticated else {}


def facilitated_group_ids(user):
    return user.scope(WorkshopScope).facilitated_group_ids if user.is_authenticated else set()


def role_label(role):
    """« Mon rôle » in the list of groups: facilitators by name, every other member as « Membre »."""
    if role in FACILITATING_ROLES:
        return MembershipRole(role).label
    return MembershipRole.MEMBER.label if role else ""


def requires(predicate):
    """A view decorator: 403 for the logged-in users for whom `predicate(user)` is false."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Global roles


def is_facilitator(user):
    return bool(facilitated_group_ids(user))


def can_schedule_meetings(user):
    """Coordinators schedule any session; facilitators the sessions of their groups."""
    return user.is_coordinator or is_facilitator(user)


def can_schedule_committees(user):
    """Plenaries, COPIL and COTECH are the project team's; facilitators schedule group sessions only."""
    return user.is_coordinator


def has_standing(user):
    """Whether this account still speaks for someone: the project team and readers, and partners whose
    interlocutor is active in an active structure. Without standing, a partner's calendar feed answers 404
    and its invitation links are closed (issue 13, finding 6)."""
    return user.is_active and (sees_everything(user) or bool(user.contact_ids))


def invitation_has_standing(invitation):
    """An invitation can be answered only while its interlocutor and the interlocutor's structure are active."""
    return invitation.contact.is_active and invitation.contact.organisation.is_active


def can_see_attendance_stats(user):
    return sees_everything(user)


def can_write_findings(user):
    return user.is_coordinator


def can_write_obstacles(user):
    """Coordinators (and administrators), and partners who facilitate a working group."""
    return user.is_coordinator or (user.is_partner and is_facilitator(user))


def can_see_obstacle_history(user):
    return user.is_coordinator


def can_manage_groups(user):
    """Creating working groups and changing their name, axis, mandate and order: the project team."""
    return user.is_coordinator


def can_manage_venues(user):
    """The list of meeting venues, created and changed by the project team (issue 14, item 5)."""
    return user.is_coordinator


finding_writer_required = requires(can_write_findings)
obstacle_writer_required = requires(can_write_obstacles)
schedule_required = requires(can_schedule_meetings)
stats_reader_required = requires(can_see_attendance_stats)
groups_manager_required = requires(can_manage_groups)
venues_manager_required = requires(can_manage_venues)


# Groups


def can_manage_group(user, group):
    return user.is_coordinator or group.pk in facilitated_group_ids(user)


def get_group_for_user(user, pk, *, manage=False):
    group = get_object_or_404(WorkingGroup.objects.visible_to(user).select_related("axis"), pk=pk)
    if manage and not can_manage_group(user, group):
        raise PermissionDenied
    return group


def manageable_groups(user):
    groups = WorkingGroup.objects.active()
    return groups if user.is_coordinator else groups.filter(pk__in=facilitated_group_ids(user))


def group_rows(user, groups):
    """The rows of the list of groups: the group, whether this user may open it, and the user's role."""
    mine = my_memberships(user)
    everything = sees_everything(user)
    return [
        {"group": group, "role": role_label(mine.get(group.pk)), "visible": everything or group.pk in mine}
        for group in groups
    ]


# Meetings


def meeting_group_ids(meeting):
    return {group.pk for group in meeting.groups.all()}


def can_manage_meeting(user, meeting):
    return user.is_coordinator or bool(meeting_group_ids(meeting) & facilitated_group_ids(user))


def can_export_meeting_people(user, meeting):
    """The invitees, their answers and the attendance of a session (names of people) leave the portal in a file
    for those who run the session only, each download written in the log."""
    return can_manage_meeting(user, meeting)


def can_print_attendance_sheet(user, meeting):
    """The people who run the meeting, and those who see every figure."""
    return can_manage_meeting(user, meeting) or sees_everything(user)


def can_read_minutes(user, meeting, minutes):
    """Published minutes are for everyone who sees the meeting; drafts for those who run it."""
    return minutes is not None and (minutes.is_published or can_manage_meeting(user, meeting))


def get_meeting_for_user(user, pk, *, manage=False):
    meeting = get_object_or_404(
        Meeting.objects.visible_to(user).select_related("venue").prefetch_related("groups"), pk=pk
    )
    if manage and not can_manage_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def visible_meeting_ids(user, meeting_ids):
    """The ids among `meeting_ids` of the meetings this user may open (one query at most)."""
    meeting_ids = {pk for pk in meeting_ids if pk}
    if not meeting_ids or sees_everything(user):
        return meeting_ids
    return set(Meeting.objects.visible_to(user).filter(pk__in=meeting_ids).values_list("pk", flat=True))
