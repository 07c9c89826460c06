"""The COPIL dossier: the fiches put before one COPIL (a workshops meeting of kind « copil »), and what its page
and documents show of them.

The dossier is made the first time the project team opens it, with every fiche « transmise au COPIL » at that
moment; the team then adds or removes fiches (`change_sheets`, atomic, logged). Until it is made, those who only
read it (elected members) see the fiches it would start with. A closed dossier (programme.snapshots) no longer
changes.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.shortcuts import get_object_or_404

from actionsheets.enums import Status
from actionsheets.models import ActionSheet
from partners.enums import AuditVerb
from partners.services import log_action
from programme.dashboard import euros
from programme.models import CopilDossier
from workshops.enums import MeetingKind
from workshops.models import Meeting

# Fiches that may be added to a dossier: every one but the drafts and the fiches that are over.
NOT_ADDABLE = (Status.DRAFT, Status.ABANDONED, Status.ARCHIVED)


class DossierClosed(Exception):
    """The dossier of a closed COPIL no longer changes."""


def copil_meeting(pk):
    """The meeting `pk` if it is a COPIL (404 otherwise: the dossier belongs to COPIL meetings only)."""
    return get_object_or_404(Meeting.objects.select_related("venue"), pk=pk, kind=MeetingKind.COPIL)


def forwarded_sheets():
    return ActionSheet.objects.filter(status=Status.FORWARDED)


def open_dossier(*, by, meeting):
    """The dossier of `meeting`, made with the fiches « transmises au COPIL » when it does not exist yet."""
    dossier = CopilDossier.objects.filter(meeting=meeting).first()
    if dossier is not None:
        return dossier
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()  # two first openings make one dossier
        dossier, created = CopilDossier.objects.get_or_create(meeting=meeting)
        if created:
            sheets = list(forwarded_sheets().values_list("pk", flat=True))
            dossier.sheets.set(sheets)
            log_action(
                actor=by,
                verb=AuditVerb.CREATED,
                target=dossier,
                message=f"Dossier du COPIL « {meeting.title} » ouvert : {len(sheets)} fiche(s) transmise(s) au COPIL",
            )
    return dossier


def existing_dossier(meeting):
    return CopilDossier.objects.filter(meeting=meeting).first()


def sheet_ids(dossier):
    """The fiches of the dossier, or those it would start with while nobody of the team has opened it."""
    if dossier is None:
        return forwarded_sheets().values("pk")
    return dossier.sheets.values("pk")


def addable_sheets(dossier):
    """The fiches the team may add to the dossier: those not in it yet, drafts and finished fiches left out."""
    return (
        ActionSheet.objects.exclude(status__in=NOT_ADDABLE)
        .exclude(pk__in=dossier.sheets.values("pk"))
        .select_related("axis")
        .order_by("axis__position", "code")
    )


def change_sheets(*, by, dossier, add=(), remove=()):
    """Add the fiches `add` to the dossier and take `remove` out of it, in one transaction, logged.
    Raises DossierClosed when the COPIL is closed."""
    with transaction.atomic():
        locked = CopilDossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.closed_at is not None:
            raise DossierClosed("Ce COPIL est clos : son dossier ne change plus.")
        present = set(locked.sheets.values_list("pk", flat=True))
        added = [sheet for sheet in add if sheet.pk not in present]
        removed = [sheet for sheet in remove if sheet.pk in present]
        locked.sheets.add(*added)
        locked.sheets.remove(*removed)
        parts = []
        if added:
            parts.append("ajout de " + ", ".join(sheet.code for sheet in added))
        if removed:
            parts.append("retrait de " + ", ".join(sheet.code for sheet in removed))
        if parts:
            log_action(
                actor=by, verb=AuditVerb.UPDATED, target=locked, message="Fiches du dossier : " + " ; ".join(parts)
            )
    return added, removed


# --- The summary table: the fiches by axis, with status, budget and funding ---------------------------------------


@dataclass
class AxisGroup:
    axis: object
    sheets: list = field(default_factory=list)
    planned: Decimal = Decimal(0)
    granted: Decimal = Decimal(0)
    requested: Decimal = Decimal(0)

    @property
    def totals(self):
        return {"planned": euros(self.planned), "granted": euros(self.granted), "requested": euros(self.requested)}


@dataclass
class Summary:
    groups: list
    count: int
    totals: dict


def summary_sheets(ids):
    """The fiches of `ids` (a queryset of pks) with their axis, group and budget totals, by axis then code."""
    return (
        ActionSheet.objects.filter(pk__in=ids)
        .select_related("axis", "group")
        .only("code", "title", "status", "axis__code", "axis__title", "axis__position", "group__name")
        .with_totals()
        .order_by("axis__position", "code")
    )


def summary(ids):
    """The summary table of the dossier: one group per axis, each fiche with its status, planned budget and
    funding granted and requested, totals per axis and overall (one query)."""
    groups = []
    for sheet in summary_sheets(ids):
        if not groups or groups[-1].axis.pk != sheet.axis_id:
            groups.append(AxisGroup(axis=sheet.axis))
        group = groups[-1]
        sheet.amounts = {
            "planned": euros(sheet.planned_total),
            "granted": euros(sheet.granted_total),
            "requested": euros(sheet.requested_total),
        }
        group.sheets.append(sheet)
        group.planned += sheet.planned_total
        group.granted += sheet.granted_total
        group.requested += sheet.requested_total
    totals = {
        name: euros(sum((getattr(group, name) for group in groups), Decimal(0)))
        for name in ("planned", "granted", "requested")
    }
    return Summary(groups=groups, count=sum(len(group.sheets) for group in groups), totals=totals)
