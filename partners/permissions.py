"""Access rules for accounts. Outsiders to an object get 404; logged-in users without the right get 403.

Group-level roles (animateur, co-animateur, membre, observateur) come with workshops memberships; the access
functions of later features combine them with the global roles below.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.enums import Role
from partners.models import Contact, Organisation, User


def coordinator_required(view):
    """Coordinators and administrators only; everybody else who is logged in gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_coordinator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def assignable_roles(user):
    """Only administrators may create or promote administrators."""
    if user.is_admin:
        return list(Role)
    return [role for role in Role if role != Role.ADMIN]


def get_account_for_manager(manager, pk, *, write=False):
    """The account `pk` as seen by a coordinator; a coordinator may not change an administrator's account."""
    account = get_object_or_404(User, pk=pk)
    if write and account.role == Role.ADMIN and not manager.is_admin:
        raise PermissionDenied
    return account


def own_organisation_id(user):
    """The structure a partner belongs to (through the interlocutor linked to the account), cached per request."""
    if not hasattr(user, "_own_organisation_id"):
        user._own_organisation_id = (
            Contact.objects.filter(user=user, is_active=True).values_list("organisation_id", flat=True).first()
            if user.is_authenticated
            else None
        )
    return user._own_organisation_id


def can_edit_organisation(user, organisation):
    """Coordinators edit every structure; a partner edits its own structure (and its interlocutors) only."""
    if user.is_coordinator:
        return True
    return user.is_partner and organisation.is_active and own_organisation_id(user) == organisation.pk


def get_organisation_for_user(user, pk, *, write=False):
    """Outside the user's view: 404. Visible but not editable by this user: 403 when `write`."""
    organisation = get_object_or_404(Organisation.objects.visible_to(user).select_related("type", "parent"), pk=pk)
    if write and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def get_contact_for_user(user, pk, *, write=False):
    contact = get_object_or_404(Contact.objects.visible_to(user).select_related("organisation"), pk=pk)
    if write and not can_edit_organisation(user, contact.organisation):
        raise PermissionDenied
    return contact
