"""Which needs of the diagnostic the fiches answer: the findings of kind « besoin » or « fragilité » and the
fiches linked to them (ActionSheet.findings)."""

from django.db.models import Count, Q

from partners.models import Axis
from workshops.enums import FindingKind

# What the coverage measures: the needs and weaknesses of the diagnostic (strengths call for no action).
NEED_KINDS = (FindingKind.NEED, FindingKind.WEAKNESS)


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
