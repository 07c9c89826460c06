"""The public page of validated actions in a real browser, as an anonymous visitor: from the home page to the
list, the filter form (by axis and neighbourhood), an action's page and a missing one; axe at every impact and
no sideways scrolling from 320 to 1280 px."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionSheet, BudgetLine, Status, TargetPublic
from partners.models import Neighbourhood
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, structure

pytestmark = pytest.mark.browser
WIDTHS = (320, 390, 768, 1024, 1280)


@pytest.fixture
def actions(transactional_db):
    """Three publishable validated fiches on two axes and two neighbourhoods, one whole-commune, and a draft."""
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    valibout = Neighbourhood.objects.create(name="Valibout", is_qpv=True)
    gatines = Neighbourhood.objects.create(name="Les Gâtines")
    made = []
    for of, title, where in [
        ("DS", "Cellule de veille partenariale des collèges du territoire", valibout),
        ("HAB", "Permanences logement avec l'ADIL dans les maisons de quartier", gatines),
        ("HAB", "Ateliers de sensibilisation aux économies d'énergie", None),
    ]:
        item = sheet(
            group(of),
            title,
            status=Status.IN_PROGRESS,
            lead_organisation=structure("Centre social intercommunal des Gâtines"),
            general_objective="Repérer plus tôt les difficultés et orienter les familles.",
            start_date=datetime.date(2016, 1, 4),
            planned_end_date=datetime.date(2017, 6, 30),
        )
        if where:
            item.neighbourhoods.add(where)
        item.target_publics.set(TargetPublic.objects.all()[:2])
        made.append(item)
    ActionSheet.objects.filter(pk__in=[item.pk for item in made]).update(
        is_publishable=True, public_summary="Un accompagnement au plus près des habitants et des familles."
    )
    ActionSheet.objects.filter(pk=made[1].pk).update(public_budget=True)
    BudgetLine.objects.create(sheet=made[1], year=2016, label="Permanences", planned=Decimal("12500"))
    draft = sheet(group("DS"), "Parrainage de collégiens")
    ActionSheet.objects.filter(pk=draft.pk).update(is_publishable=True)
    return {"sheets": made, "draft": draft, "valibout": valibout, "gatines": gatines}


def test_an_anonymous_visitor_finds_filters_and_reads_the_actions(page, actions):
    page.goto("/")
    page.get_by_role("link", name="Découvrir les actions du programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Les actions du programme")
    expect(page.locator("main article")).to_have_count(3)
    expect(page.locator(".portal-account")).to_have_count(0)  # the public header: no account menu
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)

    search = page.get_by_role("search", name="Rechercher parmi les actions")
    search.get_by_label("Quartier").select_option(label="Valibout (QPV)")
    search.get_by_role("button", name="Appliquer").click()
    page.wait_for_url("**/actions/?*quartier=*")
    # the Valibout action and the whole-commune one
    expect(page.locator("main article")).to_have_count(2)
    expect(page.get_by_role("link", name="Valibout (QPV)")).to_be_visible()  # the filter in use, removable
    search.get_by_label("Axe").select_option("DS")
    search.get_by_role("button", name="Appliquer").click()
    page.wait_for_url("**/actions/?*axe=DS*")
    expect(page.locator("main article")).to_have_count(1)
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)

    search.get_by_label("Axe").select_option("HAB")
    search.get_by_label("Quartier").select_option("")
    search.get_by_role("button", name="Appliquer").click()
    page.wait_for_url("**/actions/?*axe=HAB*")
    expect(page.locator("main article")).to_have_count(2)
    page.get_by_role("link", name="Permanences logement avec l'ADIL dans les maisons de quartier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Permanences logement avec l'ADIL dans les maisons de quartier"
    )
    expect(page.get_by_role("heading", name="Budget")).to_be_visible()
    expect(page.locator("#public-budget")).to_contain_text("500,00 €")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)


def test_an_empty_result_and_a_missing_action_are_accessible(page, actions):
    response = page.goto(f"/actions/?axe=DS&quartier={actions['gatines'].pk}")
    assert response.status == 200
    expect(page.get_by_text("Aucune action publiée ne correspond à ces filtres.")).to_be_visible()
    assert_accessible(page, every_impact=True)
    page.goto("/actions/?axe=DS&quartier=999999")  # an unknown neighbourhood: the form says so
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)
    response = page.goto(f"/actions/{actions['draft'].pk}/")
    assert response.status == 404
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)


def test_the_coordinator_publishes_a_fiche_and_its_error_state_is_accessible(page, actions):
    validated = sheet(group("HAB"), "Accompagnement social du relogement", status=Status.VALIDATED)
    log_in(page, make_persona("coordinator"))
    page.goto(validated.get_absolute_url())
    card = page.locator("#publication")
    expect(card).to_contain_text("ne figure pas sur la page publique")
    assert_accessible(page)
    # the error state: a summary too long (the field's maxlength taken off, as an old browser would)
    card.get_by_label("Résumé public").evaluate("field => field.removeAttribute('maxlength')")
    card.get_by_label("Résumé public").fill("Trop long. " * 200)
    card.get_by_role("button", name="Enregistrer la publication").click()
    expect(page.locator("#error-summary")).to_contain_text("Résumé public")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Publication de la fiche {validated.code}")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)
    page.get_by_label("Publiable sur la page publique des actions").check()
    page.get_by_label("Résumé public").fill("Un accompagnement des familles relogées.")
    page.get_by_role("button", name="Enregistrer la publication").click()
    expect(page.locator(".alert-success")).to_contain_text("figure sur la page publique des actions")
    page.locator("#publication").get_by_role("link", name="page publique des actions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accompagnement social du relogement")
    expect(page.locator("main")).to_contain_text("Un accompagnement des familles relogées.")
