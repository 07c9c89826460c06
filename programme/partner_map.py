"""The partner × axis map (« Cartographie des partenaires »): how each active structure takes part in each axis.

A structure takes part in an axis when one of its active interlocutors is an active member of one of the
axis's active groups, when it pilots (through its interlocutor) or carries a fiche of the axis, when it is a
partner of such a fiche, or when one of its interlocutors attended (present or represented) a session of the
axis's groups in the last twelve months. The map's readers (coordinators and readers, programme.permissions)
see the figures of every fiche.

Each of those five sources is one queryset giving (organisation, axis) rows. A page of the map asks them for
its own structures only, grouped by structure and axis: a fixed number of queries, as cheap with 10,000
structures as with 100. The filters and sorts that need every structure (« active in one axis only », by
number of axes or of sessions) run one SQL aggregate over the distinct pairs of the five sources; the
« À traiter » figures, and each page of the map as rendered, are kept in the fragments cache (shared by every
process and machine) under the programme stamp (programme.dashboard: a PostgreSQL sequence every table they read
moves, through any worker) and the day (the twelve-month window of sessions moves with it).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from actionsheets.models import ActionPartner, ActionSheet
from partners.models import Axis, Organisation
from programme.dashboard import cached
from programme.models import KeyPartnerType
from solidarites.lib.exports import table
from workshops.enums import FACILITATING_ROLES, MeetingKind, MeetingStatus
from workshops.models import Attendance, Membership, WorkingGroup

SESSIONS_WINDOW = timedelta(days=365)
NO_PART_HTML = mark_safe('<span aria-hidden="true">—</span><span class="visually-hidden">Aucune participation</span>')

# The sort orders of the map (`tri`): the column, and whether it is the descending one.
SORTS = {
    "nom": ("name", False),
    "-nom": ("name", True),
    "axes": ("axes", False),
    "-axes": ("axes", True),
    "seances": ("sessions", False),
    "-seances": ("sessions", True),
}
DEFAULT_SORT = "nom"
# The order a column takes when its header is first clicked: names A→Z, figures largest first.
FIRST_SORT = {"name": "nom", "axes": "-axes", "sessions": "-seances"}


def map_axes():
    """The columns: the active thematic axes, and the active cross-cutting ones that have a group or a fiche."""
    has_group = Exists(WorkingGroup.objects.filter(axis=OuterRef("pk"), is_active=True))
    has_sheet = Exists(ActionSheet.objects.filter(axis=OuterRef("pk")))
    return list(Axis.objects.active().filter(Q(is_cross_cutting=False) | has_group | has_sheet))


def session_window(now=None):
    now = now or timezone.now()
    return now - SESSIONS_WINDOW, now


# The five sources, each annotated with map_org and map_axis.


def _memberships():
    return Membership.objects.filter(is_active=True, contact__is_active=True, group__is_active=True).annotate(
        map_org=F("contact__organisation_id"), map_axis=F("group__axis_id")
    )


def _piloted():
    return ActionSheet.objects.filter(pilot__isnull=False).annotate(
        map_org=F("pilot__organisation_id"), map_axis=F("axis_id")
    )


def _led():
    return ActionSheet.objects.filter(lead_organisation__isnull=False).annotate(
        map_org=F("lead_organisation_id"), map_axis=F("axis_id")
    )


def _partnered():
    return ActionPartner.objects.annotate(map_org=F("organisation_id"), map_axis=F("sheet__axis_id"))


def _attended(window):
    since, until = window
    return (
        Attendance.objects.attended()
        .filter(
            meeting__kind=MeetingKind.GROUP,
            meeting__status=MeetingStatus.SCHEDULED,
            meeting__starts_at__gte=since,
            meeting__starts_at__lte=until,
        )
        .annotate(map_org=F("contact__organisation_id"), map_axis=F("meeting__groups__axis_id"))
    )


def _sources(window):
    return [_memberships(), _piloted(), _led(), _partnered(), _attended(window)]


# One page of rows: the cells of the structures shown.


@dataclass
class Cell:
    """How one structure takes part in one axis."""

    groups: int = 0
    facilitating: bool = False
    piloted: int = 0
    led: int = 0
    partnered: int = 0
    sessions: int = 0

    def parts(self):
        """[(icon, words)]: what the cell says, each with its icon (the words are the information)."""
        parts = []
        if self.groups:
            member = "Anime le groupe" if self.facilitating else "Membre du groupe"
            if self.groups > 1:
                member = f"{'Anime' if self.facilitating else 'Membre de'} {self.groups} groupes"
            parts.append(("bi-people-fill", member))
        for count, icon, words in (
            (self.piloted, "bi-person-badge", "Pilote"),
            (self.led, "bi-flag-fill", "Porteuse de"),
            (self.partnered, "bi-link-45deg", "Partenaire de"),
        ):
            if count:
                parts.append((icon, f"{words} {count} fiche{'s' if count > 1 else ''}"))
        if self.sessions:
            parts.append(("bi-calendar-check", f"{self.sessions} séance{'s' if self.sessions > 1 else ''}"))
        return parts

    @property
    def text(self):
        """The cell in one line, as the export gives it."""
        return " ; ".join(words for _, words in self.parts())

    @property
    def html(self):
        """The cell as the page shows it: one item per way of taking part, its icon hidden from screen readers.
        Made here rather than by template tags: a page has 200 to 300 cells, and this is most of its time."""
        parts = self.parts()
        if not parts:
            return NO_PART_HTML
        items = format_html_join("", '<li><i class="bi {}" aria-hidden="true"></i> {}</li>', parts)
        return format_html('<ul class="list-unstyled mb-0 small map-cell">{}</ul>', items)


@dataclass
class Row:
    organisation: Organisation
    cells: list = field(default_factory=list)  # one Cell per column, in the order of the axes
    sessions: int = 0

    @property
    def axes(self):
        return sum(1 for cell in self.cells if cell.parts())


def _grouped(queryset, ids, axis_ids, **counts):
    """{(organisation, axis): {name: count}} of one source, for the structures `ids` and the axes shown."""
    rows = (
        queryset.filter(map_org__in=ids, map_axis__in=axis_ids)
        .values("map_org", "map_axis")
        .annotate(**counts)
        .order_by()
    )
    return {(row.pop("map_org"), row.pop("map_axis")): row for row in rows}


def rows_for(organisations, axes, now=None):
    """The map's rows for `organisations` (one page): six aggregate queries whatever their number."""
    window = session_window(now)
    ids = [organisation.pk for organisation in organisations]
    axis_ids = [axis.pk for axis in axes]
    cells = defaultdict(Cell)
    for key, row in _grouped(
        _memberships(),
        ids,
        axis_ids,
        groups=Count("group", distinct=True),
        facilitating=Count("pk", filter=Q(role__in=FACILITATING_ROLES)),
    ).items():
        cells[key].groups, cells[key].facilitating = row["groups"], bool(row["facilitating"])
    for name, source in (("piloted", _piloted()), ("led", _led())):
        for key, row in _grouped(source, ids, axis_ids, n=Count("pk")).items():
            setattr(cells[key], name, row["n"])
    for key, row in _grouped(_partnered(), ids, axis_ids, n=Count("sheet", distinct=True)).items():
        cells[key].partnered = row["n"]
    for key, row in _grouped(_attended(window), ids, axis_ids, n=Count("meeting", distinct=True)).items():
        cells[key].sessions = row["n"]
    totals = dict(
        _attended(window)
        .filter(map_org__in=ids, map_axis__in=axis_ids)
        .values("map_org")
        .annotate(n=Count("meeting", distinct=True))
        .order_by()
        .values_list("map_org", "n")
    )
    return [
        Row(
            organisation=organisation,
            cells=[cells.get((organisation.pk, axis_id), Cell()) for axis_id in axis_ids],
            sessions=totals.get(organisation.pk, 0),
        )
        for organisation in organisations
    ]


# Every structure at once: SQL aggregates over the distinct (organisation, axis) pairs.


def _pairs_sql(axis_ids, window):
    """The SQL (and its parameters) of the distinct (map_org, map_axis) pairs of the five sources."""
    parts = [
        source.filter(map_axis__in=axis_ids, map_org__isnull=False).values("map_org", "map_axis").order_by()
        for source in _sources(window)
    ]
    return parts[0].union(*parts[1:]).query.sql_with_params()


def axes_count_sql(axis_ids, window):
    """SQL of (org, n): the number of axes each structure takes part in (only those taking part in one)."""
    sql, params = _pairs_sql(axis_ids, window)
    return f"SELECT pairs.map_org AS org, COUNT(*) AS n FROM ({sql}) AS pairs GROUP BY pairs.map_org", params


def sessions_count_sql(axis_ids, window):
    """SQL of (org, n): the number of sessions of the axes' groups each structure attended in the window."""
    queryset = (
        _attended(window)
        .filter(map_axis__in=axis_ids)
        .values("map_org")
        .annotate(n=Count("meeting", distinct=True))
        .order_by()
    )
    sql, params = queryset.query.sql_with_params()
    return f"SELECT sessions.map_org AS org, sessions.n AS n FROM ({sql}) AS sessions", params


def in_one_axis_only(organisations, axis_ids, window):
    """The structures of `organisations` that take part in exactly one axis."""
    sql, params = axes_count_sql(axis_ids, window)
    return organisations.filter(pk__in=RawSQL(f"SELECT org FROM ({sql}) AS counted WHERE n = 1", params))


def at_partners_day_only(organisations, now=None):
    """The structures of `organisations` that attended a partners' day (plenary session) and since then are in
    no group (no active membership) and attended no group session."""
    now = now or timezone.now()
    plenary = Attendance.objects.attended().filter(
        meeting__kind=MeetingKind.PLENARY, meeting__status=MeetingStatus.SCHEDULED, meeting__starts_at__lte=now
    )
    last_day = (
        plenary.filter(contact__organisation=OuterRef("pk"))
        .order_by("-meeting__starts_at")
        .values("meeting__starts_at")[:1]
    )
    # The last group session attended, as a scalar subquery: read for the few structures left by the cheaper
    # conditions, where a NOT EXISTS would become a join with every attendance row.
    last_session = (
        Attendance.objects.attended()
        .filter(contact__organisation=OuterRef("pk"), meeting__kind=MeetingKind.GROUP)
        .order_by("-meeting__starts_at")
        .values("meeting__starts_at")[:1]
    )
    return (
        organisations.filter(pk__in=plenary.values("contact__organisation_id"))
        .exclude(pk__in=_memberships().values("map_org"))
        .alias(partners_day=Subquery(last_day), last_session=Subquery(last_session))
        .filter(Q(last_session__isnull=True) | Q(last_session__lte=F("partners_day")))
    )


class RankedOrganisations:
    """`organisations` (a filtered queryset) sorted by a figure computed for every structure (number of axes
    or of sessions), sliced by the database: what a paginator needs (count, slices) without reading them all."""

    def __init__(self, organisations, figure_sql, descending):
        self.organisations = organisations
        self.figure_sql = figure_sql
        self.descending = descending

    def count(self):
        return self.organisations.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        ids = self._ids(start, None if stop is None else stop - start)
        found = self.organisations.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _ids(self, offset, limit):
        figure, figure_params = self.figure_sql
        filtered, filtered_params = self.organisations.values("pk").order_by().query.sql_with_params()
        direction = "DESC" if self.descending else "ASC"
        sql = (
            f"SELECT o.id FROM {Organisation._meta.db_table} AS o"
            f" LEFT JOIN ({figure}) AS figure ON figure.org = o.id"
            f" WHERE o.id IN ({filtered})"
            f" ORDER BY COALESCE(figure.n, 0) {direction}, o.name, o.id"
            " LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*figure_params, *filtered_params, limit, offset])
            return [pk for (pk,) in cursor.fetchall()]


def sorted_organisations(organisations, sort, axes, now=None):
    """`organisations` in the order `sort` (a key of SORTS): by name through the index, by a figure through
    RankedOrganisations."""
    column, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    if column == "name":
        return organisations.order_by("-name" if descending else "name", "-pk" if descending else "pk")
    axis_ids, window = [axis.pk for axis in axes], session_window(now)
    figure = axes_count_sql(axis_ids, window) if column == "axes" else sessions_count_sql(axis_ids, window)
    return RankedOrganisations(organisations, figure, descending)


def sort_headers(sort):
    """{column: {"sort": the `tri` its link sets, "aria": its aria-sort value or ""}} for the table's headers."""
    current, descending = SORTS.get(sort, SORTS[DEFAULT_SORT])
    headers = {}
    for column, first in FIRST_SORT.items():
        if column == current:
            aria = "descending" if descending else "ascending"
            link = first.removeprefix("-") if descending else "-" + first.removeprefix("-")
        else:
            aria, link = "", first
        headers[column] = {"sort": link, "aria": aria}
    return headers


# « À traiter »: what the coordinator must act on, over every active structure.


def _missing_key_types(axes, axis_ids, window):
    """[KeyPartnerType] of the axes shown for which no active structure of that type takes part."""
    sql, params = _pairs_sql(axis_ids, window)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT pairs.map_axis, o.type_id FROM ({sql}) AS pairs"
            f" JOIN {Organisation._meta.db_table} AS o ON o.id = pairs.map_org WHERE o.is_active",
            params,
        )
        present = set(cursor.fetchall())
    expected = KeyPartnerType.objects.filter(axis__in=axis_ids).select_related("axis", "organisation_type")
    return [key for key in expected if (key.axis_id, key.organisation_type_id) not in present]


def _compute_highlights(axes, now):
    axis_ids, window = [axis.pk for axis in axes], session_window(now)
    active = Organisation.objects.active()
    return {
        "structures": active.count(),
        "one_axis": in_one_axis_only(active, axis_ids, window).count(),
        "partners_day_only": at_partners_day_only(active, now).count(),
        "missing": [
            {
                "axis_code": key.axis.code,
                "axis": key.axis.short_title,
                "type_id": key.organisation_type_id,
                "type": key.organisation_type.label,
                "reason": key.reason,
            }
            for key in _missing_key_types(axes, axis_ids, window)
        ],
    }


def highlights(axes, now=None):
    """The « À traiter » figures: structures in one axis only, structures seen at the partners' day only, and
    the key types of partners missing from an axis; and the number of active structures (the unfiltered
    map's length). Kept under the programme stamp and the day."""
    now = now or timezone.now()
    axis_ids = "-".join(str(axis.pk) for axis in axes)
    return cached(f"map-highlights:{timezone.localdate(now)}:{axis_ids}", lambda: _compute_highlights(axes, now))


def page_key(query):
    """The cache key of one page of the map: its query string (filters, sort, page), in a stable order."""
    items = sorted((name, value) for name, values in query.lists() for value in values)
    return hashlib.sha256(repr(items).encode()).hexdigest()


def cached_page(query, build, now=None):
    """`build()` (the rendered page of the map) kept under the programme stamp, the day and the query string."""
    return cached(f"map-page:{timezone.localdate(now or timezone.now())}:{page_key(query)}", build)


# The export: every row of the filtered, sorted map.

EXPORT_CHUNK = 500


def export_dataset(organisations, axes, now=None):
    """The map as a tablib Dataset, the columns of the page: structure, type, one per axis, the figures."""
    headers = ["Structure", "Type", *[f"{axis.code} – {axis.short_title}" for axis in axes]]
    headers += ["Axes", "Séances (12 derniers mois)"]
    return table(headers, _export_rows(organisations, axes, now), "Cartographie")


def _export_rows(organisations, axes, now):
    start = 0
    while True:
        chunk = list(organisations[start : start + EXPORT_CHUNK])
        for row in rows_for(chunk, axes, now):
            organisation = row.organisation
            cells = [cell.text for cell in row.cells]
            yield [organisation.name, organisation.type.label, *cells, row.axes, row.sessions]
        if len(chunk) < EXPORT_CHUNK:
            return
        start += EXPORT_CHUNK
