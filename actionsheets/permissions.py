"""Who sees and changes a fiche action.

Coordinators see and do everything the workflow allows them. Readers see validated sheets only. A partner
sees every sheet of its groups (drafts included) and the validated sheets of the others; drafts of other
groups are not found (404). Authors (the creator and the co-authors) and the group's animateurs write the
content while the sheet is a draft; the pilot and coordinators follow it up after the COPIL.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from actionsheets.models import VALIDATED_STATES, ActionSheet
from actionsheets.workflow import MOVES_BY_ACTION, moves_from, section_is_open
from workshops.permissions import facilitated_group_ids, my_contact_ids, my_memberships


def visible_sheets(user, queryset=None):
    queryset = ActionSheet.objects.all() if queryset is None else queryset
    if user.is_coordinator:
        return queryset
    validated = Q(status__in=VALIDATED_STATES)
    if user.is_reader or not user.is_authenticated:
        return queryset.filter(validated)
    contacts = my_contact_ids(user)
    mine = (
        Q(group__in=list(my_memberships(user)))
        | Q(created_by=user)
        | Q(pilot__in=contacts)
        | Q(co_authors__in=contacts)
    )
    return queryset.filter(validated | mine).distinct()


def roles(user, sheet):
    """The hats this user wears on this sheet: author, facilitator, coordinator, pilot, member."""
    cache = getattr(user, "_sheet_roles", {})
    if sheet.pk in cache:
        return cache[sheet.pk]
    found = set()
    if user.is_coordinator:
        found.add("coordinator")
    if not user.is_reader:
        contacts = set(my_contact_ids(user))
        if sheet.created_by_id == user.pk or contacts & {contact.pk for contact in sheet.co_authors.all()}:
            found.add("author")
        if sheet.group_id in facilitated_group_ids(user):
            found.add("facilitator")
        if sheet.pilot_id and sheet.pilot_id in contacts:
            found.add("pilot")
        if sheet.group_id in my_memberships(user):
            found.add("member")
    cache[sheet.pk] = found
    user._sheet_roles = cache
    return found


def can_edit_section(user, sheet, section):
    if not section_is_open(section, sheet.status):
        return False
    hats = roles(user, sheet)
    if sheet.is_validated:
        return bool(hats & {"pilot", "coordinator", "facilitator"})
    return bool(hats & {"author", "facilitator", "coordinator"})


def can_manage_authors(user, sheet):
    return not sheet.is_validated and bool(roles(user, sheet) & {"author", "facilitator", "coordinator"})


def can_comment(user, sheet):
    return bool(roles(user, sheet) & {"facilitator", "coordinator"})


def allowed_moves(user, sheet):
    hats = roles(user, sheet)
    return [move for move in moves_from(sheet.status) if hats & set(move.who)]


def can_move(user, sheet, action):
    move = MOVES_BY_ACTION.get(action)
    return move is not None and bool(roles(user, sheet) & set(move.who))


def can_start_sheet(user, group):
    return user.is_coordinator or (not user.is_reader and group.pk in my_memberships(user))


def get_sheet_for_user(user, pk):
    """The sheet as this user may see it (404 otherwise), with what the pages need."""
    queryset = ActionSheet.objects.select_related(
        "axis", "group", "pilot", "pilot__organisation", "lead_organisation", "created_by"
    ).prefetch_related("co_authors")
    sheet = get_object_or_404(visible_sheets(user, queryset), pk=pk)
    return sheet


def get_sheet_to_edit(user, pk, section):
    sheet = get_sheet_for_user(user, pk)
    if not can_edit_section(user, sheet, section):
        raise PermissionDenied
    return sheet
