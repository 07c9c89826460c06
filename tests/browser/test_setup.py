"""Coordinators create and change working groups and meeting venues from the portal, in a real browser: the
forms in their error state and filled, with axe (no violation of any impact) and without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from workshops.models import Venue, WorkingGroup

pytestmark = pytest.mark.browser


def test_coordinator_creates_and_edits_a_group_and_a_venue(page, transactional_db):
    log_in(page, make_persona("coordinator"))
    page.goto("/groupes/")
    page.get_by_role("link", name="Nouveau groupe").click()
    assert_accessible(page, every_impact=True)
    page.get_by_label("Mandat").fill("Repérer les personnes isolées avant l'été.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("Mandat")).to_have_value("Repérer les personnes isolées avant l'été.")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.get_by_label("Nom du groupe").fill("Isolement des seniors")
    page.get_by_label("Axe").select_option(label="SEN – Seniors")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isolement des seniors")
    page.get_by_role("link", name="Modifier").click()
    assert_accessible(page, every_impact=True)
    page.get_by_label("Nom du groupe").fill("Isolement des seniors l'été")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isolement des seniors l'été")
    assert WorkingGroup.objects.get().version == 2

    page.goto("/groupes/")
    page.get_by_role("link", name="Lieux de réunion").click()
    assert_accessible(page, every_impact=True)
    page.get_by_role("link", name="Ajouter un lieu").click()
    page.get_by_label("Code postal").fill("783")
    page.get_by_label("Capacité (personnes)").fill("0")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("Code postal")).to_have_value("783")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.get_by_label("Nom du lieu").fill("Salle Mandela")
    page.get_by_label("Adresse").fill("3 rue Nelson Mandela")
    page.get_by_label("Code postal").fill("78370")
    page.get_by_label("Capacité (personnes)").fill("40")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Salle Mandela")
    venue = Venue.objects.get()
    row = page.locator(f"#lieu-{venue.pk}")
    expect(row).to_contain_text("3 rue Nelson Mandela, 78370")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    row.get_by_role("link").click()
    assert_accessible(page, every_impact=True)

    # The meeting form offers the new venue, and the way to add another.
    page.goto("/seances/nouvelle/")
    expect(page.get_by_label("Lieu")).to_contain_text("Salle Mandela")
    expect(page.locator("#div_id_venue").get_by_role("link", name="Ajouter un lieu")).to_be_visible()
