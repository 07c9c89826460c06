"""What the project team decides on a pair of look-alike fiches of two groups (actionsheets.overlaps): link
them, say they are not a duplicate (never proposed again), or propose to pool them (an e-mail to both pilots).
Each decision is atomic on the locked Overlap row, logged on both fiches, e-mails sent after commit."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actionsheets.models import ActionSheet, Overlap, OverlapDecision
from actionsheets.services import record_version
from partners.enums import AuditVerb
from partners.mail import send_templated_email
from partners.models import Commune
from partners.services import log_action

LINKS_SECTION = "conditions"  # the editor's section that holds « fiches liées »


def _lock(overlap):
    """The pair and its two fiches, locked (fiches in the order of their ids)."""
    row = Overlap.objects.select_for_update().get(pk=overlap.pk)
    sheets = list(
        ActionSheet.objects.select_for_update(of=("self",))
        .select_related("pilot", "group")
        .filter(pk__in=[row.sheet_id, row.other_id])
        .order_by("pk")
    )
    return row, sheets


def _decide(row, decision, by):
    row.decision, row.decided_by, row.decided_at = decision, by, timezone.now()
    row.save(update_fields=["decision", "decided_by", "decided_at"])
    return row


def _log(by, sheets, message):
    first, second = sheets
    log_action(actor=by, verb=AuditVerb.UPDATED, target=first, message=message.format(other=second.code))
    log_action(actor=by, verb=AuditVerb.UPDATED, target=second, message=message.format(other=first.code))


@transaction.atomic
def link_overlap(*, by, overlap):
    """« Lier ces fiches »: each fiche lists the other among its « fiches liées » (a new version of each; an
    editor left open on that section gets a conflict rather than dropping the link)."""
    row, sheets = _lock(overlap)
    first, second = sheets
    first.related_sheets.add(second)  # symmetrical: both ways
    for sheet in sheets:
        versions = sheet.section_versions
        sheet.section_versions = {**versions, LINKS_SECTION: int(versions.get(LINKS_SECTION, 0)) + 1}
        sheet.revision += 1
        sheet.save(update_fields=["section_versions", "revision", "updated_at"])
        record_version(by=by, sheet=sheet, section=LINKS_SECTION)
    _log(by, sheets, "Fiche liée à {other} (rapprochement entre groupes)")
    return _decide(row, OverlapDecision.LINKED, by)


@transaction.atomic
def dismiss_overlap(*, by, overlap):
    """« Pas un doublon »: remembered, the pair is never proposed again."""
    row, sheets = _lock(overlap)
    _log(by, sheets, "Rapprochement avec {other} : pas un doublon")
    return _decide(row, OverlapDecision.NOT_DUPLICATE, by)


@dataclass
class Pooling:
    """Who the proposal is sent to, and the fiches whose pilot cannot receive it (no pilot or no e-mail)."""

    overlap: Overlap
    recipients: list = field(default_factory=list)
    unreachable: list = field(default_factory=list)


@transaction.atomic
def propose_pooling(*, by, overlap):
    """« Proposer une mutualisation »: an e-mail to the pilots of both fiches, with the links of both, sent
    after commit and recorded (SentEmail)."""
    row, sheets = _lock(overlap)
    result = Pooling(overlap=row)
    for sheet in sheets:
        if sheet.pilot and sheet.pilot.email:
            if sheet.pilot.email not in [email for email, _ in result.recipients]:
                result.recipients.append((sheet.pilot.email, sheet))
        else:
            result.unreachable.append(sheet)
    _log(by, sheets, "Mutualisation proposée avec {other}")
    _decide(row, OverlapDecision.POOLING_PROPOSED, by)
    context = {"sheets": sheets, "by": by, "commune": Commune.objects.current()}

    # Rows of the outbox, written in this transaction: sent by a task once it is committed (partners.mail).
    base = settings.SITE_URL.rstrip("/")
    context["links"] = [(sheet, base + sheet.get_absolute_url()) for sheet in sheets]
    for email, sheet in result.recipients:
        send_templated_email(
            to=[email], template="programme/overlap_pooling_email", context={**context, "mine": sheet}, related=sheet
        )
    return result


DECISIONS = {
    "lier": link_overlap,
    "pas-un-doublon": dismiss_overlap,
    "mutualiser": propose_pooling,
}
