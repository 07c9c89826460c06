"""« Travaux en arrière-plan » in a real browser, as the coordinator: reached from the account menu, in its three
states (no worker, running, silent) with axe at every impact and no sideways scroll from 320 to 1280 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from background.models import WorkerHeartbeat
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona

pytestmark = pytest.mark.browser


def test_the_coordinator_follows_the_workers_from_the_account_menu(page, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log_in(page, make_persona("coordinator"))
    page.locator(".portal-account-button").click()
    page.get_by_role("link", name="Travaux en arrière-plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Travaux en arrière-plan")
    panel = page.locator(".portal-worker-status")
    expect(panel).to_contain_text("Arrêtés")
    expect(panel).to_contain_text("rien n'est perdu")
    assert_accessible(page, every_impact=True)

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="a", hostname="serveur-de-taches-numero-un.ville-exemple.fr", pid=4242, last_seen=now
    )
    gone = now - timedelta(hours=2)
    WorkerHeartbeat.objects.create(worker_id="b", hostname="vm2", pid=7, started_at=gone, last_seen=gone)
    page.reload()
    expect(panel).to_contain_text("En marche")
    expect(panel).to_contain_text("1 actif")
    expect(page.get_by_role("table").first).to_contain_text("Sans nouvelles")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    WorkerHeartbeat.objects.filter(worker_id="a").delete()
    page.reload()
    expect(panel).to_contain_text("Sans nouvelles")
    expect(panel).to_contain_text("aucun signe de vie depuis 2 h")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
