"""The outbox's tasks: delivering the queued e-mails, and the housekeeping sweep that restarts delivery; the
« Mot de passe oublié » e-mail, prepared on the worker; a confirmed partner list, imported on the worker.

They run on the task worker (django-tasks; at once, inside the test, with the immediate backend).
"""

import logging

from django.utils import timezone
from django_tasks import task

from partners.mail import deliver_due
from partners.models import SentEmail

logger = logging.getLogger("solidarites.mail")


@task(queue_name="default")
def run_import(batch_id):
    """A confirmed partner list, written on the worker (partners.services.run_queued_import)."""
    from partners.services import run_queued_import

    run_queued_import(batch_id)


@task(queue_name="default")
def send_password_link(email, domain, use_https):
    """The « Mot de passe oublié » e-mail to the active account of `email`, if there is one (an outbox row). Done
    here rather than in the request, which then does the same work whether the address has an account or not:
    its time tells nothing (issue 13, finding 10)."""
    from partners.forms import ResetRequestForm

    form = ResetRequestForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name="accounts/email/password_reset_subject.txt",
            email_template_name="accounts/email/password_reset_body.txt",
        )


@task(queue_name="default")
def deliver_outbox():
    """Send every due queued e-mail over one connection; enqueue itself again for the next retry or the rest."""
    counts = deliver_due()
    next_at = counts.pop("next_at")
    if counts.pop("more", False):
        next_at = timezone.now()
    if next_at is not None and _supports_defer():
        if not delivery_pending(before=next_at):
            deliver_outbox.using(run_after=max(next_at, timezone.now())).enqueue()
    logger.info("outbox_delivered %s", " ".join(f"{name}={value}" for name, value in counts.items()))
    return counts


def _supports_defer():
    return deliver_outbox.get_backend().supports_defer


def delivery_pending(before=None):
    """A delivery task waits in the database queue, to run now (or before `before`). Always False for the
    other backends (the immediate backend of the tests runs each task at once)."""
    from django.db.models import Q
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = deliver_outbox.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    waiting = DBTaskResult.objects.filter(
        status="READY", task_path=deliver_outbox.module_path, backend_name=backend.alias
    )
    return waiting.filter(Q(run_after=get_date_max()) | Q(run_after__lte=before or timezone.now())).exists()


def sweep():
    """Housekeeping (every 30 s on the worker): when due e-mails wait and no delivery task is ready to take
    them — the task of a worker killed mid-batch, a lost enqueue — enqueue one. Rows still locked by a live
    worker are skipped by the delivery (SKIP LOCKED), so a spare task costs one query."""
    if SentEmail.objects.due().exists() and not delivery_pending():
        deliver_outbox.enqueue()
        return True
    return False
