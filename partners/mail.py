"""Sending e-mail: every message is delivered by the configured backend and recorded in SentEmail."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string

from partners.models import SentEmail

logger = logging.getLogger("solidarites.mail")


class RecordingEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=fail_silently, **kwargs)

    def send_messages(self, email_messages):
        messages = list(email_messages)
        sent = self.delivery.send_messages(messages) or 0
        SentEmail.objects.bulk_create([_record(message, ok=sent > 0) for message in messages])
        return sent


def _record(message, *, ok):
    related = getattr(message, "related_object", None)
    record = SentEmail(to=", ".join(message.to + message.cc + message.bcc), subject=message.subject[:300], ok=ok)
    if related is not None and related.pk is not None:
        record.related_type = ContentType.objects.get_for_model(related)
        record.related_id = str(related.pk)
    return record


def send_templated_email(*, to, template, context, related=None, attachments=()):
    """Render `<template>_subject.txt` and `<template>_body.txt`, send to `to`, record it against `related`."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    message = EmailMessage(subject=subject, body=body, to=list(to))
    for attachment in attachments:
        message.attach(*attachment)
    message.related_object = related
    message.send()
    logger.info("email_sent template=%s recipients=%d", template, len(message.to))
    return message
