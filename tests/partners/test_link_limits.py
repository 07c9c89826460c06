"""Rate limits on the requests that e-mail a « Définir mon mot de passe » link (issue 13, finding 10): per e-mail
address and per client address, with the same answer whether the address has an account or not."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from tests.partners.factories import UserFactory

pytestmark = pytest.mark.django_db
RESET = reverse("accounts:password_reset")


@pytest.fixture
def limits(settings):
    settings.LINK_REQUESTS_PER_EMAIL = 3
    settings.LINK_REQUESTS_PER_ADDRESS = 5
    return settings


def ask(client, email, ip="198.51.100.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_reset_links_are_limited_per_email_address(client, limits, django_capture_on_commit_callbacks, caplog):
    UserFactory(email="cible@example.org")
    with caplog.at_level(logging.WARNING, logger="solidarites.security"):
        with django_capture_on_commit_callbacks(execute=True):
            answers = [ask(client, "Cible@example.org", ip=f"198.51.100.{n}") for n in range(6)]  # many addresses
    assert {(answer.status_code, answer.url) for answer in answers} == {(302, reverse("accounts:password_reset_done"))}
    assert len(mail.outbox) == 3, f"{len(mail.outbox)} e-mails sent to one address for 6 requests"
    throttled = [r.getMessage() for r in caplog.records if r.getMessage().startswith("link_request_throttled")]
    assert len(throttled) == 3 and "limit=email" in throttled[0]
    assert "cible@example.org" not in " ".join(throttled)  # the log names no address in full


def test_reset_links_are_limited_per_client_address(client, limits, django_capture_on_commit_callbacks):
    for number in range(7):
        UserFactory(email=f"personne{number}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(7):  # one address asking for seven accounts
            assert ask(client, f"personne{number}@example.org", ip="203.0.113.9").status_code == 302
    assert len(mail.outbox) == 5, f"{len(mail.outbox)} e-mails sent for one address's 7 requests"
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "personne6@example.org", ip="203.0.113.10")  # another address is not affected
    assert len(mail.outbox) == 6


def test_over_the_limit_the_answer_is_the_same_for_known_and_unknown_addresses(client, limits):
    UserFactory(email="connue@example.org")
    for _ in range(3):
        ask(client, "connue@example.org")
        ask(client, "inconnue@example.org")
    known, unknown = ask(client, "connue@example.org"), ask(client, "inconnue@example.org")
    done = (302, reverse("accounts:password_reset_done"))
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url) == done
    page = client.get(known.url)
    assert "Si un compte actif correspond à cette adresse" in page.content.decode()


def test_a_coordinator_resending_activation_links_is_limited_per_account(
    coordinator_client, limits, django_capture_on_commit_callbacks
):
    account = UserFactory(email="nouvelle@example.org", pending=True)
    url = reverse("accounts:account_send_activation", args=[account.pk])
    with django_capture_on_commit_callbacks(execute=True):
        answers = [coordinator_client.post(url, follow=True) for _ in range(5)]
    assert len(mail.outbox) == 3, f"{len(mail.outbox)} activation e-mails for 5 clicks"
    assert "Trop de liens ont été envoyés à cette adresse" in answers[-1].content.decode()


def test_a_request_does_the_same_work_whether_the_address_has_an_account_or_not(client, settings):
    """No timing difference to probe: the request only queues the link's task; the lookup, the token and the
    e-mail happen on the worker (here a backend that keeps the task without running it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    UserFactory(email="connue@example.org")
    counts = {}
    for email in ("connue@example.org", "inconnue@example.org"):
        with CaptureQueriesContext(connection) as queries:
            assert ask(client, email, ip=f"198.51.100.{len(counts) + 50}").status_code == 302
        counts[email] = len(queries)
    assert counts["connue@example.org"] == counts["inconnue@example.org"], counts
    queued = [result.args for result in task_backends["default"].results]
    assert [args[0] for args in queued] == ["connue@example.org", "inconnue@example.org"]
