"""Access rules for accounts. Outsiders to an object get 404; logged-in users without the right get 403.

Group-level roles (animateur, co-animateur, membre, observateur) come with workshops memberships; the access
functions of later features combine them with the global roles below.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.enums import Role
from partners.models import User


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
