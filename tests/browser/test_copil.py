"""The COPIL dossier in a real browser, as the coordinator preparing the next COPIL: from the meeting's page to
its dossier, the three fiches « transmises au COPIL » found there (axe at every impact, reflow), the add/remove
form's error state (axe at every impact), a fiche added, the dossier downloaded as a PDF and as an ODT, both read
back (pypdf, odfpy)."""

import io
import re
from decimal import Decimal

import pytest
from odf import teletype
from odf.opendocument import load
from odf.text import H
from playwright.sync_api import expect
from pypdf import PdfReader

from actionsheets.models import BudgetLine, Status
from background import documents
from background.models import DocumentBuild
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.browser.test_pickers import pick
from tests.conftest import make_persona
from tests.workshops.factories import group, meeting

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, settings):
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the test plays the worker
    Commune.objects.create(**PLAISIR)
    forwarded = [
        sheet(group("DS"), "Parrainage de collégiens", status=Status.FORWARDED),
        sheet(group("HAB"), "Permanences logement avec l'ADIL 78", status=Status.FORWARDED),
        sheet(group("DS"), "Cellule de veille partenariale", status=Status.FORWARDED),
    ]
    BudgetLine.objects.create(sheet=forwarded[0], year=2015, label="Animation", planned=Decimal("12500"))
    validated = sheet(group("HAB"), "Relogement accompagné", status=Status.VALIDATED)
    return {
        "coordinator": make_persona("coordinator"),
        "copil": meeting(title="COPIL de juin", kind="copil"),
        "forwarded": forwarded,
        "validated": validated,
    }


def test_the_coordinator_opens_the_dossier_of_the_next_copil(page, setting):
    log_in(page, setting["coordinator"])
    page.goto(setting["copil"].get_absolute_url())
    page.get_by_role("link", name="Ouvrir le dossier du COPIL").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier du COPIL – COPIL de juin")
    table = page.locator("#tableau-synthese")
    for item in setting["forwarded"]:
        expect(table).to_contain_text(f"{item.code} – {item.title}")
    expect(table).to_contain_text("12 500,00")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    # the error state: nothing chosen
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Mettre à jour le dossier").click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Choisissez au moins une fiche à ajouter ou à retirer.")
    expect(page.get_by_label("Fiches à ajouter au dossier")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    # a fiche added
    validated = setting["validated"]
    pick(page, "Fiches à ajouter au dossier", validated.title, f"{validated.code} – {validated.title}")  # issue 14
    page.get_by_role("button", name="Mettre à jour le dossier").click()
    expect(page.locator(".messages")).to_contain_text("1 fiche ajoutée")
    expect(page.locator("#tableau-synthese")).to_contain_text(f"{validated.code} – {validated.title}")

    # the dossier as a PDF, then as an ODT: the build's page follows its preparation, then offers the download
    dossier_url = page.url
    page.get_by_role("button", name="Préparer le dossier en PDF").click()
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(downloaded(page, "PDF"))).pages)
    assert "Synthèse des fiches par axe" in text
    for item in [*setting["forwarded"], validated]:
        assert item.title in text
    page.goto(dossier_url)
    page.get_by_role("button", name="Préparer le dossier modifiable (ODT)").click()
    document = load(io.BytesIO(downloaded(page, "ODT")))
    headings = [teletype.extractText(heading) for heading in document.getElementsByType(H)]
    for item in [*setting["forwarded"], validated]:
        assert f"Fiche {item.code} – {item.title}" in headings


def downloaded(page, fmt):
    """The worker builds the document asked for; the build's page offers it; its bytes."""
    page.wait_for_url("**/documents/*/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dossier du COPIL")
    build = DocumentBuild.objects.filter(status="queued").get()
    assert build.kind == f"copil_{fmt.lower()}"
    documents.run_build(build.pk)
    link = page.get_by_role("link", name=re.compile(rf"Télécharger le dossier du COPIL \({fmt}, "))
    expect(link).to_be_visible(timeout=15_000)
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as file:
        return file.read()
