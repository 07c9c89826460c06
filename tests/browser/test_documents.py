"""Long documents in a real browser: a reader asks for the plan d'actions from the list of fiches, follows its
preparation in the live region of the build's page (refreshed by htmx every 2 s while a worker builds it) and
downloads it; axe (every impact) and reflow on the page while it waits and once it is ready."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from actionsheets.models import Status
from background import documents
from background.models import DocumentBuild
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group

pytestmark = pytest.mark.browser


@pytest.fixture
def database_tasks(settings):
    """The request only queues the build (as in production): the test plays the worker when it chooses."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_reader_asks_for_the_plan_follows_its_progress_and_downloads_it(page, database_tasks):
    sheet(group("DS"), "Cellule de veille partenariale", status=Status.VALIDATED, description="Prévenir.")
    sheet(group("HAB"), "Brouillon logement", status=Status.DRAFT)
    log_in(page, make_persona("reader"))
    page.goto("/fiches/")
    page.get_by_role("button", name="Exporter").click()
    page.get_by_role("button", name="Plan d'actions (PDF, fiches complètes)").click()
    page.wait_for_url("**/documents/*/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan d'actions : préparation")
    live = page.locator("[aria-live=polite]:not(#busy-status)")  # the build's region, not the busy buttons' one
    expect(live).to_contain_text("En attente")
    expect(live.locator("progress")).to_have_attribute("value", "0")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    build = DocumentBuild.objects.get()
    documents.run_build(build.pk)  # the worker's part; the page finds out by itself within 2 s
    link = live.get_by_role("link", name=re.compile(r"Télécharger le plan d'actions \(PDF, \d+(,\d)? (Ko|Mo)\)"))
    expect(link).to_be_visible(timeout=15_000)
    expect(live).to_contain_text("Le document est prêt.")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(r"plan-d-actions-\d{4}-\d\d-\d\d\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as file:
        text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(file.read())).pages)
    assert "Cellule de veille partenariale" in text and "Brouillon logement" not in text

    page.goto("/documents/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes documents")
    expect(page.locator("main table")).to_contain_text("Plan d'actions")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)


def test_the_old_address_of_the_plan_shows_the_selection_and_asks_for_it(page, database_tasks):
    sheet(group("DS"), "Cellule de veille partenariale", status=Status.VALIDATED)
    log_in(page, make_persona("partner"))
    page.goto(f"/fiches/plan.pdf?statut={Status.VALIDATED}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan d'actions")
    expect(page.locator("main")).to_contain_text("1 fiche action sélectionnée : Statut : Validée")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.get_by_role("button", name="Préparer le plan d'actions").click()
    page.wait_for_url("**/documents/*/")
    assert DocumentBuild.objects.get().params == {"statut": Status.VALIDATED}
