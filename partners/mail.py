"""Sending e-mail through the outbox (partners.models.SentEmail).

`OutboxBackend` is settings.EMAIL_BACKEND: every message sent by the portal (send_templated_email, Django's
password reset, mail_admins…) becomes a queued row in the current transaction, and the delivery task is
enqueued once the transaction commits — nothing is sent inside the request. `deliver_due()` (run by the task
partners.tasks.deliver_outbox) sends the due rows over one connection of settings.EMAIL_DELIVERY_BACKEND,
each row locked in its own transaction and marked sent in a commit made right after the server accepted it.
"""

import base64
import logging
import smtplib
import socket
from collections import defaultdict
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone

from partners.enums import AuditVerb
from partners.models import SentEmail

logger = logging.getLogger("solidarites.mail")


class OutboxBackend(BaseEmailBackend):
    """Writes each message as a queued outbox row; the delivery task sends it after commit."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)

    def send_messages(self, email_messages):
        rows = [row_of(message) for message in email_messages]
        if not rows:
            return 0
        try:
            with transaction.atomic():
                SentEmail.objects.bulk_create(rows)
                transaction.on_commit(enqueue_delivery)
        except Exception:
            if not self.fail_silently:
                raise
            logger.exception("email_not_queued messages=%d", len(rows))
            return 0
        return len(rows)


def row_of(message):
    """The outbox row holding `message` (an EmailMessage), not saved."""
    related = getattr(message, "related_object", None)
    row = SentEmail(
        template=getattr(message, "outbox_template", "")[:100],
        from_email=message.from_email or "",
        to=", ".join(message.to + message.cc + message.bcc),
        recipients={
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
        },
        subject=" ".join(str(message.subject).split())[:300],
        body=message.body or "",
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        headers={
            str(name): str(value) for name, value in message.extra_headers.items() if name.lower() != "message-id"
        },
        attachments=[_attachment_of(attachment) for attachment in message.attachments],
    )
    if related is not None and related.pk is not None:
        row.related_type = ContentType.objects.get_for_model(related)
        row.related_id = str(related.pk)
    return row


def _attachment_of(attachment):
    if isinstance(attachment, MIMEBase):
        filename, content, mimetype = (
            attachment.get_filename(),
            attachment.get_payload(decode=True) or b"",
            attachment.get_content_type(),
        )
    else:
        filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {"filename": filename, "mimetype": mimetype, "base64": base64.b64encode(content).decode("ascii")}


def message_of(row):
    """The EmailMessage stored in `row`, its Message-ID made of the row's idempotency key."""
    recipients = row.recipients or {"to": [address.strip() for address in row.to.split(",") if address.strip()]}
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email or None,
        to=recipients.get("to", []),
        cc=recipients.get("cc", []),
        bcc=recipients.get("bcc", []),
        reply_to=recipients.get("reply_to", []),
        headers={**row.headers, "Message-ID": row.message_id},
    )
    for content, mimetype in row.alternatives:
        message.attach_alternative(content, mimetype)
    for attachment in row.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["base64"]), attachment["mimetype"])
    return message


def send_templated_email(*, to, template, context, related=None, attachments=()):
    """Render `<template>_subject.txt` and `<template>_body.txt` for `to`, queue it in the outbox against
    `related`. Use send_templated_emails() for many messages at once (one insert, one task)."""
    message = templated_message(to=to, template=template, context=context, related=related, attachments=attachments)
    message.send()
    logger.info("email_queued template=%s recipients=%d", template, len(message.to))
    return message


def templated_message(*, to, template, context, related=None, attachments=()):
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject=subject, body=body, to=list(to))
    for attachment in attachments:
        message.attach(*attachment)
    message.related_object = related
    message.outbox_template = template
    return message


def send_templated_emails(messages):
    """Queue the messages made by templated_message() in one go."""
    messages = list(messages)
    if messages:
        get_connection().send_messages(messages)
        logger.info("email_queued template=%s messages=%d", messages[0].outbox_template, len(messages))
    return len(messages)


# Delivery


def enqueue_delivery():
    """Enqueue the delivery task, unless one is already waiting to run now (the database backend)."""
    from partners.tasks import deliver_outbox, delivery_pending

    if not delivery_pending():
        deliver_outbox.enqueue()


def retry_delays():
    """settings.OUTBOX_RETRY_DELAYS (seconds, from the environment) as timedeltas; checked at start-up."""
    try:
        return [timedelta(seconds=int(seconds)) for seconds in settings.OUTBOX_RETRY_DELAYS]
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"OUTBOX_RETRY_DELAYS={settings.OUTBOX_RETRY_DELAYS!r} : une liste de secondes séparées par des virgules."
        ) from None


class Unreachable(Exception):
    """The delivery server cannot be reached: the whole batch waits."""


def describe(error):
    """A short French description of a delivery error, without the server's text (it may quote addresses)."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "Identifiants refusés par le serveur d'envoi."
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "Adresse du destinataire refusée par le serveur d'envoi."
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"Adresse de l'expéditeur refusée par le serveur d'envoi (code {error.smtp_code})."
    if isinstance(error, smtplib.SMTPResponseException):
        return f"Message refusé par le serveur d'envoi (code {error.smtp_code})."
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "Connexion interrompue par le serveur d'envoi."
    if isinstance(error, ConnectionRefusedError):
        return "Serveur d'envoi injoignable (connexion refusée)."
    if isinstance(error, socket.timeout | TimeoutError):
        return "Serveur d'envoi injoignable (délai dépassé)."
    if isinstance(error, OSError):
        return f"Serveur d'envoi injoignable ({type(error).__name__})."
    return f"Erreur inattendue lors de l'envoi ({type(error).__name__})."


def _record_failure(queryset, *, attempts, error, now):
    """attempts+1 on the rows of `queryset` (all with `attempts` so far): wait the next delay, or « Échec »."""
    delays = retry_delays()
    changes = {"attempts": attempts + 1, "last_error": error[:300]}
    if attempts < len(delays):
        changes["next_attempt_at"] = now + delays[attempts]
    else:
        changes["status"] = SentEmail.Status.FAILED
    return queryset.update(**changes)


def _defer_all_due(error, now):
    """The server is unreachable: every due row waits its next delay (one locked UPDATE per attempts level)."""
    with transaction.atomic():
        rows = SentEmail.objects.due(now).select_for_update(skip_locked=True).values_list("pk", "attempts")
        by_attempts = defaultdict(list)
        for pk, attempts in rows:
            by_attempts[attempts].append(pk)
        for attempts, pks in by_attempts.items():
            _record_failure(SentEmail.objects.filter(pk__in=pks), attempts=attempts, error=error, now=now)
    return sum(len(pks) for pks in by_attempts.values())


def _send_one(connection, now):
    """Lock the next due row, send it, mark it sent (commit). Returns (row, sent) or None when nothing is due;
    raises Unreachable when the server cannot be reached."""
    with transaction.atomic():
        row = SentEmail.objects.due(now).order_by("next_attempt_at", "pk").select_for_update(skip_locked=True).first()
        if row is None:
            return None
        try:
            connection.open()  # a no-op while the batch's connection is open
        except Exception as error:
            raise Unreachable(describe(error)) from error
        try:
            accepted = connection.send_messages([message_of(row)])
        except Exception as error:  # this message refused, or the connection lost: this row waits, the next goes
            _close_quietly(connection)
            _record_failure(SentEmail.objects.filter(pk=row.pk), attempts=row.attempts, error=describe(error), now=now)
            logger.warning("email_failed id=%s attempts=%d error=%s", row.pk, row.attempts + 1, type(error).__name__)
            return row, False
        if not accepted:
            error = "Aucun destinataire valide."
            _record_failure(SentEmail.objects.filter(pk=row.pk), attempts=row.attempts, error=error, now=now)
            return row, False
        SentEmail.objects.filter(pk=row.pk).update(
            status=SentEmail.Status.SENT,
            sent_at=timezone.now(),
            attempts=row.attempts + 1,
            last_error="",
            body="",
            alternatives=[],
            attachments=[],
            headers={},
            content_kept=False,
        )
    return row, True  # committed: the row is « Envoyé » from here on


def _close_quietly(connection):
    try:
        connection.close()
    except Exception:  # noqa: BLE001 — the connection is already broken; closing it is a courtesy
        logger.debug("email_connection_close_failed")
    if hasattr(connection, "connection"):
        connection.connection = None


def deliver_due(*, now=None, limit=None):
    """Send the due queued rows over one connection of EMAIL_DELIVERY_BACKEND. Returns a dict of counts and
    `next_at`, the time the next row falls due (None when nothing waits), and `more` (the limit was hit)."""
    limit = limit or settings.OUTBOX_BATCH_SIZE
    counts = {"sent": 0, "retried": 0, "deferred": 0}
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        for _ in range(limit):
            outcome = _send_one(connection, now or timezone.now())
            if outcome is None:
                break
            counts["sent" if outcome[1] else "retried"] += 1
        else:
            counts["more"] = True
    except Unreachable as error:
        counts["deferred"] = _defer_all_due(str(error), now or timezone.now())
        logger.warning("email_server_unreachable deferred=%d error=%s", counts["deferred"], error)
    finally:
        _close_quietly(connection)
    counts["next_at"] = SentEmail.objects.filter(status=SentEmail.Status.QUEUED).aggregate(at=Min("next_attempt_at"))[
        "at"
    ]
    return counts


@transaction.atomic
def resend(email, by):
    """« Renvoyer »: a failed message is queued again, to be tried at once (its attempts start again)."""
    from partners.services import log_action

    current = SentEmail.objects.select_for_update().get(pk=email.pk)
    if not current.can_be_resent:
        raise ValueError("Seul un e-mail en échec dont le contenu est conservé peut être renvoyé.")
    current.status = SentEmail.Status.QUEUED
    current.attempts = 0
    current.next_attempt_at = timezone.now()
    current.save(update_fields=["status", "attempts", "next_attempt_at"])
    log_action(actor=by, verb=AuditVerb.RESENT, target=current, message=f"{current.subject} → {current.to}"[:500])
    transaction.on_commit(enqueue_delivery)
    return current
