"""The outbox in a real browser: « E-mails envoyés » (states, filter, « Renvoyer ») and the organiser's live
counts of a session's invitations, refreshed by htmx while some wait. axe (0 violations of any impact) and
reflow at 320…1280 px on each."""

import pytest
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from partners.mail import deliver_due
from partners.models import SentEmail
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, meeting, member
from workshops.models import MembershipRole

pytestmark = pytest.mark.browser
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue(subject, to):
    with transaction.atomic():
        EmailMessage(subject=subject, body="Bonjour", to=[to]).send()
    return SentEmail.objects.latest("pk")


def test_email_list_failures_first_resend_and_filter(page, settings):
    settings.TASKS = DATABASE_TASKS  # « Renvoyer » queues the message; no worker runs here
    sent = queue("Compte rendu publié : séance du 21 mai", "paul.partage@mission-locale.example.org")
    SentEmail.objects.filter(pk=sent.pk).update(status=SentEmail.Status.SENT, sent_at=timezone.now(), attempts=1)
    queue("Invitation : séance du 4 juin", "membre.nguyen@college.example.org")
    failed = queue("Rappel : séance du 4 juin", "adresse.tres.longue.pour.verifier.le.retour.a.la.ligne@example.org")
    SentEmail.objects.filter(pk=failed.pk).update(
        status=SentEmail.Status.FAILED, attempts=5, last_error="Serveur d'envoi injoignable (connexion refusée)."
    )
    log_in(page, make_persona("coordinator"))
    page.goto("/courriels/")
    expect(page.locator("tbody tr").first).to_contain_text("Échec")
    expect(page.locator("tbody tr").nth(1)).to_contain_text("En attente")
    expect(page.locator("tbody tr").nth(2)).to_contain_text("Envoyé")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.get_by_role("link", name="Échec (1)").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Renvoyer").click()
    expect(page.get_by_role("status")).to_contain_text("est de nouveau en attente d'envoi")
    expect(page.get_by_text("Aucun e-mail dans cet état.")).to_be_visible()
    assert_accessible(page, every_impact=True)
    page.get_by_role("link", name="En attente (2)").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    assert_accessible(page, every_impact=True)
    assert_reflows(page)


def test_the_organiser_watches_the_invitations_leave(page, settings):
    settings.TASKS = DATABASE_TASKS  # delivered by the test below, as a worker would, while the page watches
    ds = group("DS")
    facilitator = make_persona("partner")
    member(ds, facilitator.contact, MembershipRole.FACILITATOR)
    for name in ["Lemaire", "Nguyen", "Da Silva", "Martin"]:
        member(ds, contact("Membre", name, "Collège"))
    session = meeting(ds, title="Séance de printemps du groupe")
    log_in(page, facilitator)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Envoyer les invitations").click()
    page.get_by_role("button", name="Envoyer 5 invitations").click()
    live = page.locator("[aria-live=polite]:not(#busy-status)")  # the page's region, not the busy buttons' one
    expect(live).to_contain_text("5 invitations : 0 envoyée, 5 en attente")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    deliver_due(limit=3)  # a worker's first messages
    expect(live).to_contain_text("5 invitations : 3 envoyées, 2 en attente", timeout=15_000)
    deliver_due()
    expect(live).to_contain_text("5 invitations : 5 envoyées, 0 en attente", timeout=15_000)
    expect(page.locator("#mail-status")).not_to_have_attribute("hx-trigger", "every 3s")
    assert_accessible(page, every_impact=True)
