"""The list of fiches actions in a real browser: filters, search with highlighted excerpts, typo tolerance, the
narrow-screen filters button, an export, with axe on every state of the page."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from actionsheets.models import Status
from partners.models import Axis, Contact
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, member

pytestmark = pytest.mark.browser


@pytest.fixture
def sheets(transactional_db):
    pilot = contact("Nadia", "Pilote", organisation="Mission locale")
    return [
        sheet(
            group("DS"),
            "Cellule de veille partenariale",
            status=Status.VALIDATED,
            pilot=pilot,
            description="Prévenir le décrochage scolaire des collégiens du Valibout.",
        ),
        sheet(group("DS"), "Prevention du decrochage au lycee", status=Status.SUBMITTED),
        sheet(group("HAB"), "Permanences logement avec l'ADIL 78", status=Status.IN_PROGRESS, pilot=pilot),
        sheet(group("IPJ"), "Forum emploi-jeunes à La Mosaïque"),
    ]


def rows(page):
    return page.locator("main table tbody tr")


def apply(page):
    page.locator("#sheet-filters").get_by_role("button", name="Appliquer").click()


def test_coordinator_filters_searches_and_exports_the_sheets(page, sheets):
    log_in(page, make_persona("coordinator"))
    page.goto("/fiches/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiches actions (4 fiches)")
    expect(page.get_by_role("link", name="Nouvelle fiche")).to_be_visible()
    expect(page.locator("main table caption")).to_contain_text("Fiches actions")
    assert_accessible(page)

    # A filter from the form: the list narrows, the filter shows as a removable chip.
    page.get_by_label("Axe", exact=True).select_option(str(Axis.objects.get(code="DS").pk))
    apply(page)
    expect(rows(page)).to_have_count(2)
    expect(page.locator("main a.btn-outline-secondary", has_text="Axe")).to_contain_text("DS")
    assert_accessible(page)

    # Sorting by a column header: aria-sort follows.
    page.get_by_role("link", name="Intitulé").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Intitulé")
    expect(rows(page).first).to_contain_text("Cellule de veille")
    assert "axe=" in page.url  # the filter is kept

    # Search: stems and accents, with the matched words highlighted in the original text.
    page.goto("/fiches/")
    page.get_by_label("Rechercher", exact=True).fill("décrocheurs")
    apply(page)
    expect(rows(page)).to_have_count(2)
    expect(page.locator("main tbody mark", has_text="décrochage")).to_be_visible()
    expect(page.locator("main tbody mark", has_text="decrochage")).to_be_visible()
    assert_accessible(page)

    # The export menu exports exactly this list.
    page.get_by_role("button", name="Exporter").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV pour Excel").click()
    download = info.value
    assert download.suggested_filename == f"fiches-actions-{timezone.localdate():%Y-%m-%d}.csv"
    with open(download.path(), encoding="utf-8-sig") as file:
        exported = file.read()
    assert "Cellule de veille partenariale" in exported and "Permanences logement" not in exported
    # The plan of this list: every sheet found, in full, in one PDF, built by a task (at once in tests) and
    # offered on the build's page (fetched with the page's session).
    list_url = page.url
    page.get_by_role("button", name="Exporter").click()
    page.get_by_role("button", name="Plan d'actions (PDF, fiches complètes)").click()
    page.wait_for_url("**/documents/*/")
    plan = page.get_by_role("link", name=re.compile("Télécharger le plan d'actions"))
    response = page.request.get(plan.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(response.body())).pages)
    assert "Cellule de veille partenariale" in text and "Permanences logement" not in text
    page.goto(list_url)

    # A typo: nothing in the full text, the closest titles instead, said so.
    page.get_by_label("Rechercher", exact=True).fill("logemnt")
    apply(page)
    expect(rows(page)).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("dont l'intitulé s'en approche")
    assert_accessible(page)

    # Nothing found: the empty state explains and offers the reset.
    page.goto(f"/fiches/?statut={Status.ABANDONED}")
    expect(page.locator("main")).to_contain_text("Aucune fiche action ne correspond à ces filtres.")
    assert_accessible(page)
    page.locator("main ul.list-inline").get_by_role("link", name="Réinitialiser les filtres").click()
    expect(rows(page)).to_have_count(4)


def test_partner_on_a_narrow_screen_opens_the_filters_and_keeps_its_own_sheets(page, sheets):
    partner = make_persona("partner")
    member(group("DS"), Contact.objects.get(user=partner))
    log_in(page, partner)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/fiches/?mes=on")
    expect(page.locator("main")).to_contain_text("Aucune fiche action ne correspond à ces filtres.")
    page.goto("/fiches/")
    # validated sheets and the drafts of its group; not the draft of a group it is not in
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiches actions (3 fiches)")
    filters = page.get_by_role("button", name="Filtres")
    expect(filters).to_be_visible()
    expect(page.get_by_label("Rechercher", exact=True)).to_be_hidden()
    filters.click()
    expect(page.get_by_label("Rechercher", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # reflow at 320 px
    assert_accessible(page)
