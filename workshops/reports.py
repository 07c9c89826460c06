"""Report figures of the workshops app: participation in the sessions (per group, per session, per
structure), answers and attendance of one session, the diagnostic per axis and the category × axis table of
the register of coordination obstacles."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.utils import timezone

from partners.models import Organisation, SentEmail
from workshops.enums import ATTENDED, AttendanceStatus, FindingKind, InvitationAnswer, MeetingStatus, ObstacleCategory
from workshops.models import Attendance, CoordinationObstacle, Invitation, Meeting, WorkingGroup

STATS_ROWS = 50  # groups and structures shown; 100 for sessions
STATS_MEETINGS = 100


class SubqueryCount(Subquery):
    """COUNT(*) of a queryset filtered on OuterRef: computed only for the rows a page shows, when the outer
    query is limited, instead of joining and grouping every row of both tables."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def past_meetings(now):
    """The last sessions held, with their numbers of invitations and of people present or represented."""
    return (
        Meeting.objects.filter(status=MeetingStatus.SCHEDULED, ends_at__lt=now)
        .order_by("-starts_at")
        .annotate(
            invited=SubqueryCount(Invitation.objects.filter(meeting=OuterRef("pk")).values("pk")),
            attended=SubqueryCount(
                Attendance.objects.filter(meeting=OuterRef("pk"), status__in=ATTENDED).values("pk")
            ),
        )[:STATS_MEETINGS]
    )


def held_meetings(now):
    """The sessions held whose attendance was recorded: the only ones where an absence means something."""
    return Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED, ends_at__lt=now, pk__in=Attendance.objects.values("meeting")
    ).values("pk")


def group_participation(now):
    """The active groups (one more than shown, to tell whether there are more) with their past sessions, the
    presences at their sessions, and the people expected at their held sessions (invited, or come without an
    invitation)."""
    held = held_meetings(now)
    return list(
        WorkingGroup.objects.active().annotate(
            sessions=SubqueryCount(Meeting.objects.filter(groups=OuterRef("pk"), ends_at__lt=now).values("pk")),
            attended=SubqueryCount(
                Attendance.objects.filter(meeting__groups=OuterRef("pk"), status__in=ATTENDED).values("pk")
            ),
            invited=SubqueryCount(
                Invitation.objects.filter(meeting__groups=OuterRef("pk"), meeting__in=held).values("pk")
            ),
            present=SubqueryCount(
                Attendance.objects.filter(
                    meeting__groups=OuterRef("pk"), meeting__in=held, status__in=ATTENDED
                ).values("pk")
            ),
            walk_ins=SubqueryCount(
                Attendance.objects.filter(meeting__groups=OuterRef("pk"), meeting__in=held, is_walk_in=True).values(
                    "pk"
                )
            ),
        )[: STATS_ROWS + 1]
    )


def rate(part, whole):
    """« 67 % » (French spacing), or « – » when there is nothing to divide."""
    return f"{round(100 * part / whole)}\u00a0%" if whole else "–"


def organisation_rates(organisations, now):
    """For each structure of `organisations` (the most present ones): `expected`, the held sessions it was
    invited to or came to, and `rate`, the share of them where someone of the structure was present."""
    pairs = set(
        Invitation.objects.filter(contact__organisation__in=organisations, meeting__in=held_meetings(now))
        .values_list("contact__organisation", "meeting")
        .distinct()
    )
    present = set(
        Attendance.objects.filter(contact__organisation__in=organisations, status__in=ATTENDED)
        .filter(meeting__in=held_meetings(now))
        .values_list("contact__organisation", "meeting")
        .distinct()
    )
    for organisation in organisations:
        expected = {meeting for pk, meeting in pairs | present if pk == organisation.pk}
        organisation.expected = len(expected)
        organisation.attended_held = sum(1 for pk, _ in present if pk == organisation.pk)
        organisation.rate = rate(organisation.attended_held, organisation.expected)
    return organisations


def never_present(now):
    """The active structures invited to held sessions where nobody of theirs was ever present, most invited
    first, each with `invited` (sessions)."""
    invitations = Invitation.objects.filter(meeting__in=held_meetings(now))
    return list(
        Organisation.objects.active()
        .filter(pk__in=invitations.values("contact__organisation"))
        .exclude(pk__in=Attendance.objects.filter(status__in=ATTENDED).values("contact__organisation"))
        .annotate(
            invited=SubqueryCount(
                invitations.filter(contact__organisation=OuterRef("pk")).values("meeting").distinct()
            )
        )
        .order_by("-invited", "name")[:STATS_ROWS]
    )


def most_present_organisations():
    """The 50 structures present at the most sessions, each with `attended` set."""
    # Distinct meetings with someone of the structure present, from the attendance rows alone (no join with
    # every structure); the 50 most present, then their names.
    ranking = list(
        Attendance.objects.filter(status__in=ATTENDED, contact__organisation__is_active=True)
        .values("contact__organisation")
        .annotate(attended=Count("meeting", distinct=True))
        .order_by("-attended", "contact__organisation__name")
        .values_list("contact__organisation", "attended", "contact__organisation__name")[:STATS_ROWS]
    )
    names = Organisation.objects.in_bulk([pk for pk, _, _ in ranking])
    organisations = [names[pk] for pk, _, _ in ranking]
    for organisation, (_, attended, _) in zip(organisations, ranking, strict=True):
        organisation.attended = attended
    return organisations


@dataclass
class Table:
    """A figures table as the participation page shows it: first column a link to each object."""

    caption: str
    columns: list  # [(heading, numeric)]
    rows: list = field(default_factory=list)  # [{"object", "name", "cells": [(value, numeric)]}]
    empty: str = ""


def _row(obj, name, *cells):
    return {"object": obj, "name": name, "cells": cells}


def participation(now=None):
    """The three tables of the participation page, and whether some active groups are left out."""
    now = now or timezone.now()
    groups = group_participation(now)
    organisations = organisation_rates(most_present_organisations(), now)
    return {
        "by_group": Table(
            "Participation par groupe",
            [("Groupe", False), ("Séances passées", True), ("Présences", True)],
            [_row(group, group.name, (group.sessions, True), (group.attended, True)) for group in groups[:STATS_ROWS]],
        ),
        "more_groups": len(groups) > STATS_ROWS,
        "by_meeting": Table(
            "Participation par séance (100 dernières)",
            [("Séance", False), ("Date", False), ("Invités", True), ("Présents", True)],
            [
                _row(
                    meeting,
                    meeting.title,
                    (f"{timezone.localtime(meeting.starts_at):%d/%m/%Y}", False),
                    (meeting.invited, True),
                    (meeting.attended, True),
                )
                for meeting in past_meetings(now)
            ],
            "Aucune séance passée.",
        ),
        "by_organisation": Table(
            "Nombre de séances auxquelles chaque structure a participé",
            [("Structure", False), ("Séances avec au moins une présence", True)],
            [_row(org, org.name, (org.attended, True)) for org in organisations],
            "Aucune présence saisie.",
        ),
        **rate_tables(groups[:STATS_ROWS], organisations, now),
    }


def rate_tables(groups, organisations, now):
    """The attendance rates per group and per structure, and the structures invited but never present."""
    return {
        "rate_by_group": Table(
            "Taux de présence par groupe",
            [("Groupe", False), ("Personnes attendues", True), ("Présences", True), ("Taux de présence", True)],
            [
                _row(
                    group,
                    group.name,
                    (group.invited + group.walk_ins, True),
                    (group.present, True),
                    (rate(group.present, group.invited + group.walk_ins), True),
                )
                for group in groups
            ],
        ),
        "rate_by_organisation": Table(
            "Taux de présence par structure",
            [
                ("Structure", False),
                ("Séances où elle était invitée ou présente", True),
                ("Séances avec au moins une présence", True),
                ("Taux de présence", True),
            ],
            [
                _row(org, org.name, (org.expected, True), (org.attended_held, True), (org.rate, True))
                for org in organisations
            ],
            "Aucune présence saisie.",
        ),
        "never_present": Table(
            "Structures invitées mais jamais présentes",
            [("Structure", False), ("Séances où elle était invitée", True)],
            [_row(org, org.name, (org.invited, True)) for org in never_present(now)],
            "Toutes les structures invitées ont été présentes au moins une fois.",
        ),
    }


def obstacle_counts(obstacles, axes, base_query=""):
    """Category × thematic axis table of `obstacles` (a queryset), in two queries.

    A cell counts the obstacles of that category concerning that axis; the « Total » column counts each
    obstacle of the category once (an obstacle may concern several axes, or none). Each count links to the
    list filtered on it: `base_query` is the current query string without category, axis and page.
    """
    ids = obstacles.values("pk")
    through = CoordinationObstacle.axes.through
    cells = {
        (row["coordinationobstacle__category"], row["axis_id"]): row["n"]
        for row in through.objects.filter(coordinationobstacle__in=ids)
        .values("coordinationobstacle__category", "axis_id")
        .annotate(n=Count("coordinationobstacle_id", distinct=True))
        .order_by()
    }
    totals = dict(
        CoordinationObstacle.objects.filter(pk__in=ids)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("category", "n")
    )
    prefix = f"?{base_query}&" if base_query else "?"
    rows = [
        {
            "value": value,
            "label": label,
            "counts": [
                {"axis": axis, "n": cells.get((value, axis.pk), 0), "url": f"{prefix}categorie={value}&axe={axis.pk}"}
                for axis in axes
            ],
            "total": totals.get(value, 0),
            "url": f"{prefix}categorie={value}",
        }
        for value, label in ObstacleCategory.choices
    ]
    column_totals = [sum(row["counts"][i]["n"] for row in rows) for i in range(len(axes))]
    return {"rows": rows, "axes": axes, "column_totals": column_totals, "total": sum(totals.values())}


def answer_summary(meeting):
    """The invitations of `meeting` and the number of each answer: (invitations, [(label, n)])."""
    invitations = list(meeting.invitations.select_related("contact", "contact__organisation"))
    counts = Counter(invitation.answer for invitation in invitations)
    return invitations, [(label, counts.get(value, 0)) for value, label in InvitationAnswer.choices]


def attendance_summary(meeting):
    """[(label, n)] of the attendance statuses recorded at `meeting`, and their total."""
    counts = Counter(meeting.attendances.values_list("status", flat=True))
    return [(label, counts.get(value, 0)) for value, label in AttendanceStatus.choices], sum(counts.values())


def invitees_by_organisation(meeting):
    """[(structure name, [invitation…])] sorted by name, for the sign-in sheet."""
    invitations = meeting.invitations.select_related("contact", "contact__organisation").order_by(
        "contact__organisation__name", "contact__last_name", "contact__first_name"
    )
    groups = defaultdict(list)
    for invitation in invitations:
        groups[invitation.contact.organisation.name].append(invitation)
    return sorted(groups.items())


def findings_by_axis(findings):
    """[{axis, findings, summary}] of `findings` (sorted by axis), the summary counting each kind."""
    groups = []
    for axis, items in groupby(findings, key=attrgetter("axis")):
        items = list(items)
        kinds = [(sum(1 for item in items if item.kind == value), name.lower()) for value, name in FindingKind.choices]
        summary = " · ".join(f"{n} {name}{'s' if n > 1 else ''}" for n, name in kinds if n)
        groups.append({"axis": axis, "findings": items, "summary": summary})
    return groups


# The organiser's view of the e-mails of one session (the outbox: partners.models.SentEmail)

MAIL_KINDS = {  # template → (singular, plural); all feminine: « envoyée(s) »
    "workshops/email/invitation": ("invitation", "invitations"),
    "workshops/email/update": ("mise à jour", "mises à jour"),
    "workshops/email/cancellation": ("annulation", "annulations"),
    "workshops/email/reminder": ("relance", "relances"),
}


@dataclass
class MailLine:
    singular: str
    plural: str
    sent: int = 0
    queued: int = 0
    failed: int = 0

    @property
    def total(self):
        return self.sent + self.queued + self.failed

    @property
    def noun(self):
        return self.plural if self.total > 1 else self.singular


def mail_progress(meeting):
    """One line per kind of e-mail sent about `meeting` (« 98 invitations : 60 envoyées, 38 en attente »),
    and whether some still wait (the page then refreshes them). One query."""
    rows = (
        SentEmail.objects.about(meeting)
        .filter(template__in=MAIL_KINDS)
        .values_list("template", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    lines = {}
    for template, status, count in rows:
        line = lines.setdefault(template, MailLine(*MAIL_KINDS[template]))
        setattr(line, status, count)
    ordered = [lines[template] for template in MAIL_KINDS if template in lines]
    return {"lines": ordered, "queued": sum(line.queued for line in ordered)}
