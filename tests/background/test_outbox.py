"""The e-mail outbox (partners.models.SentEmail, partners.mail, partners.tasks): rows written in the
transaction, delivered after commit, retries with backoff then « Échec », « Renvoyer », the body cleared once
sent, password resets through it, the sweep; the « E-mails envoyés » page and the organiser's live counts.

Delivery failures are real: a closed port of 127.0.0.1 (connection refused) or a real SMTP server (aiosmtpd)
refusing a recipient. The tests with worker processes are in test_outbox_processes.py.
"""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from partners.enums import AuditVerb
from partners.mail import deliver_due, resend
from partners.models import AuditEntry, SentEmail
from partners.tasks import deliver_outbox, sweep
from tests.background.smtp import SlowSMTPServer
from tests.partners.factories import UserFactory
from tests.processes import free_port
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, meeting, member
from workshops import services as workshop_services
from workshops.models import MembershipRole

pytestmark = pytest.mark.django_db
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue(subject="Bonjour", to="claire@example.org", body="Votre lien : https://exemple.org/lien-unique/abc"):
    EmailMessage(subject=subject, body=body, to=[to]).send()
    return SentEmail.objects.latest("pk")


@pytest.fixture
def closed_port(settings):
    """Deliveries go to a port of 127.0.0.1 where nobody listens: connection refused at once."""
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2


# Queued in the transaction, delivered after commit


def test_a_message_is_a_queued_row_and_nothing_leaves_before_commit():
    row = queue()
    assert row.status == SentEmail.Status.QUEUED and row.attempts == 0 and row.sent_at is None
    assert row.body.startswith("Votre lien") and row.recipients["to"] == ["claire@example.org"]
    assert mail.outbox == []


def test_a_rolled_back_transaction_leaves_no_e_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue()
            raise RuntimeError("annulé")
    assert not SentEmail.objects.exists() and mail.outbox == []


def test_after_commit_the_task_sends_it_with_its_key_as_message_id_and_clears_the_body(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        message = EmailMessage(subject="Invitation", body="Lien : https://exemple.org/r/xyz", to=["a@example.org"])
        message.attach("seance.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; charset=utf-8")
        message.send()
    [sent] = mail.outbox
    row = SentEmail.objects.get()
    assert sent.extra_headers["Message-ID"] == row.message_id == f"<{row.idempotency_key}@127.0.0.1>"
    assert sent.body == "Lien : https://exemple.org/r/xyz"
    assert sent.attachments[0][0] == "seance.ics" and "BEGIN:VCALENDAR" in sent.attachments[0][1]
    assert row.status == SentEmail.Status.SENT and row.attempts == 1 and row.sent_at is not None
    # Single-use links do not stay in the database once the message has left.
    assert row.body == "" and row.attachments == [] and row.alternatives == [] and not row.content_kept
    assert row.subject == "Invitation" and row.to == "a@example.org"


def test_password_reset_goes_through_the_outbox(client, django_capture_on_commit_callbacks):
    UserFactory(email="oubli@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("accounts:password_reset"), {"email": "oubli@example.org"})
    row = SentEmail.objects.get()
    assert row.status == SentEmail.Status.QUEUED and "/definir-mon-mot-de-passe/" in row.body
    assert mail.outbox == []
    for callback in callbacks:
        callback()  # the commit
    row.refresh_from_db()
    assert row.status == SentEmail.Status.SENT and row.body == ""
    assert "/definir-mon-mot-de-passe/" in mail.outbox[0].body


def test_one_delivery_task_for_a_transaction_of_many_messages(settings, django_capture_on_commit_callbacks):
    settings.TASKS = DATABASE_TASKS
    session, organiser = invited_session(invitees=6)
    with django_capture_on_commit_callbacks(execute=True):
        workshop_services.send_invitations(by=organiser, meeting=session)
        queue()  # a second transaction while the first task still waits: no second task
    assert SentEmail.objects.filter(status=SentEmail.Status.QUEUED).count() == 7
    assert DBTaskResult.objects.filter(task_path=deliver_outbox.module_path).count() == 1


# Retries with backoff, then « Échec »


def test_retries_after_1_5_30_minutes_and_2_hours_then_failed(closed_port):
    row = queue()
    now = timezone.now()
    expected = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
    for attempt, delay in enumerate(expected, start=1):
        counts = deliver_due(now=now)
        row.refresh_from_db()
        assert counts["deferred"] == 1 and row.status == SentEmail.Status.QUEUED and row.attempts == attempt
        assert row.next_attempt_at == now + delay
        assert row.last_error == "Serveur d'envoi injoignable (connexion refusée)."
        assert deliver_due(now=now + delay - timedelta(seconds=1))["deferred"] == 0  # not due yet
        now += delay
    deliver_due(now=now)
    row.refresh_from_db()
    assert row.status == SentEmail.Status.FAILED and row.attempts == 5 and row.content_kept
    assert row.body.startswith("Votre lien")  # kept until it is sent: « Renvoyer » needs it


def test_a_refused_connection_defers_the_whole_batch_at_once(closed_port):
    for index in range(120):
        queue(to=f"personne{index}@example.org")
    started = time.monotonic()
    counts = deliver_due()
    print(f"\n120 messages deferred in {time.monotonic() - started:.2f} s (connection refused once)")
    assert counts["deferred"] == 120 and counts["sent"] == counts["retried"] == 0
    assert set(SentEmail.objects.values_list("attempts", "status")) == {(1, SentEmail.Status.QUEUED)}


def test_a_refused_recipient_waits_while_the_others_leave_over_one_connection(settings):
    server = SlowSMTPServer(delay=0, refuse={"inconnu@example.org"}).start()
    try:
        server.settings(settings)
        good = [queue(to=f"ok{index}@example.org") for index in range(3)]
        bad = queue(to="inconnu@example.org")
        counts = deliver_due()
    finally:
        server.stop()
    assert counts["sent"] == 3 and counts["retried"] == 1
    bad.refresh_from_db()
    assert bad.status == SentEmail.Status.QUEUED and bad.attempts == 1
    assert bad.last_error == "Adresse du destinataire refusée par le serveur d'envoi."
    assert sorted(server.handler.accepted()) == sorted(row.message_id for row in good)
    assert server.handler.connections == 1  # one SMTP connection for the batch, kept after the refusal


def test_the_task_enqueues_itself_for_the_next_attempt(settings, closed_port):
    settings.TASKS = DATABASE_TASKS
    queue()
    before = timezone.now()
    deliver_outbox.call()
    waiting = DBTaskResult.objects.get(task_path=deliver_outbox.module_path, status="READY")
    assert before + timedelta(seconds=59) < waiting.run_after < timezone.now() + timedelta(seconds=61)


# Renvoyer


def failed(subject="Échec"):
    row = queue(subject=subject)
    SentEmail.objects.filter(pk=row.pk).update(status=SentEmail.Status.FAILED, attempts=5, last_error="Erreur.")
    row.refresh_from_db()
    return row


def test_resend_puts_a_failed_message_back_in_the_queue_and_logs_it(coordinator, django_capture_on_commit_callbacks):
    row = failed()
    with django_capture_on_commit_callbacks(execute=True):
        resend(row, by=coordinator)
    row.refresh_from_db()
    assert row.status == SentEmail.Status.SENT and row.attempts == 1
    assert AuditEntry.objects.get(verb=AuditVerb.RESENT, target_id=str(row.pk)).actor == coordinator
    assert len(mail.outbox) == 1


def test_resend_from_the_page(coordinator_client, django_capture_on_commit_callbacks):
    row = failed()
    with django_capture_on_commit_callbacks(execute=False):
        response = coordinator_client.post(reverse("accounts:email_resend", args=[row.pk]), {"etat": "failed"})
    assert response.url == reverse("accounts:email_list") + "?etat=failed"
    row.refresh_from_db()
    assert row.status == SentEmail.Status.QUEUED and row.attempts == 0 and row.next_attempt_at <= timezone.now()
    page = coordinator_client.get(response.url, follow=True)
    assert "est de nouveau en attente d'envoi" in html(page).get_text()


def test_sent_or_content_less_messages_cannot_be_resent(coordinator_client, coordinator):
    row = failed()
    SentEmail.objects.filter(pk=row.pk).update(content_kept=False)  # a failure from before the outbox
    row.refresh_from_db()
    with pytest.raises(ValueError):
        resend(row, by=coordinator)
    coordinator_client.post(reverse("accounts:email_resend", args=[row.pk]))
    row.refresh_from_db()
    assert row.status == SentEmail.Status.FAILED


# The sweep (housekeeping)


def test_the_sweep_enqueues_delivery_for_due_rows_left_without_a_task(settings):
    settings.TASKS = DATABASE_TASKS
    assert sweep() is False  # nothing due
    row = queue()  # in this test's transaction: its on_commit enqueue never runs, as if the worker had died
    assert not DBTaskResult.objects.exists()
    assert sweep() is True
    assert DBTaskResult.objects.filter(task_path=deliver_outbox.module_path, status="READY").count() == 1
    assert sweep() is False  # a task waits already
    SentEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    DBTaskResult.objects.all().delete()
    assert sweep() is False  # not due yet


def test_the_sweep_is_registered_for_the_worker():
    from background import housekeeping

    job = {job.name: job for job in housekeeping.registered()}["outbox.sweep"]
    assert job.every == 30 and job.run is sweep


# « E-mails envoyés »


def test_email_list_shows_failures_first_then_waiting_then_sent_with_counts(coordinator_client):
    with transaction.atomic():
        sent = queue(subject="Envoyé")
        SentEmail.objects.filter(pk=sent.pk).update(status=SentEmail.Status.SENT, sent_at=timezone.now())
        queue(subject="En attente")
        failed(subject="Parti en échec")
    page = html(coordinator_client.get(reverse("accounts:email_list")))
    states = [cell.get_text(strip=True)[:10] for cell in page.select("tbody tr td:first-child .badge")]
    assert states == ["Échec", "En attente", "Envoyé"]
    filters = [link.get_text(strip=True) for link in page.select("ul[aria-label='Filtrer par état'] a")]
    assert filters == ["Tous (3)", "En attente (1)", "Envoyé (1)", "Échec (1)"]
    assert "Dernière erreur : Erreur." in page.get_text()
    assert len(page.select("form button")) >= 1 and "Renvoyer" in page.select("tbody form button")[0].get_text()

    only_failed = html(coordinator_client.get(reverse("accounts:email_list") + "?etat=failed"))
    assert [row.select_one("td:nth-child(4)").get_text(strip=True) for row in only_failed.select("tbody tr")] == [
        "Parti en échecDernière erreur : Erreur."
    ]


def test_email_list_query_budget_is_the_same_with_1_and_10_rows_of_each_state(coordinator_client):
    def grow():
        for index in range(3):
            queue(subject=f"Attente {index}")
            failed(subject=f"Échec {index}")
        for account in UserFactory.create_batch(4):
            SentEmail.objects.create(to=account.email, subject="Ancien", related=account, status="sent")

    failed()
    # shell + counts per state + page of e-mails with their related type + the workers' state (2)
    for url in (reverse("accounts:email_list"), reverse("accounts:email_list") + "?etat=failed"):
        assert_query_budget(coordinator_client, url, budget=9, grow=grow)


# The organiser's live counts


def invited_session(invitees=3):
    ds = group("DS")
    organiser = contact("Anna", "Animatrice")
    organiser.user = UserFactory(email="anna@example.org")
    organiser.save()
    member(ds, organiser, MembershipRole.FACILITATOR)
    for index in range(invitees - 1):
        member(ds, contact("Membre", f"Numéro{index}"))
    return meeting(ds), organiser.user


def test_the_organiser_sees_the_invitations_leave(client, django_capture_on_commit_callbacks, coordinator):
    session, organiser = invited_session(invitees=3)
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=False):  # the task has not run yet
        send = {"step": "send", "group_members": "on"}  # « Envoyer N invitations » to the groups' members
        response = client.post(reverse("workshops:meeting_invite", args=[session.pk]), send)
    session.refresh_from_db()
    assert session.invitations_sent_at is not None  # marked at once: the outbox holds the rest
    page = html(client.get(response.url))
    region = page.select_one("[aria-live=polite]")
    assert " ".join(region.get_text().split()).startswith("3 invitations : 0 envoyée, 3 en attente")
    status_url = reverse("workshops:meeting_mail_status", args=[session.pk])
    assert region.select_one("#mail-status")["hx-get"] == status_url
    assert region.select_one("#mail-status")["hx-trigger"] == "every 3s"

    rows = SentEmail.objects.about(session).order_by("pk")
    rows.filter(pk=rows[0].pk).update(status=SentEmail.Status.SENT)
    rows.filter(pk=rows[1].pk).update(status=SentEmail.Status.FAILED)
    fragment = html(client.get(status_url))
    assert " ".join(fragment.get_text().split()).startswith(
        "3 invitations : 1 envoyée, 1 en attente, 1 en échec (l'équipe projet peut les renvoyer)"
    )
    team = Client()
    team.force_login(coordinator)
    team_view = html(team.get(status_url))
    assert team_view.select_one("a")["href"] == reverse("accounts:email_list") + "?etat=failed"

    rows.update(status=SentEmail.Status.SENT)
    done = html(client.get(status_url)).select_one("#mail-status")
    assert " ".join(done.get_text().split()) == "3 invitations : 3 envoyées, 0 en attente"
    assert not done.has_attr("hx-trigger")  # nothing waits: the polling stops


def test_the_live_counts_query_budget_does_not_grow_with_messages(client):
    session, organiser = invited_session(invitees=2)
    client.force_login(organiser)
    workshop_services.send_invitations(by=organiser, meeting=session)
    status_url = reverse("workshops:meeting_mail_status", args=[session.pk])

    def grow():
        for index in range(10):
            member(session.groups.get(), contact("Autre", f"Numéro{index}"))
        workshop_services.send_invitations(by=organiser, meeting=session)

    # session + user + meeting with groups + the organiser's memberships + one count of the e-mails by kind and state
    assert_query_budget(client, status_url, budget=9, grow=grow)
