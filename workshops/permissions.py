"""Who may see and manage working groups and their sessions.

Coordinators (and administrators) manage everything; readers see everything and change nothing. A partner
sees the groups it belongs to and their sessions, and manages a group (members, sessions, attendance,
minutes) only when it is that group's animateur or co-animateur. Outside a partner's groups: 404; seen but
not manageable: 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from partners.models import Contact
from workshops.models import FACILITATING_ROLES, Meeting, Membership, WorkingGroup


def my_memberships(user):
    """{group id: role} of the user's active memberships, cached on the user for the request."""
    if not hasattr(user, "_group_roles"):
        user._group_roles = (
            dict(
                Membership.objects.filter(
                    contact__user=user, contact__is_active=True, is_active=True, group__is_active=True
                ).values_list("group_id", "role")
            )
            if user.is_authenticated
            else {}
        )
    return user._group_roles


def my_contact_ids(user):
    if not hasattr(user, "_contact_ids"):
        user._contact_ids = list(Contact.objects.filter(user=user, is_active=True).values_list("pk", flat=True))
    return user._contact_ids


def facilitated_group_ids(user):
    return {group_id for group_id, role in my_memberships(user).items() if role in FACILITATING_ROLES}


def sees_everything(user):
    return user.is_coordinator or user.is_reader


def can_see_group(user, group):
    return sees_everything(user) or group.pk in my_memberships(user)


def can_manage_group(user, group):
    return user.is_coordinator or group.pk in facilitated_group_ids(user)


def is_facilitator(user):
    return bool(facilitated_group_ids(user))


def get_group_for_user(user, pk, *, manage=False):
    group = get_object_or_404(WorkingGroup.objects.select_related("axis"), pk=pk)
    if not can_see_group(user, group):
        raise Http404("Groupe introuvable")
    if manage and not can_manage_group(user, group):
        raise PermissionDenied
    return group


def meeting_group_ids(meeting):
    return {group.pk for group in meeting.groups.all()}


def can_manage_meeting(user, meeting):
    return user.is_coordinator or bool(meeting_group_ids(meeting) & facilitated_group_ids(user))


def get_meeting_for_user(user, pk, *, manage=False):
    meeting = get_object_or_404(
        Meeting.objects.visible_to(user).select_related("venue").prefetch_related("groups"), pk=pk
    )
    if manage and not can_manage_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def manageable_groups(user):
    groups = WorkingGroup.objects.active()
    return groups if user.is_coordinator else groups.filter(pk__in=facilitated_group_ids(user))
