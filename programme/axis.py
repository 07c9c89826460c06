"""What an axis page shows (programme:axis_detail): its groups and animateurs, the findings of the diagnostic,
the fiches by status, the coordination obstacles, the next and last sessions of its groups and the structures
involved. A fixed number of queries whatever the size of the axis."""

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from actionsheets.enums import Status
from actionsheets.models import ActionPartner, ActionSheet
from actionsheets.permissions import statuses_visible_to
from partners.models import Axis, Organisation
from programme.permissions import programme_sheets
from workshops.enums import FACILITATING_ROLES, MeetingStatus
from workshops.models import Meeting, Membership, WorkingGroup
from workshops.permissions import group_rows

SESSIONS_SHOWN = 3
# At 100× an axis has 700 fiches and hundreds of structures: the page names the first ones and counts the rest,
# so that it stays the same size at every scale (the fiches list and the map show them all).
SHEETS_SHOWN = 10
STRUCTURES_SHOWN = 30
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


def groups_and_facilitators(user, axis):
    """The rows of the axis's active groups (workshops.permissions.group_rows), each with its animateurs."""
    groups = list(WorkingGroup.objects.active().filter(axis=axis))
    facilitators = {}
    for membership in (
        Membership.objects.filter(group__in=groups, is_active=True, role__in=FACILITATING_ROLES)
        .select_related("contact", "contact__organisation")
        .order_by("role", "contact__last_name", "contact__first_name")
    ):
        facilitators.setdefault(membership.group_id, []).append(membership)
    rows = group_rows(user, groups)
    for row in rows:
        row["facilitators"] = facilitators.get(row["group"].pk, [])
    return rows


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


def sessions(user, groups):
    """The next and the last sessions of `groups` that `user` may see."""
    now = timezone.now()
    meetings = Meeting.objects.visible_to(user).filter(groups__in=groups).distinct().select_related("venue")
    upcoming = meetings.filter(ends_at__gte=now).order_by("starts_at")[:SESSIONS_SHOWN]
    past = meetings.filter(ends_at__lt=now, status=MeetingStatus.SCHEDULED).order_by("-starts_at")[:SESSIONS_SHOWN]
    return list(upcoming), list(past)


def structures(user, axis):
    """The structures involved in the axis (the first STRUCTURES_SHOWN by name, and how many in all): members of
    its groups, pilots (through an interlocutor), porteurs and partners of its fiches; each with the ways it
    takes part."""
    sheets = programme_sheets(user).filter(axis=axis)
    organisation = OuterRef("pk")
    ways = {
        "member": Membership.objects.filter(
            contact__organisation=organisation, is_active=True, group__axis=axis, group__is_active=True
        ),
        "pilot": sheets.filter(pilot__organisation=organisation),
        "lead": sheets.filter(lead_organisation=organisation),
        "partner": ActionPartner.objects.filter(organisation=organisation, sheet__in=sheets.values("pk")),
    }
    found = (
        Organisation.objects.visible_to(user)
        .annotate(**{name: Exists(query) for name, query in ways.items()})
        .filter(Q(member=True) | Q(pilot=True) | Q(lead=True) | Q(partner=True))
        .order_by("name")
    )
    rows = []
    for item in found[:STRUCTURES_SHOWN]:
        item.ways = [label for name, label in WAYS if getattr(item, name)]
        rows.append(item)
    return rows, (found.count() if len(rows) == STRUCTURES_SHOWN else len(rows))
