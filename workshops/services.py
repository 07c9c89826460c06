"""Every change to groups and sessions goes through these functions: atomic, logged; their e-mails are queued
in the outbox inside the same transaction and delivered by a task after commit (partners.mail)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from background import uploads
from partners.enums import AuditVerb
from partners.mail import send_templated_email, send_templated_emails, templated_message
from partners.models import Commune, Contact
from partners.services import ConcurrentEditError, log_action, update_versioned
from workshops import audiences, ics
from workshops.audiences import Audience
from workshops.models import (
    Attendance,
    CalendarFeed,
    Decision,
    FollowUpTask,
    Invitation,
    Meeting,
    MeetingDocument,
    Membership,
    Minutes,
    new_feed_token,
    new_nonce,
)
from workshops.tokens import make_token

__all__ = ["ConcurrentEditError", "update_versioned"]


def absolute(path, base_url=None):
    return (base_url or settings.SITE_URL).rstrip("/") + path


# Memberships


@transaction.atomic
def add_member(*, by, group, contact, role):
    membership, created = Membership.objects.select_for_update().get_or_create(
        group=group, contact=contact, defaults={"role": role}
    )
    if not created:
        membership.role, membership.is_active = role, True
        membership.save(update_fields=["role", "is_active"])
    log_action(
        actor=by, verb=AuditVerb.CREATED, target=membership, message=f"{contact} ({membership.get_role_display()})"
    )
    return membership


@transaction.atomic
def change_member(*, by, membership, role=None, active=None):
    current = Membership.objects.select_for_update().get(pk=membership.pk)
    changes = []
    if role is not None and role != current.role:
        current.role = role
        changes.append(f"Rôle : {current.get_role_display()}")
    if active is not None and active != current.is_active:
        current.is_active = active
        changes.append("Réintégré" if active else "Retiré du groupe")
    if changes:
        current.save(update_fields=["role", "is_active"])
        verb = AuditVerb.UPDATED if active is None else (AuditVerb.REACTIVATED if active else AuditVerb.DEACTIVATED)
        log_action(actor=by, verb=verb, target=current, message=" ; ".join(changes))
    return current


# Meetings


@transaction.atomic
def create_meeting(*, by, data):
    groups = data.pop("groups", [])
    meeting = Meeting.objects.create(**data, organiser=by)
    meeting.groups.set(groups)
    log_action(actor=by, verb=AuditVerb.CREATED, target=meeting, message=f"{meeting.starts_at:%d/%m/%Y %H:%M}")
    return meeting


RESCHEDULING_FIELDS = {"starts_at", "ends_at", "venue", "title"}


@transaction.atomic
def update_meeting(*, by, meeting, version, changes, base_url=None):
    """Save the changes; when invitations went out and the date, times, venue or title moved, send an update."""
    before = Meeting.objects.get(pk=meeting.pk)
    current = update_versioned(by=by, instance=meeting, version=version, changes=changes)
    moved = {name for name in RESCHEDULING_FIELDS if getattr(before, name) != getattr(current, name)}
    if moved and current.invitations_sent_at and not current.is_cancelled:
        Meeting.objects.filter(pk=current.pk).update(sequence=F("sequence") + 1)
        current.refresh_from_db()
        _mail_invitees(current, template="workshops/email/update", base_url=base_url, only_sent=True)
    return current


@transaction.atomic
def cancel_meeting(*, by, meeting, reason="", base_url=None):
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.is_cancelled:
        return current
    current.status = Meeting.Status.CANCELLED
    current.sequence = F("sequence") + 1
    current.version = F("version") + 1
    current.save(update_fields=["status", "sequence", "version"])
    current.refresh_from_db()
    log_action(actor=by, verb=AuditVerb.CANCELLED, target=current, message=reason)
    if current.invitations_sent_at:
        _mail_invitees(
            current, template="workshops/email/cancellation", base_url=base_url, only_sent=True, reason=reason
        )
    return current


def invitee_contacts(meeting, extra=()):
    """The active members (with an e-mail) of the meeting's groups, plus the chosen contacts, each once."""
    return Audience(extra=tuple(extra)).contacts(meeting).exclude(email="").select_related("organisation")


class AudienceChanged(Exception):
    """The people to invite are no longer those the preview showed (choices changed, or someone invited them)."""


@transaction.atomic
def send_invitations(*, by, meeting, extra=(), audience=None, expected=None, base_url=None, notify=True):
    """Invite `audience` (by default the members of the meeting's groups, plus the `extra` contacts): those not yet
    invited who have an e-mail address get an invitation and an e-mail (notify=False: nobody is e-mailed, for the
    demo's fictitious people). `expected`: the fingerprint of the preview the organiser saw; AudienceChanged,
    and nothing sent, when the people to invite differ from it."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled or meeting.has_started:
        raise ValueError("Impossible d'inviter à une séance annulée ou déjà commencée.")
    audience = audience or Audience(extra=tuple(extra))
    reached = audiences.preview(meeting, audience)
    if expected is not None and expected != reached.fingerprint:
        raise AudienceChanged
    new = [Invitation(meeting=meeting, contact=contact) for contact in reached.to_invite]
    Invitation.objects.bulk_create(new)
    now = timezone.now()
    meeting.invitations.filter(sent_at__isnull=True).update(sent_at=now)
    if meeting.invitations_sent_at is None:
        meeting.invitations_sent_at = now
        meeting.save(update_fields=["invitations_sent_at"])
    log_action(
        actor=by, verb=AuditVerb.INVITED, target=meeting, message=f"{len(new)} invitation(s) : {audience.describe()}"
    )
    pks = [invitation.contact_id for invitation in new]
    if notify:
        _mail_invitees(meeting, template="workshops/email/invitation", base_url=base_url, contacts=pks)
    return len(new)


def _mail_invitees(meeting, *, template, base_url=None, only_sent=False, contacts=None, pending_only=False, **extra):
    # Nobody whose interlocutor or structure has been deactivated: their links would be refused anyway.
    invitations = meeting.invitations.select_related("contact", "contact__organisation").filter(
        contact__is_active=True, contact__organisation__is_active=True
    )
    if contacts is not None:
        invitations = invitations.filter(contact_id__in=contacts)
    if only_sent:
        invitations = invitations.exclude(sent_at__isnull=True)
    if pending_only:
        invitations = invitations.filter(answer=Invitation.Answer.PENDING)
    invitations = list(invitations)
    commune = Commune.objects.current()
    url = absolute(meeting.get_absolute_url(), base_url)
    cancelled = meeting.is_cancelled

    messages = []
    for invitation in invitations:
        links = answer_links(invitation, base_url)
        attachment = (
            "seance.ics",
            ics.invitation_ics(meeting, url=url, attendee=invitation.contact, cancelled=cancelled),
            f"text/calendar; charset=utf-8; method={'CANCEL' if cancelled else 'REQUEST'}",
        )
        context = {
            "meeting": meeting,
            "invitation": invitation,
            "links": links,
            "url": url,
            "commune": commune,
            **extra,
        }
        messages.append(
            templated_message(
                to=[invitation.contact.email],
                template=template,
                context=context | extra,
                related=meeting,
                attachments=[attachment],
            )
        )
    # Queued in the outbox inside the caller's transaction (committed with the invitations, or not at all);
    # the delivery task is enqueued on commit and sends them in the background.
    send_templated_emails(messages)


def answer_links(invitation, base_url=None):
    """{answer: absolute link} of one invitation, each good for one answer, until the meeting ends."""
    return {
        answer: absolute(reverse("workshops:rsvp", args=[make_token(invitation, answer)]), base_url)
        for answer in ("yes", "no", "represented")
    }


NEW_LINK_INTERVAL = 15 * 60  # seconds between two « m'envoyer un nouveau lien » for one invitation


def send_new_answer_link(*, invitation, base_url=None):
    """E-mail fresh answer links to the invitee's own address (never to whoever asked); False, and nothing sent,
    when one was sent for this invitation less than NEW_LINK_INTERVAL ago or the invitee has no address."""
    if not invitation.contact.email or not cache.add(f"rsvp-new-link:{invitation.pk}", 1, NEW_LINK_INTERVAL):
        return False
    with transaction.atomic():
        current = Invitation.objects.select_for_update().select_related("meeting", "contact").get(pk=invitation.pk)
        send_templated_email(
            to=[current.contact.email],
            template="workshops/email/new_link",
            context={
                "meeting": current.meeting,
                "invitation": current,
                "links": answer_links(current, base_url),
                "commune": Commune.objects.current(),
            },
            related=current.meeting,
        )
        message = f"Nouveau lien de réponse pour {current.contact}"
        log_action(actor=None, verb=AuditVerb.RESENT, target=current.meeting, message=message)
    return True


class AnswerLinkUsed(Exception):
    """The link's nonce is no longer the invitation's: another answer went through it (or a link like it) first."""


@transaction.atomic
def answer_invitation(*, invitation, answer, represented_by="", nonce=None):
    """Record the invitee's answer (from the e-mail link, without logging in); the link used becomes stale.
    `nonce`, the link's, is checked on the locked row: of two simultaneous posts of one link, one answers."""
    current = Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    if nonce is not None and nonce != current.nonce:
        raise AnswerLinkUsed
    current.answer = answer
    current.represented_by = represented_by if answer == Invitation.Answer.REPRESENTED else ""
    current.answered_at = timezone.now()
    current.nonce = new_nonce()
    current.save(update_fields=["answer", "represented_by", "answered_at", "nonce"])
    message = f"{current.contact} : {current.get_answer_display()}"
    if current.represented_by:
        message += f" (par {current.represented_by})"
    log_action(actor=None, verb=AuditVerb.ANSWERED, target=current.meeting, message=message)
    return current


def send_reminders(*, now=None, base_url=None):
    """The day before each meeting, remind the invitees who have not answered (once). Run daily (cron)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    meetings = Meeting.objects.filter(
        status=Meeting.Status.SCHEDULED, starts_at__date=tomorrow, invitations_sent_at__isnull=False
    )
    count = 0
    for meeting in meetings:
        with transaction.atomic():
            pending = meeting.invitations.select_for_update().filter(
                answer=Invitation.Answer.PENDING,
                reminded_at__isnull=True,
                sent_at__isnull=False,
                contact__in=Contact.objects.active(),
            )
            ids = list(pending.values_list("contact_id", flat=True))
            if not ids:
                continue
            meeting.invitations.filter(contact_id__in=ids).update(reminded_at=now)
            log_action(actor=None, verb=AuditVerb.INVITED, target=meeting, message=f"Relance : {len(ids)} personne(s)")
            _mail_invitees(meeting, template="workshops/email/reminder", base_url=base_url, contacts=ids)
            count += len(ids)
    return count


# Documents


@uploads.saving_files()
def add_document(*, by, meeting, title, file):
    """The document and its file together, or neither: UploadNotSaved when the storage refuses the file."""
    document = MeetingDocument(meeting=meeting, title=title, file=file, size=file.size, uploaded_by=by)
    uploads.stored_with_row(document.file)
    document.save()
    log_action(actor=by, verb=AuditVerb.CREATED, target=meeting, message=f"Document : {title}")
    return document


# Attendance


@transaction.atomic
def record_attendance(*, by, meeting, statuses):
    """statuses: {contact: (status, represented_by)}. Creates or updates one row per person."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    existing = {row.contact_id: row for row in meeting.attendances.all()}
    changed = 0
    for contact, (status, represented_by) in statuses.items():
        row = existing.get(contact.pk)
        represented_by = represented_by if status == Attendance.Status.REPRESENTED else ""
        if row is None:
            Attendance.objects.create(
                meeting=meeting, contact=contact, status=status, represented_by=represented_by, recorded_by=by
            )
            changed += 1
        elif (row.status, row.represented_by) != (status, represented_by):
            row.status, row.represented_by, row.recorded_by = status, represented_by, by
            row.save(update_fields=["status", "represented_by", "recorded_by", "recorded_at"])
            changed += 1
    if changed:
        log_action(actor=by, verb=AuditVerb.ATTENDANCE, target=meeting, message=f"{changed} présence(s) saisie(s)")
    return changed


@transaction.atomic
def add_walk_in(*, by, meeting, contact=None, organisation=None, data=None):
    """A person who came without an invitation: an existing interlocutor, or a new one of a structure."""
    if contact is None:
        contact = Contact.objects.create(organisation=organisation, **data)
        log_action(actor=by, verb=AuditVerb.CREATED, target=contact, message=f"Venu(e) à « {meeting} »")
    row, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        contact=contact,
        defaults={"status": Attendance.Status.PRESENT, "is_walk_in": True, "recorded_by": by},
    )
    log_action(actor=by, verb=AuditVerb.ATTENDANCE, target=meeting, message=f"Sans invitation : {contact}")
    return row


# Minutes


@transaction.atomic
def save_minutes(*, by, meeting, version, summary, decisions, tasks):
    """Save the text, the decisions (list of str) and the follow-up tasks (list of dicts) together.

    `version` is the one the form was built from (0: no minutes yet); a different stored version means
    somebody saved in between: ConcurrentEditError, nothing saved."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    current = Minutes.objects.filter(meeting=meeting).first()
    if (current.version if current else 0) != version:
        raise ConcurrentEditError(current)
    if current is None:
        current = Minutes.objects.create(meeting=meeting, summary=summary)
        log_action(actor=by, verb=AuditVerb.CREATED, target=current)
    else:
        current.summary = summary
        current.version = F("version") + 1
        current.save(update_fields=["summary", "version", "updated_at"])
        log_action(actor=by, verb=AuditVerb.UPDATED, target=current)
    current.decisions.all().delete()
    Decision.objects.bulk_create(
        Decision(minutes=current, text=text, position=index) for index, text in enumerate(decisions)
    )
    current.tasks.all().delete()
    FollowUpTask.objects.bulk_create(
        FollowUpTask(minutes=current, position=index, **task) for index, task in enumerate(tasks)
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def publish_minutes(*, by, minutes, base_url=None, notify=True):
    """Publish the minutes and e-mail them to the groups' members and the invitees (notify=False: to nobody)."""
    current = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if current.is_published:
        return current
    current.status = Minutes.Status.PUBLISHED
    current.published_at = timezone.now()
    current.version = F("version") + 1
    current.save(update_fields=["status", "published_at", "version"])
    current.refresh_from_db()
    log_action(actor=by, verb=AuditVerb.PUBLISHED, target=current)
    meeting = current.meeting
    recipients = sorted(
        set(
            Contact.objects.active()
            .filter(memberships__group__in=meeting.groups.all(), memberships__is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        | set(meeting.invitations.exclude(contact__email="").values_list("contact__email", flat=True))
    )
    context = {"meeting": meeting, "url": absolute(meeting.get_absolute_url(), base_url)}
    context["commune"] = Commune.objects.current()

    if notify:  # queued with this transaction; delivered by the outbox task after commit
        send_templated_emails(
            templated_message(to=[email], template="workshops/email/minutes", context=context, related=current)
            for email in recipients
        )
    return current


@transaction.atomic
def add_minutes_decisions(*, by, meeting, texts):
    """Append `texts` to the decisions of the meeting's minutes, started as a draft if there are none: what a
    higher app recorded (the COPIL's decisions per fiche) is listed without being typed again. Published
    minutes are left as they are (returns False). A new version, so an editor opened before gets the conflict
    page instead of saving over the added lines."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    current = Minutes.objects.filter(meeting=meeting).first()
    if current is not None and current.is_published:
        return False
    if current is None:
        current = Minutes.objects.create(meeting=meeting)
        log_action(actor=by, verb=AuditVerb.CREATED, target=current, message="Décisions ajoutées")
    else:
        current.version = F("version") + 1
        current.save(update_fields=["version", "updated_at"])
        log_action(actor=by, verb=AuditVerb.UPDATED, target=current, message="Décisions ajoutées")
    start = (current.decisions.aggregate(last=Max("position"))["last"] or 0) + 1
    max_length = Decision._meta.get_field("text").max_length
    Decision.objects.bulk_create(
        Decision(minutes=current, text=Truncator(text).chars(max_length), position=start + index)
        for index, text in enumerate(texts)
    )
    return True


# Calendar feed


@transaction.atomic
def create_calendar_feed(*, user):
    """The person's feed, made on their request (a POST: opening the page writes nothing)."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if created:
        log_action(actor=user, verb=AuditVerb.CREATED, target=feed, message="Adresse de calendrier créée")
    return feed


@transaction.atomic
def revoke_calendar_feed(*, user):
    """A new secret address; the old one stops answering at once."""
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    feed.token = new_feed_token()
    feed.save(update_fields=["token"])
    log_action(actor=user, verb=AuditVerb.REVOKED, target=feed, message="Nouvelle adresse de calendrier")
    return feed


@transaction.atomic
def delete_calendar_feed(*, user):
    """No address any more: the feed answers 404 until the person creates a new one."""
    feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
    if feed is not None:
        log_action(actor=user, verb=AuditVerb.REVOKED, target=feed, message="Adresse de calendrier supprimée")
        feed.delete()
