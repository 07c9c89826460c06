"""Which needs of the diagnostic the fiches answer: the findings of kind « besoin » or « fragilité » and the
fiches linked to them (ActionSheet.findings), per finding and per axis, and the fiches that may be linked to
one finding from its side."""

from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When

from actionsheets.enums import WRITING_STATES
from actionsheets.models import ActionSheet
from partners.models import Axis
from workshops.enums import FindingKind
from workshops.models import Finding

# What the coverage measures: the needs and weaknesses of the diagnostic (strengths call for no action).
NEED_KINDS = (FindingKind.NEED, FindingKind.WEAKNESS)
# The per-axis chart (SVG user units): bars start at CHART_LEFT, 100 % is CHART_WIDTH long.
CHART_LEFT, CHART_WIDTH, CHART_TOP, CHART_STEP = 70, 360, 8, 30


def axis_coverage(sheets):
    """Per active axis: how many needs it has and how many of them at least one of `sheets` answers.
    Two queries whatever the size of the programme."""
    covered = Count(
        "findings",
        filter=Q(findings__kind__in=NEED_KINDS, findings__sheets__in=sheets.values("pk")),
        distinct=True,
    )
    needs = Count("findings", filter=Q(findings__kind__in=NEED_KINDS), distinct=True)
    rows = []
    for axis in Axis.objects.active().annotate(needs=needs, covered=covered):
        share = round(100 * axis.covered / axis.needs) if axis.needs else None
        rows.append({"axis": axis, "needs": axis.needs, "covered": axis.covered, "share": share})
    return rows


def needs(sheets, axis=None):
    """The needs and weaknesses of the diagnostic (of `axis` only, when given) on the active axes, uncovered
    first then in the diagnostic's order, each with `answered`: how many of `sheets` answer it."""
    answered = Count("sheets", filter=Q(sheets__in=sheets.values("pk")), distinct=True)
    findings = Finding.objects.filter(kind__in=NEED_KINDS, axis__is_active=True).select_related("axis")
    if axis is not None:
        findings = findings.filter(axis=axis)
    uncovered_first = Case(When(answered=0, then=Value(0)), default=Value(1))
    return findings.annotate(answered=answered).order_by(
        uncovered_first, "axis__is_cross_cutting", "axis__position", "axis__code", "position", "pk"
    )


def answering_sheets(findings, sheets, visible):
    """{finding pk: [sheet…]} of the fiches of `sheets` linked to `findings`, each with `is_visible` (whether the
    user may open it: `visible`, a queryset of the fiches they see) and `label`: its code and title, or for a
    fiche counted but not open to the user (a draft, for a reader) its code only. Two queries."""
    through = ActionSheet.findings.through
    links = list(
        through.objects.filter(finding__in=[finding.pk for finding in findings], actionsheet__in=sheets.values("pk"))
        .select_related("actionsheet")
        .order_by("actionsheet__axis__position", "actionsheet__number")
    )
    sheet_ids = {link.actionsheet_id for link in links}
    seen = set(visible.filter(pk__in=sheet_ids).values_list("pk", flat=True)) if sheet_ids else set()
    found = {finding.pk: [] for finding in findings}
    for link in links:
        sheet = link.actionsheet
        sheet.is_visible = sheet.pk in seen
        sheet.label = f"{sheet.code} – {sheet.title}" if sheet.is_visible else f"{sheet.code} (fiche non validée)"
        found[link.finding_id].append(link.actionsheet)
    return found


def coverage_rows(sheets, visible, axis=None):
    """The rows of the coverage table: [{finding, sheets}] uncovered first (see needs)."""
    findings = list(needs(sheets, axis))
    answers = answering_sheets(findings, sheets, visible)
    return [{"finding": finding, "sheets": answers[finding.pk]} for finding in findings]


def coverage_chart(rows):
    """The bars of the per-axis coverage chart (an SVG drawn by the template): y position, width, label."""
    bars = []
    for index, row in enumerate(rows):
        share = row["share"] or 0
        bars.append(
            {
                **row,
                "y": CHART_TOP + index * CHART_STEP,
                "width": round(CHART_WIDTH * share / 100),
                "label_x": CHART_LEFT + round(CHART_WIDTH * share / 100) + 6,
            }
        )
    return {"bars": bars, "height": CHART_TOP + len(rows) * CHART_STEP + 8, "left": CHART_LEFT, "full": CHART_WIDTH}


def link_candidates(finding, user, asked=()):
    """The fiches the user sees that may answer `finding`: those of its axis being written and those already
    linked to it, each with `is_linked`, with what the permission checks read (co-authors). `asked`: the ids
    of the fiches a form sent, read too (when the user sees them) so that one no longer open gets a clear error."""
    linked = Exists(ActionSheet.findings.through.objects.filter(actionsheet=OuterRef("pk"), finding=finding))
    # Only a fiche being written may change (actionsheets.workflow): the others of the axis are not offered.
    writable = Q(axis=finding.axis_id, status__in=WRITING_STATES)
    return list(
        ActionSheet.objects.visible_to(user)
        .filter(writable | Q(pk__in=finding.sheets.values("pk")) | Q(pk__in=list(asked)))
        .select_related("axis")
        .prefetch_related("co_authors")
        .annotate(is_linked=linked)
        .order_by("axis__position", "number")
    )
