"""Who sees and changes a fiche action.

Coordinators see and do everything the workflow allows them. Readers see validated sheets only. A partner
sees every sheet of its groups (drafts included) and the validated sheets of the others; drafts of other
groups are not found (404). Authors (the creator and the co-authors) and the group's animateurs write the
content while the sheet is a draft; the pilot and coordinators follow it up after the COPIL.
Which sheets a person sees is `ActionSheet.objects.visible_to(user)`; what they may do is asked here.
"""

from functools import cached_property

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from actionsheets.enums import VALIDATED_STATES, Status
from actionsheets.workflow import MOVES_BY_ACTION, moves_from, section_is_open
from workshops.models import WorkingGroup
from workshops.permissions import facilitated_group_ids, my_memberships


class SheetScope:
    """What these checks read about one person, once per request (`user.scope(SheetScope)`): their
    interlocutors, the groups they animate, and the hats they wear on each sheet asked about."""

    def __init__(self, user):
        self.user = user
        self.hats = {}  # sheet pk → set of roles

    @cached_property
    def contact_ids(self):
        return set(self.user.contact_ids)

    @cached_property
    def facilitated_group_ids(self):
        return facilitated_group_ids(self.user)

    def roles(self, sheet):
        if sheet.pk not in self.hats:
            self.hats[sheet.pk] = self._roles(sheet)
        return self.hats[sheet.pk]

    def _roles(self, sheet):
        user, found = self.user, set()
        if user.is_coordinator:
            found.add("coordinator")
        if user.is_reader:
            return found
        contacts = self.contact_ids
        # The creator writes as an interlocutor: without one in good standing, the sheet is no longer theirs.
        created = bool(contacts) and sheet.created_by_id == user.pk
        if created or contacts & {contact.pk for contact in sheet.co_authors.all()}:
            found.add("author")
        if sheet.group_id in self.facilitated_group_ids:
            found.add("facilitator")
        if sheet.pilot_id and sheet.pilot_id in contacts:
            found.add("pilot")
        if sheet.group_id in my_memberships(user):
            found.add("member")
        return found


def sheets_visible_to(queryset, user):
    """The sheets of `queryset` that `user` may open (behind ActionSheet.objects.visible_to): coordinators see
    every sheet, readers and visitors the validated ones; a partner also sees the sheets of its groups and those
    it wrote, co-writes or pilots."""
    validated = Q(status__in=VALIDATED_STATES)
    if not user.is_authenticated:
        return queryset.filter(validated)
    if user.is_coordinator:
        return queryset
    if user.is_reader:
        return queryset.filter(validated)
    contacts = user.contact_ids
    if not contacts:  # no interlocutor in good standing (structure deactivated…): no partner-level right
        return queryset.filter(validated)
    mine = (
        Q(group__in=list(my_memberships(user)))
        | Q(created_by=user)
        | Q(pilot__in=contacts)
        | Q(co_authors__in=contacts)
    )
    return queryset.filter(validated | mine).distinct()


def public_sheets(queryset):
    """The sheets of `queryset` that anybody may read without an account (the public page /actions/): validated
    and marked « publiable » by a coordinator. Any other sheet is not found there (404)."""
    return queryset.filter(status__in=VALIDATED_STATES, is_publishable=True)


def can_publish(user, sheet):
    """Marking a fiche « publiable » (with its public budget and summary) is the coordinators' decision."""
    return user.is_coordinator


def sheets_audience(user):
    """Who sees the same fiches as `user`: "all" (coordinators), "validated" (readers), else this person alone
    (a partner's groups and the fiches it writes or pilots). Documents made for one audience serve all of it."""
    if user.is_coordinator:
        return "all"
    if user.is_reader:
        return "validated"
    return f"user:{user.pk}"


def roles(user, sheet):
    """The hats this user wears on this sheet: author, facilitator, coordinator, pilot, member."""
    return user.scope(SheetScope).roles(sheet)


def can_edit_section(user, sheet, section):
    if not section_is_open(section, sheet.status):
        return False
    hats = roles(user, sheet)
    if sheet.is_validated:
        return bool(hats & {"pilot", "coordinator", "facilitator"})
    return bool(hats & {"author", "facilitator", "coordinator"})


def can_manage_authors(user, sheet):
    return not sheet.is_validated and bool(roles(user, sheet) & {"author", "facilitator", "coordinator"})


def allowed_moves(user, sheet):
    hats = roles(user, sheet)
    return [move for move in moves_from(sheet.status) if hats & set(move.who)]


def can_move(user, sheet, action):
    move = MOVES_BY_ACTION.get(action)
    return move is not None and bool(roles(user, sheet) & set(move.who))


def can_start_sheets(user):
    """Coordinators and the members of a working group start sheets (in their groups)."""
    return user.is_coordinator or (not user.is_reader and bool(my_memberships(user)))


def startable_groups(user):
    """The active groups in which `user` may start a sheet."""
    groups = WorkingGroup.objects.active().select_related("axis")
    if user.is_coordinator:
        return groups
    if user.is_reader:
        return groups.none()
    return groups.filter(pk__in=list(my_memberships(user)))


def statuses_visible_to(user):
    """The statuses the list may be filtered on: a reader (not coordinator) only ever sees validated ones."""
    if user.is_reader and not user.is_coordinator:
        return [(value, label) for value, label in Status.choices if value in VALIDATED_STATES]
    return Status.choices


def get_sheet_for_user(user, pk):
    """The sheet as this user may see it (404 otherwise), with what the pages need."""
    # The model is looked up by name: models.py imports this module for visible_to().
    queryset = (
        apps.get_model("actionsheets", "ActionSheet")
        .objects.select_related("axis", "group", "pilot", "pilot__organisation", "lead_organisation", "created_by")
        .prefetch_related("co_authors")
    )
    return get_object_or_404(queryset.visible_to(user), pk=pk)


def get_sheet_to_edit(user, pk, section):
    sheet = get_sheet_for_user(user, pk)
    if not can_edit_section(user, sheet, section):
        raise PermissionDenied
    return sheet


def can_review_overlaps(user):
    """The project team's list of look-alike fiches of two groups (programme:overlap_list) is theirs alone."""
    return user.is_coordinator
