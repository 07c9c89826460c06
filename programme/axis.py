"""What an axis page shows (programme:axis_detail): its groups and animateurs, the findings of the diagnostic,
the fiches by status, the coordination obstacles, the next and last sessions of its groups and the structures
involved. A fixed number of queries whatever the size of the axis."""

import hashlib

from django.db.models import Count, Exists, F, OuterRef, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from actionsheets.enums import Status
from actionsheets.models import ActionPartner, ActionSheet
from actionsheets.permissions import statuses_visible_to
from partners.models import Axis, Organisation
from partners.permissions import can_see_inactive
from programme.dashboard import audience, cached
from programme.permissions import can_see_partner_map, programme_sheets, sees_every_sheet
from workshops.enums import FACILITATING_ROLES, MeetingStatus
from workshops.models import Meeting, Membership, WorkingGroup
from workshops.permissions import group_rows, my_memberships

SESSIONS_SHOWN = 3
# At 100× an axis has 700 fiches and hundreds of structures: the page names the first ones and counts the rest,
# so that it stays the same size at every scale (the fiches list and the map show them all).
SHEETS_SHOWN = 10
STRUCTURES_SHOWN = 30
GROUPS_SHOWN = 12
# How a structure takes part in an axis, in the words of the page.
WAYS = [
    ("member", "membre d'un groupe"),
    ("pilot", "pilote d'une fiche"),
    ("lead", "porteuse d'une fiche"),
    ("partner", "partenaire d'une fiche"),
]


def get_axis(code):
    """The active axis of this code, in any case (« ds » is DS); 404 otherwise."""
    axis = Axis.objects.active().filter(code__iexact=code).first()
    if axis is None:
        raise Http404("Aucun axe actif ne porte ce code.")
    return axis


def cached_sections(user, axis, *, request):
    """The axis page's sections that read many rows (its groups and animateurs, fiches by status, structures),
    rendered and kept in the fragments cache under the programme stamp and who they are for (programme.dashboard:
    the partner's groups and roles, the permission answers that change a link): any change to the tables they
    read, through any worker, gives the next request fresh sections."""
    roles = hashlib.sha256(repr(sorted(my_memberships(user).items())).encode()).hexdigest()[:16]
    key = f"axis:{axis.pk}:{audience(user, can_see_inactive(user), can_see_partner_map(user))}:{roles}"
    return cached(key, lambda: _render_sections(user, axis, request))


def _render_sections(user, axis, request):
    groups, total = groups_and_facilitators(user, axis_groups(axis))
    statuses = sheets_by_status(user, axis)
    structures_shown, structure_total = structures(user, axis)
    context = {
        "axis": axis,
        "groups": groups,
        "groups_more": total - len(groups),
        "statuses": statuses,
        "sheet_total": sum(row["count"] for row in statuses),
        "sees_every_sheet": sees_every_sheet(user),
        "structures": structures_shown,
        "structure_total": structure_total,
        "can_see_map": can_see_partner_map(user),
    }
    return {
        name: render_to_string(f"programme/axis_{name}.html", context, request=request)
        for name in ("groups", "sheets", "structures")
    }


def axis_groups(axis):
    """[(group, [facilitating memberships])] of the axis's active groups, in their order: the same for everyone."""
    groups = list(WorkingGroup.objects.active().filter(axis=axis))
    facilitators = {}
    for membership in (
        Membership.objects.filter(group__in=groups, is_active=True, role__in=FACILITATING_ROLES)
        .select_related("contact", "contact__organisation")
        .order_by("role", "contact__last_name", "contact__first_name")
    ):
        facilitators.setdefault(membership.group_id, []).append(membership)
    return [(group, facilitators.get(group.pk, [])) for group in groups]


def groups_and_facilitators(user, groups):
    """The rows (workshops.permissions.group_rows) of the first GROUPS_SHOWN of `groups` (axis_groups), the
    user's own first, each with its animateurs; and how many groups there are."""
    mine = set(my_memberships(user))
    shown = sorted(groups, key=lambda item: item[0].pk not in mine)[:GROUPS_SHOWN]
    rows = group_rows(user, [group for group, _ in shown])
    for row, (_, facilitators) in zip(rows, shown, strict=True):
        row["facilitators"] = facilitators
    return rows, len(groups)


def sheets_by_status(user, axis):
    """[{status, label, count, sheets, filterable}] in the order of the workflow, for the statuses with fiches:
    `count` over the fiches whose figures `user` sees (programme_sheets), `sheets` those `user` may open."""
    counts = dict(
        programme_sheets(user).filter(axis=axis).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    openable = {}
    first = Window(RowNumber(), partition_by=F("status"), order_by=F("number").asc())
    shown = ActionSheet.objects.visible_to(user).filter(axis=axis).annotate(rank=first).filter(rank__lte=SHEETS_SHOWN)
    for sheet in shown.select_related("group").order_by("number"):
        openable.setdefault(sheet.status, []).append(sheet)
    filterable = {value for value, _ in statuses_visible_to(user)}
    return [
        {
            "status": value,
            "label": label,
            "count": counts.get(value, len(openable.get(value, []))),
            "sheets": openable.get(value, []),
            "more": max(counts.get(value, 0) - len(openable.get(value, [])), 0),
            "filterable": value in filterable,
        }
        for value, label in Status.choices
        if counts.get(value) or openable.get(value)
    ]


def sessions(user, axis):
    """The next and the last sessions of the axis's active groups that `user` may see."""
    now = timezone.now()
    of_axis = Meeting.groups.through.objects.filter(
        meeting=OuterRef("pk"), workinggroup__axis=axis, workinggroup__is_active=True
    )
    meetings = Meeting.objects.visible_to(user).filter(Exists(of_axis)).select_related("venue")
    upcoming = meetings.filter(ends_at__gte=now).order_by("starts_at")[:SESSIONS_SHOWN]
    past = meetings.filter(ends_at__lt=now, status=MeetingStatus.SCHEDULED).order_by("-starts_at")[:SESSIONS_SHOWN]
    return list(upcoming), list(past)


def structures(user, axis):
    """The structures involved in the axis (the first STRUCTURES_SHOWN by name, and how many in all): members of
    its groups, pilots (through an interlocutor), porteurs and partners of its fiches; each with the ways it
    takes part. Each way is read as a list of structure ids (a few hundred at 100×: an EXISTS per structure
    and per way took 40 ms at 10,000 structures, and subqueries got merge-join plans over every interlocutor);
    the ways are then worked out for the structures shown only."""
    sheets = programme_sheets(user).filter(axis=axis)
    ids = set()
    for query in (
        Membership.objects.filter(is_active=True, group__axis=axis, group__is_active=True).values_list(
            "contact__organisation_id", flat=True
        ),
        sheets.values_list("pilot__organisation_id", flat=True),
        sheets.values_list("lead_organisation_id", flat=True),
        ActionPartner.objects.filter(sheet__in=sheets.values("pk")).values_list("organisation_id", flat=True),
    ):
        ids.update(query)
    ids.discard(None)
    found = Organisation.objects.visible_to(user).filter(pk__in=ids)
    rows = list(found.order_by("name")[:STRUCTURES_SHOWN])
    total = found.count() if len(rows) == STRUCTURES_SHOWN else len(rows)
    organisation = OuterRef("pk")
    correlated = {
        "member": Membership.objects.filter(
            contact__organisation=organisation, is_active=True, group__axis=axis, group__is_active=True
        ),
        "pilot": sheets.filter(pilot__organisation=organisation),
        "lead": sheets.filter(lead_organisation=organisation),
        "partner": ActionPartner.objects.filter(organisation=organisation, sheet__in=sheets.values("pk")),
    }
    flags = {
        item["pk"]: item
        for item in Organisation.objects.filter(pk__in=[row.pk for row in rows])
        .annotate(**{name: Exists(query) for name, query in correlated.items()})
        .values("pk", *correlated)
    }
    for item in rows:
        item.ways = [label for name, label in WAYS if flags[item.pk][name]]
    return rows, total
