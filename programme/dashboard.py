"""The figures of the programme dashboard (`/programme/`), for the fiches one person sees (programme_sheets).

Every figure is a `Table` (caption, columns, rows of cells with the raw value exported and the text shown, a
link where the cell leads somewhere), computed in a fixed number of queries whatever the size of the programme,
some with a bar chart (programme.templatetags.programme_charts). The page and its exports
(`programme:dashboard_export`) show the same tables: `TABLES` names them by slug.

Caching. The rendered figures are kept in the « fragments » cache (shared by every process: PostgreSQL's database
cache, or Redis; reading it is one query with the former) under a key made of the audience and the programme stamp:
- the audience is what shapes the page: "all" for those who see every fiche, else the sorted ids of the
  person's groups, plus the permission answers that add or remove links (see `audience`);
- the stamp is the PostgreSQL sequence `programme_stamp` (migration programme 0001), bumped by triggers on
  every table the dashboard reads: once per statement (a change is seen at once, by every worker and machine,
  and inside the writing transaction itself) and once more at commit time (a deferred constraint trigger
  guarded by a transaction-local flag), so that a worker that read the first bump and then computed from the
  not yet committed state cannot keep it under the final stamp. Reading it is one query;
- the id of the current transaction when it has written something (`txid_current_if_assigned()`): what a
  writing transaction sees is kept for itself only, since a rollback does not give the stamp back.
Entries also expire after FRAGMENT_TTL seconds: a safety net for the instant between the commit-time bump and
the commit itself, and for changes made with triggers disabled (restores).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import connection
from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from actionsheets.enums import FollowUpFlag, FundingState, Status
from actionsheets.models import BudgetLine, FundingLine, Indicator, Measurement, Milestone
from actionsheets.permissions import statuses_visible_to
from partners.models import Axis
from programme.coverage import axis_coverage
from programme.permissions import programme_sheets, sees_every_sheet
from workshops.enums import ATTENDED, MeetingStatus, ObstacleCategory, ObstacleStatus
from workshops.models import Attendance, CoordinationObstacle, Invitation, Meeting, WorkingGroup
from workshops.permissions import my_memberships
from workshops.reports import SubqueryCount

FRAGMENT_TTL = 600
LIST_ROWS = 30  # overdue milestones, flagged fiches and indicators listed (the counts cover them all)
LAST_SESSIONS = 3
OPEN_OBSTACLES = (ObstacleStatus.OPEN, ObstacleStatus.IN_PROGRESS)
SHEET_LIST = "actionsheets:sheet_list"
MONEY = DecimalField(max_digits=14, decimal_places=2)


# --- Cells and tables ------------------------------------------------------------------------------------------


@dataclass
class Cell:
    value: object  # what the export writes
    text: str  # what the page shows
    url: str = ""
    numeric: bool = False  # aligned right (set from the table's columns)


@dataclass
class Table:
    slug: str
    caption: str
    columns: list  # [(heading, numeric)], the first one heads the rows
    rows: list = field(default_factory=list)  # [[Cell…]]
    total: list = field(default_factory=list)  # the « Total » row, when there is one
    empty: str = "Aucune donnée."
    summary: str = ""
    chart: dict | None = None  # see programme_charts.bar_chart
    more: int = 0  # rows left out of a capped list
    flags: list = field(default_factory=list)  # the follow-up flags and their counts (flagged fiches)

    def align(self):
        for row in [*self.rows, self.total]:
            for cell, (_, numeric) in zip(row, self.columns, strict=False):
                cell.numeric = numeric
        return self

    def export_rows(self):
        return [[cell.value for cell in row] for row in [*self.rows, *([self.total] if self.total else [])]]


def count(n):
    return number_format(n, force_grouping=True)


def euros(amount):
    return f"{number_format(amount or Decimal('0'), 2, force_grouping=True)}\u00a0€"


def percent(share):
    return "–" if share is None else f"{number_format(share, force_grouping=True)}\u00a0%"


def plural(n, one, many):
    return f"{count(n)} {one if n == 1 else many}"


def axis_cell(axis):
    return Cell(f"{axis.code} – {axis.short_title}", f"{axis.code} – {axis.short_title}", axis_url(axis))


def axis_url(axis):
    return reverse("programme:axis_detail", kwargs={"code": axis.code})


def list_url(**params):
    return f"{reverse(SHEET_LIST)}?{urlencode(params)}"


def bars(table, series, columns):
    """A bar chart of `table`'s rows: for each row with a value, one bar per (series name, column index); none
    when every value is zero or empty (the summary and the table say so)."""
    rows = [row for row in table.rows if any(row[index].value for index in columns)]
    if not rows:
        return None
    return {
        "id": f"graphique-{table.slug}",
        "series": series,
        "groups": [
            {"label": row[0].value, "bars": [(row[index].value or 0, row[index].text) for index in columns]}
            for row in rows
        ],
    }


# --- The figures -------------------------------------------------------------------------------------------------


class Figures:
    """The dashboard's tables for `user` (computed on demand, each in a fixed number of queries)."""

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()
        self.sheets = programme_sheets(user)
        self.ids = self.sheets.values("pk")
        self.axes = list(Axis.objects.active())
        self.linkable = {value for value, _ in statuses_visible_to(user)}

    def sheet_url(self, sheet_id, status):
        """The fiche's page, when this person may open it (readers open validated fiches only)."""
        return reverse("actionsheets:sheet_detail", kwargs={"pk": sheet_id}) if status in self.linkable else ""

    def tables(self):
        return [getattr(self, name)().align() for name in TABLES.values()]

    def statuses(self):
        counts = defaultdict(int)
        for axis_id, status, n in self.sheets.order_by().values_list("axis", "status").annotate(n=Count("pk")):
            counts[axis_id, status] += n
        shown = [(value, label) for value, label in Status.choices if any(k[1] == value for k in counts)]
        table = Table(
            "statuts",
            "Fiches actions par axe et par statut",
            [("Axe", False), *((label, True) for _, label in shown), ("Total", True)],
            empty="Aucune fiche action.",
        )
        for axis in self.axes:
            cells = [self.status_cell(counts[axis.pk, value], axe=axis.pk, statut=value) for value, _ in shown]
            total = sum(counts[axis.pk, value] for value, _ in shown)
            table.rows.append([axis_cell(axis), *cells, Cell(total, count(total), list_url(axe=axis.pk))])
        totals = [sum(counts[axis.pk, value] for axis in self.axes) for value, _ in shown]
        grand = sum(totals)
        table.total = [
            Cell("Total", "Total"),
            *(self.status_cell(n, statut=value) for n, (value, _) in zip(totals, shown, strict=True)),
            Cell(grand, count(grand), reverse(SHEET_LIST)),
        ]
        table.summary = (
            f"{plural(grand, 'fiche action', 'fiches actions')} sur {plural(len(self.axes), 'axe', 'axes')}"
        )
        if shown:
            table.summary += " : " + ", ".join(
                f"{count(n)} « {label.lower()} »" for n, (_, label) in zip(totals, shown, strict=True)
            )
        table.chart = bars(table, ["Fiches"], [len(table.columns) - 1])
        return table

    def status_cell(self, n, **params):
        url = list_url(**params) if n and params["statut"] in self.linkable else ""
        return Cell(n, count(n), url)

    def budget(self):
        lines = dict_by(
            BudgetLine.objects.filter(sheet__in=self.ids).values("sheet__axis"),
            planned=Sum("planned"),
            actual=Sum("actual"),
        )
        granted = dict_by(
            FundingLine.objects.filter(sheet__in=self.ids, state=FundingState.GRANTED).values("sheet__axis"),
            granted=Sum("amount"),
        )
        table = Table(
            "budget",
            "Budget par axe : prévu, financements acquis et dépenses réalisées",
            [("Axe", False), ("Budget prévu", True), ("Financements acquis", True), ("Dépenses réalisées", True)],
        )
        sums = [Decimal(0)] * 3
        for axis in self.axes:
            values = [
                lines.get(axis.pk, {}).get("planned") or Decimal(0),
                granted.get(axis.pk, {}).get("granted") or Decimal(0),
                lines.get(axis.pk, {}).get("actual") or Decimal(0),
            ]
            sums = [a + b for a, b in zip(sums, values, strict=True)]
            table.rows.append([axis_cell(axis), *(Cell(value, euros(value)) for value in values)])
        table.total = [Cell("Total", "Total"), *(Cell(value, euros(value)) for value in sums)]
        share = round(100 * sums[1] / sums[0]) if sums[0] else None
        table.summary = (
            f"Budget prévu : {euros(sums[0])} ; financements acquis : {euros(sums[1])} "
            f"({percent(share)} du prévu) ; dépenses réalisées : {euros(sums[2])}."
        )
        table.chart = bars(table, ["Prévu", "Acquis", "Réalisé"], [1, 2, 3])
        return table

    def funders(self):
        amounts = {state: Sum("amount", filter=Q(state=state)) for state in FundingState.values}
        rows = (
            FundingLine.objects.filter(sheet__in=self.ids)
            .values("funder__label")
            .annotate(**amounts)
            .order_by("-granted", "funder__label")
        )
        table = Table(
            "financeurs",
            "Financements par financeur",
            [("Financeur", False), *((label, True) for _, label in FundingState.choices)],
            empty="Aucune ligne de financement.",
        )
        sums = defaultdict(Decimal)
        for row in rows:
            cells = []
            for state in FundingState.values:
                sums[state] += row[state] or 0
                cells.append(Cell(row[state] or Decimal(0), euros(row[state])))
            table.rows.append([Cell(row["funder__label"], row["funder__label"]), *cells])
        if table.rows:
            table.total = [Cell("Total", "Total"), *(Cell(sums[s], euros(sums[s])) for s in FundingState.values)]
        table.summary = (
            f"{plural(len(table.rows), 'financeur', 'financeurs')} ; acquis : {euros(sums['granted'])}, "
            f"sollicité : {euros(sums['requested'])}, refusé : {euros(sums['refused'])}."
        )
        table.chart = bars(table, ["Acquis", "Sollicité"], [2, 1])
        return table

    def indicators(self):
        latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-year").values("value")[:1]
        measured = Indicator.objects.filter(sheet__in=self.ids).annotate(latest=Subquery(latest, output_field=MONEY))
        per_axis = dict_by(
            measured.values("sheet__axis"),
            indicators=Count("pk"),
            targeted=Count("pk", filter=Q(target__gt=0)),
            measured=Count("pk", filter=Q(latest__isnull=False)),
            reached=Count("pk", filter=Q(target__gt=0, latest__gte=F("target"))),
        )
        table = Table(
            "indicateurs",
            "Indicateurs par axe : mesurés et cibles atteintes",
            [
                ("Axe", False),
                ("Indicateurs", True),
                ("Avec une cible", True),
                ("Mesurés", True),
                ("Cible atteinte", True),
                ("Part atteinte", True),
            ],
        )
        keys = ("indicators", "targeted", "measured", "reached")
        sums = dict.fromkeys(keys, 0)
        for axis in self.axes:
            row = per_axis.get(axis.pk, dict.fromkeys(keys, 0))
            for key in keys:
                sums[key] += row[key]
            table.rows.append([axis_cell(axis), *self.indicator_cells(row)])
        table.total = [Cell("Total", "Total"), *self.indicator_cells(sums)]
        table.summary = (
            f"{plural(sums['indicators'], 'indicateur', 'indicateurs')}, dont "
            f"{plural(sums['measured'], 'mesuré', 'mesurés')} ; {count(sums['reached'])} sur "
            f"{plural(sums['targeted'], 'doté', 'dotés')} d'une cible l'ont atteinte."
        )
        table.chart = bars(table, ["Part des cibles atteintes (%)"], [5])
        return table

    @staticmethod
    def indicator_cells(row):
        share = round(100 * row["reached"] / row["targeted"]) if row["targeted"] else None
        cells = [Cell(row[key], count(row[key])) for key in ("indicators", "targeted", "measured", "reached")]
        return [*cells, Cell(share, percent(share))]

    def indicator_gaps(self):
        latest = Measurement.objects.filter(indicator=OuterRef("pk")).order_by("-year")
        rows = (
            Indicator.objects.filter(sheet__in=self.ids, target__gt=0)
            .annotate(
                latest=Subquery(latest.values("value")[:1], output_field=MONEY),
                year=Subquery(latest.values("year")[:1]),
            )
            .filter(latest__isnull=False, latest__lt=F("target"))
            .annotate(share=F("latest") * 100 / F("target"))
            .values_list("label", "sheet_id", "sheet__code", "sheet__status", "latest", "year", "target", "share")
            .order_by("share", "pk")
        )
        table = Table(
            "indicateurs-ecarts",
            f"Indicateurs les plus loin de leur cible ({LIST_ROWS} au plus)",
            [
                ("Indicateur", False),
                ("Fiche", False),
                ("Dernière valeur", True),
                ("Année", True),
                ("Cible", True),
                ("Part atteinte", True),
            ],
            empty="Aucun indicateur mesuré en dessous de sa cible.",
        )
        for label, sheet_id, code, status, value, year, target, share in rows[:LIST_ROWS]:
            share = round(share)
            table.rows.append(
                [
                    Cell(label, label),
                    Cell(code, code, self.sheet_url(sheet_id, status)),
                    Cell(value, number_format(value, force_grouping=True)),
                    Cell(year, str(year)),
                    Cell(target, number_format(target, force_grouping=True)),
                    Cell(share, percent(share)),
                ]
            )
        table.summary = f"{plural(len(table.rows), 'indicateur mesuré', 'indicateurs mesurés')} sous leur cible."
        return table

    def overdue(self):
        late = Milestone.objects.filter(sheet__in=self.ids, is_done=False, due_on__lt=self.today)
        total = late.count()
        table = Table(
            "etapes-en-retard",
            "Étapes en retard (échéance passée, non réalisées)",
            [("Étape", False), ("Fiche", False), ("Axe", False), ("Échéance", True), ("Retard (jours)", True)],
            empty="Aucune étape en retard.",
        )
        rows = late.values_list("label", "due_on", "sheet_id", "sheet__code", "sheet__title", "sheet__status")
        for label, due_on, sheet_id, code, title, status in rows.order_by("due_on", "pk")[:LIST_ROWS]:
            days = (self.today - due_on).days
            table.rows.append(
                [
                    Cell(label, label),
                    Cell(f"{code} – {title}", f"{code} – {title}", self.sheet_url(sheet_id, status)),
                    Cell(code.split("-")[0], code.split("-")[0]),
                    Cell(due_on, f"{due_on:%d/%m/%Y}"),
                    Cell(days, count(days)),
                ]
            )
        table.more = max(total - LIST_ROWS, 0)
        table.summary = f"{plural(total, 'étape en retard', 'étapes en retard')}" + (
            f", les {LIST_ROWS} plus anciennes listées." if table.more else "."
        )
        return table

    def flagged(self):
        flagged = self.sheets.exclude(follow_up_flag=FollowUpFlag.NONE)
        counts = dict(flagged.order_by().values_list("follow_up_flag").annotate(n=Count("pk")))
        table = Table(
            "signalements",
            "Fiches signalées : en retard, bloquées ou à discuter",
            [("Fiche", False), ("Axe", False), ("Signalement", False), ("Avancement", True)],
            empty="Aucune fiche signalée.",
        )
        order = ["follow_up_flag", "axis__position", "number"]
        rows = flagged.values_list("pk", "code", "title", "status", "axis__code", "follow_up_flag", "progress")
        for pk, code, title, status, axis, flag, progress in rows.order_by(*order)[:LIST_ROWS]:
            table.rows.append(
                [
                    Cell(f"{code} – {title}", f"{code} – {title}", self.sheet_url(pk, status)),
                    Cell(axis, axis),
                    Cell(FollowUpFlag(flag).label, FollowUpFlag(flag).label, list_url(signalement=flag)),
                    Cell(progress, percent(progress)),
                ]
            )
        total = sum(counts.values())
        table.more = max(total - LIST_ROWS, 0)
        parts = [f"{count(counts.get(v, 0))} « {label.lower()} »" for v, label in FollowUpFlag.choices if v]
        table.summary = f"{plural(total, 'fiche signalée', 'fiches signalées')} : {', '.join(parts)}."
        table.flags = [
            {"label": label, "n": counts.get(value, 0), "url": list_url(signalement=value)}
            for value, label in FollowUpFlag.choices
            if value
        ]
        return table

    def groups(self):
        groups = WorkingGroup.objects.active().select_related("axis")
        if not sees_every_sheet(self.user):
            groups = groups.filter(pk__in=list(my_memberships(self.user)))
        groups = list(groups)
        sessions = last_sessions([group.pk for group in groups], timezone.now())
        table = Table(
            "participation",
            f"Participation aux {LAST_SESSIONS} dernières séances de chaque groupe",
            [
                ("Groupe", False),
                ("Axe", False),
                ("Séances tenues", True),
                ("Personnes invitées", True),
                ("Présentes ou représentées", True),
                ("Taux de présence", True),
            ],
            empty="Aucun groupe de travail.",
        )
        rows = []
        for group in groups:
            held = sessions.get(group.pk, [])
            invited, attended = sum(s[0] for s in held), sum(s[1] for s in held)
            rate = round(100 * attended / invited) if invited else None
            rows.append(
                [
                    Cell(group.name, group.name, group.get_absolute_url()),
                    Cell(group.axis.code, group.axis.code),
                    Cell(len(held), count(len(held))),
                    Cell(invited, count(invited)),
                    Cell(attended, count(attended)),
                    Cell(rate, percent(rate)),
                ]
            )
        # The least attended first: what the COPIL should look at (groups without a held session last).
        rows.sort(key=lambda row: (row[5].value is None, row[5].value or 0, row[0].value))
        table.rows, table.more = rows[:LIST_ROWS], max(len(rows) - LIST_ROWS, 0)
        table.summary = (
            f"{plural(len(groups), 'groupe', 'groupes')}, les moins présents d'abord"
            + (f" ({LIST_ROWS} listés)" if table.more else "")
            + " ; taux de présence = personnes présentes ou représentées / personnes invitées."
        )
        table.chart = bars(table, ["Taux de présence (%)"], [5])
        return table

    def obstacles(self):
        rows = (
            CoordinationObstacle.objects.filter(status__in=OPEN_OBSTACLES)
            .order_by()
            .values_list("category", "status")
            .annotate(n=Count("pk"))
        )
        return obstacle_table({(category, status): n for category, status, n in rows})

    def coverage(self):
        table = Table(
            "couverture",
            "Couverture des besoins du diagnostic par axe",
            [("Axe", False), ("Besoins et fragilités", True), ("Couverts par une fiche", True), ("Part", True)],
        )
        needs = covered = 0
        for row in axis_coverage(self.sheets):
            needs, covered = needs + row["needs"], covered + row["covered"]
            table.rows.append(
                [
                    axis_cell(row["axis"]),
                    Cell(row["needs"], count(row["needs"])),
                    Cell(row["covered"], count(row["covered"])),
                    Cell(row["share"], percent(row["share"])),
                ]
            )
        share = round(100 * covered / needs) if needs else None
        table.total = [Cell("Total", "Total"), Cell(needs, count(needs)), Cell(covered, count(covered))]
        table.total.append(Cell(share, percent(share)))
        table.summary = (
            f"{plural(covered, 'besoin ou fragilité', 'besoins ou fragilités')} sur {count(needs)} "
            f"{'a' if covered == 1 else 'ont'} au moins une fiche action."
        )
        table.chart = bars(table, ["Part couverte (%)"], [3])
        return table


def dict_by(values, **aggregates):
    """{first value: {aggregate: value}} of a `.values(key)` queryset annotated with `aggregates`."""
    key = next(iter(values.query.values_select))
    return {row.pop(key): row for row in values.annotate(**aggregates).order_by()}


def last_sessions(group_ids, now):
    """{group id: [(invited, present or represented)]} of the last LAST_SESSIONS sessions held by each group, in
    two queries: the sessions (a window over each group's sessions), then their invitations and presences."""
    ranked = list(
        Meeting.groups.through.objects.filter(
            workinggroup__in=group_ids, meeting__status=MeetingStatus.SCHEDULED, meeting__ends_at__lt=now
        )
        .annotate(rank=Window(RowNumber(), partition_by=F("workinggroup"), order_by=F("meeting__starts_at").desc()))
        .filter(rank__lte=LAST_SESSIONS)
        .values_list("workinggroup", "meeting")
    )
    # order_by(): the default orderings would join the interlocutors and structures into each count.
    invited = Invitation.objects.filter(meeting=OuterRef("pk")).order_by().values("pk")
    present = Attendance.objects.filter(meeting=OuterRef("pk"), status__in=ATTENDED).order_by().values("pk")
    meetings = Meeting.objects.filter(pk__in={meeting for _, meeting in ranked}).order_by()
    counts = {
        pk: (n_invited, n_present)
        for pk, n_invited, n_present in meetings.annotate(
            invited=SubqueryCount(invited), attended=SubqueryCount(present)
        ).values_list("pk", "invited", "attended")
    }
    sessions = defaultdict(list)
    for group_id, meeting in ranked:
        sessions[group_id].append(counts[meeting])
    return sessions


def obstacle_table(counts):
    table = Table(
        "freins",
        "Freins à la coordination non levés, par catégorie",
        [("Catégorie", False), *((ObstacleStatus(s).label, True) for s in OPEN_OBSTACLES), ("Total", True)],
    )
    obstacles = reverse("workshops:obstacle_list")
    sums = defaultdict(int)
    for value, label in ObstacleCategory.choices:
        cells = []
        for state in OPEN_OBSTACLES:
            n = counts.get((value, state), 0)
            sums[state] += n
            cells.append(
                Cell(n, count(n), f"{obstacles}?{urlencode({'categorie': value, 'etat': state})}" if n else "")
            )
        total = sum(cell.value for cell in cells)
        table.rows.append([Cell(label, label), *cells, Cell(total, count(total))])
    grand = sum(sums.values())
    table.total = [Cell("Total", "Total"), *(Cell(sums[s], count(sums[s])) for s in OPEN_OBSTACLES)]
    table.total.append(Cell(grand, count(grand)))
    table.summary = (
        f"{plural(grand, 'frein non levé', 'freins non levés')} : {count(sums[ObstacleStatus.OPEN])} ouverts, "
        f"{count(sums[ObstacleStatus.IN_PROGRESS])} en cours de traitement."
    )
    table.chart = bars(table, ["Freins non levés"], [len(table.columns) - 1])
    return table


# slug → Figures method; the page shows them in this order, the export takes the slug.
TABLES = {
    "statuts": "statuses",
    "signalements": "flagged",
    "etapes-en-retard": "overdue",
    "budget": "budget",
    "financeurs": "funders",
    "indicateurs": "indicators",
    "indicateurs-ecarts": "indicator_gaps",
    "participation": "groups",
    "freins": "obstacles",
    "couverture": "coverage",
}


# --- Cache -------------------------------------------------------------------------------------------------------


def stamp():
    """The programme stamp and, inside a transaction that has written, its id (one query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_value, txid_current_if_assigned() FROM programme_stamp")
        value, txid = cursor.fetchone()
    return f"{value}" if txid is None else f"{value}.{txid}"


def audience(user, *flags):
    """Who the figures are for: "all" when the person sees every fiche, else their groups; then the
    permission answers (`flags`) that change the links shown, and which fiches' pages they open."""
    scope = "all" if sees_every_sheet(user) else "g" + "-".join(map(str, sorted(my_memberships(user))))
    linkable = "v" if set(Status.values) - {value for value, _ in statuses_visible_to(user)} else "a"
    return f"{scope}:{linkable}:{''.join('1' if flag else '0' for flag in flags)}"


def cached(key, build):
    """`build()` kept in the fragments cache under `key` and the current programme stamp."""
    fragments = caches["fragments"]
    full_key = f"dashboard:{key}:{stamp()}"
    value = fragments.get(full_key)
    if value is None:
        value = build()
        fragments.set(full_key, value, FRAGMENT_TTL)
    return value
