"""The COPIL's decisions per fiche (issue 12, item 2): what the form on the dossier page shows
(`decision_rows`), and the service that records them all at once (`record_decisions`).

A decision « validée » or « à retravailler » is a workflow move of the fiche (actionsheets.services.move: a
Transition dated with the COPIL's date, a log row, the e-mails to the people concerned through the outbox);
« ajournée » leaves the fiche « transmise au COPIL », writes a comment in its history and a log row, and tells
its authors by e-mail (the outbox too). Each decision is a CopilDecision row, and a line of the COPIL's
minutes (workshops.services.add_minutes_decisions), so that the secretary does not type them again.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone

from actionsheets.models import ActionSheet
from actionsheets.permissions import roles
from actionsheets.services import TransitionRefused, move
from partners.enums import AuditVerb
from partners.mail import send_templated_email
from partners.models import Commune
from partners.services import log_action
from programme.decision_forms import CopilDecisionsForm, Outcome, outcomes_for
from programme.models import CopilDecision, CopilDossier
from programme.permissions import can_record_copil_decisions
from workshops.permissions import can_manage_meeting
from workshops.services import add_minutes_decisions

MOVES = {Outcome.VALIDATED: "validate", Outcome.REWORK: "copil_rework"}
# How each outcome is shown: a Bootstrap colour beside its words (never the only cue).
TONES = {Outcome.VALIDATED: "success", Outcome.REWORK: "warning", Outcome.POSTPONED: "secondary"}


class DecisionsRefused(Exception):
    """Nothing was recorded: the COPIL is closed or still to come, or a fiche can no longer get this decision."""


def copil_date(dossier):
    """The date of the COPIL meeting, the date of its decisions."""
    return timezone.localdate(dossier.meeting.starts_at)


def refusal(dossier, today=None):
    """Why no decision can be recorded on this dossier now ("" when they can)."""
    if dossier.closed_at:
        closed = formats.date_format(timezone.localtime(dossier.closed_at), "j F Y")
        return f"Ce COPIL est clos depuis le {closed} : ses décisions ne peuvent plus changer."
    if copil_date(dossier) > (today or timezone.localdate()):
        day = formats.date_format(copil_date(dossier), "l j F Y")
        return f"Les décisions se saisissent à partir du jour du COPIL, le {day}."
    return ""


@dataclass
class DecisionPanel:
    """What templates/programme/copil_decisions_form.html shows (the context key `decision_rows`)."""

    dossier: CopilDossier
    decided: list  # [{decision: CopilDecision (with its sheet and author), tone}], in the order of the codes
    others: list  # fiches of the dossier with nothing to decide (already moved elsewhere)
    form: CopilDecisionsForm  # one choice and one comment per fiche awaiting a decision (form.rows())
    may_record: bool  # the user records decisions (the project team)
    refusal: str = ""  # why none can be recorded now (closed, or before the COPIL's day)
    action_url: str = ""
    minutes_url: str = ""  # the COPIL's minutes editor, for those who run the meeting
    rows: list = field(default_factory=list)

    @property
    def can_decide(self):
        """Whether the form is shown: a user who records decisions, an open dossier, fiches awaiting one."""
        return self.may_record and not self.refusal and bool(self.rows)


def decision_rows(user, dossier, data=None):
    """The decisions panel of the dossier page for `user` (`data`: the POST of the form, to show its errors).
    Three queries whatever the number of fiches: the decisions, the fiches, the meeting's groups (minutes link)."""
    decided = list(
        dossier.decisions.select_related("sheet", "decided_by").order_by("sheet__code", "pk"),
    )
    done = {decision.sheet_id for decision in decided}
    decided = [{"decision": decision, "tone": TONES[decision.outcome]} for decision in decided]
    sheets = [sheet for sheet in dossier.sheets.order_by("code", "pk") if sheet.pk not in done]
    pending = [sheet for sheet in sheets if outcomes_for(sheet.status)]
    form = CopilDecisionsForm(data, sheets=pending)
    meeting = dossier.meeting
    return DecisionPanel(
        dossier=dossier,
        decided=decided,
        others=[sheet for sheet in sheets if not outcomes_for(sheet.status)],
        form=form,
        rows=form.rows(),
        may_record=can_record_copil_decisions(user),
        refusal=refusal(dossier),
        action_url=reverse("programme:copil_decisions", kwargs={"pk": meeting.pk}),
        minutes_url=reverse("workshops:minutes_edit", kwargs={"pk": meeting.pk})
        if can_manage_meeting(user, meeting)
        else "",
    )


def minutes_line(sheet, outcome, comment=""):
    """The line of the minutes that states one decision."""
    line = f"{sheet.code} « {sheet.title} » : {Outcome(outcome).label.lower()}"
    return f"{line} – {comment}" if comment else f"{line}."


def _postpone(by, sheet, day, comment):
    """« Ajournée »: the fiche stays as it is; its history says so (a comment on the whole fiche), and a log row."""
    current = ActionSheet.objects.select_for_update().get(pk=sheet.pk)
    if not outcomes_for(current.status):
        status = current.get_status_display().lower()
        raise DecisionsRefused(f"{current.code} : la fiche est « {status} », elle ne peut plus être ajournée.")
    text = f"Ajournée par le COPIL du {formats.date_format(day, 'j F Y')}."
    current.comments.create(section="", text=f"{text}\n\n{comment}" if comment else text, author=by)
    log_action(actor=by, verb=AuditVerb.UPDATED, target=current, message=text + (f" {comment}" if comment else ""))
    context = {"sheet": current, "copil_date": day, "comment": comment, "commune": Commune.objects.current()}
    context["url"] = settings.SITE_URL.rstrip("/") + current.get_absolute_url()
    for email in _authors(current, by):  # rows of the outbox, sent once this transaction is committed
        send_templated_email(to=[email], template="programme/copil_postponed_email", context=context, related=current)
    return current


def _authors(sheet, by):
    """The e-mails of the fiche's authors and pilot, but the person recording the decision."""
    emails = set(sheet.co_authors.exclude(email="").values_list("email", flat=True))
    for person in (sheet.created_by, sheet.pilot):
        if person and person.email:
            emails.add(person.email)
    emails.discard(by.email if by else None)
    return sorted(emails)


def _decide(by, sheet, outcome, comment, day):
    if outcome == Outcome.POSTPONED:
        return _postpone(by, sheet, day, comment)
    try:
        return move(
            by=by,
            sheet=sheet,
            action=MOVES[outcome],
            comment=comment,
            copil_date=day,
            allowed_roles=roles(by, sheet),
        )
    except TransitionRefused as error:
        raise DecisionsRefused(f"{sheet.code} : {error}") from error


@transaction.atomic
def record_decisions(by, dossier, decisions):
    """Record the COPIL's decisions `decisions` [(sheet, outcome, comment)] on the locked dossier, all or none.

    Each one: a CopilDecision row; « validée » / « à retravailler » move the fiche (actionsheets.services.move,
    dated with the COPIL's date, e-mails through the outbox); « ajournée » leaves it « transmise au COPIL »
    with a comment in its history. Then the decisions are added to the COPIL's minutes (unless published).
    DecisionsRefused when the dossier is closed or its COPIL still to come, when a fiche is not in the dossier
    or already decided, or when its state no longer allows the decision. Returns (decisions, minutes_updated)."""
    current = CopilDossier.objects.select_for_update().select_related("meeting").get(pk=dossier.pk)
    reason = refusal(current)
    if reason:
        raise DecisionsRefused(reason)
    day = copil_date(current)
    in_dossier = set(current.sheets.values_list("pk", flat=True))
    decided = set(current.decisions.values_list("sheet_id", flat=True))
    recorded = []
    for sheet, outcome, comment in decisions:
        comment = (comment or "").strip()
        if sheet.pk not in in_dossier:
            raise DecisionsRefused(f"La fiche {sheet.code} n'est pas dans le dossier de ce COPIL.")
        if outcome not in Outcome.values:
            raise DecisionsRefused(f"{sheet.code} : décision inconnue.")
        if sheet.pk in decided:
            raise DecisionsRefused(f"La décision sur la fiche {sheet.code} est déjà enregistrée.")
        if outcome == Outcome.REWORK and not comment:
            raise DecisionsRefused(f"{sheet.code} : un commentaire aux auteurs est nécessaire.")
        moved = _decide(by, sheet, outcome, comment, day)
        decided.add(sheet.pk)
        recorded.append(
            CopilDecision.objects.create(dossier=current, sheet=moved, outcome=outcome, comment=comment, decided_by=by)
        )
    lines = [minutes_line(decision.sheet, decision.outcome, decision.comment) for decision in recorded]
    in_minutes = add_minutes_decisions(by=by, meeting=current.meeting, texts=lines) if lines else False
    return recorded, in_minutes
