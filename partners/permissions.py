"""Who sees and who does what with accounts, the directory and the project pages. Views, forms and filters ask
these predicates; templates receive their answers as booleans. Outsiders to an object get 404; logged-in users
without the right get 403.

Group-level roles (animateur, co-animateur, membre, observateur) come with workshops memberships; the access
functions of the higher apps combine them with the global roles below.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners.enums import Role
from partners.models import Contact, Organisation, User


def is_coordinator(user):
    """The city project team (administrators included): they run the portal."""
    return user.is_authenticated and user.is_coordinator


def coordinator_required(view):
    """Coordinators and administrators only; everybody else who is logged in gets 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# Accounts


def can_manage_accounts(user):
    """The account list, account pages and the log of e-mails sent."""
    return is_coordinator(user)


def can_export_accounts(user):
    """The lists of accounts and of e-mails sent (names and addresses) leave the portal for those who manage
    them, each download written in the log."""
    return can_manage_accounts(user)


def can_edit_account(manager, account):
    """A coordinator may not change an administrator's account; an administrator may change any."""
    return can_manage_accounts(manager) and (account.role != Role.ADMIN or manager.is_admin)


def assignable_roles(user):
    """Only administrators may create or promote administrators."""
    if user.is_admin:
        return list(Role)
    return [role for role in Role if role != Role.ADMIN]


def get_account_for_manager(manager, pk, *, write=False):
    """The account `pk` as seen by a coordinator; 403 when `write` and this manager may not change it."""
    account = get_object_or_404(User.objects.visible_to(manager), pk=pk)
    if write and not can_edit_account(manager, account):
        raise PermissionDenied
    return account


# The directory


def own_organisation_id(user):
    """The structure a partner speaks for (through the interlocutor linked to the account), read once."""
    return user.organisation_id if user.is_authenticated else None


def can_see_inactive(user):
    """Deactivated structures and interlocutors stay visible to the project team only."""
    return is_coordinator(user)


def can_create_organisation(user):
    return is_coordinator(user)


def can_edit_organisation(user, organisation):
    """Coordinators edit every structure; a partner edits its own structure (and its interlocutors) only."""
    if is_coordinator(user):
        return True
    return user.is_partner and organisation.is_active and own_organisation_id(user) == organisation.pk


def can_edit_identity(user):
    """A structure's name, type, parent and date of partnership are the project team's to change."""
    return is_coordinator(user)


def can_deactivate_organisation(user, organisation=None):
    return is_coordinator(user)


def can_merge(user):
    return is_coordinator(user)


def can_import(user):
    return is_coordinator(user)


def can_export_contacts(user):
    """The interlocutors' names, e-mails and phone numbers leave the portal in bulk for the project team only:
    a partner reads them one page at a time but gets no file (a file with fewer rows or columns than the list
    on screen would surprise more than a missing button)."""
    return is_coordinator(user)


def get_organisation_for_user(user, pk, *, write=False):
    """Outside the user's view: 404. Visible but not editable by this user: 403 when `write`."""
    organisation = get_object_or_404(Organisation.objects.visible_to(user).select_related("type", "parent"), pk=pk)
    if write and not can_edit_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def get_organisation_to_deactivate(user, pk):
    """404 outside the user's view, then 403 for whoever may not (de)activate structures."""
    organisation = get_organisation_for_user(user, pk)
    if not can_deactivate_organisation(user, organisation):
        raise PermissionDenied
    return organisation


def get_contact_for_user(user, pk, *, write=False):
    contact = get_object_or_404(Contact.objects.visible_to(user).select_related("organisation"), pk=pk)
    if write and not can_edit_organisation(user, contact.organisation):
        raise PermissionDenied
    return contact


# Personal data (GDPR)


def can_download_own_data(user):
    """Everyone who can sign in may download what the portal holds about them (« Mes données »)."""
    return user.is_authenticated and user.is_active


def can_handle_personal_data(user):
    """Exports for a person who writes in, and erasure by anonymisation: the project team."""
    return is_coordinator(user)


def can_anonymise_account(manager, account):
    """Not oneself, and an administrator's account only by an administrator."""
    return can_handle_personal_data(manager) and can_edit_account(manager, account) and account != manager


def get_person_account(manager, pk, *, anonymise=False):
    """An account for the personal-data actions: 404 outside the manager's view, 403 for an administrator's
    account unless the manager is one, and 403 for anonymising oneself."""
    account = get_account_for_manager(manager, pk, write=anonymise)
    if anonymise and account == manager:
        raise PermissionDenied
    return account


def get_person_contact(manager, pk, *, anonymise=False):
    """An interlocutor for the personal-data actions (coordinators only: 403 for others who see the card)."""
    contact = get_contact_for_user(manager, pk)
    if not can_handle_personal_data(manager):
        raise PermissionDenied
    if anonymise and contact.user_id is not None:
        get_person_account(manager, contact.user_id, anonymise=True)
    return contact
