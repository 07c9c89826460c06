"""The pickers in a real browser (issue 14), BY KEYBOARD only: type, ArrowDown, Enter, a chip removed with the
keyboard, the form submitted with Enter; axe at every impact with the suggestions open and closed. One kind of
picker each: groups and structures (the fiches list's filters), interlocutors (adding a member to a group),
fiches (several, the COPIL dossier). Then the same pages with JavaScript off: the typed name is resolved by the
server and the form still works."""

import re

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionPartner, Status
from partners.models import Contact
from tests.actionsheets.factories import sheet
from tests.browser.conftest import CONTEXT_OPTIONS, assert_accessible, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, meeting, structure
from workshops.models import Membership

pytestmark = pytest.mark.browser


def pick(scope, label, typed, option, *, check_axe=False):
    """Type `typed` into the picker labelled `label` (in `scope`: the page or a part of it), move to `option`
    with ArrowDown, choose it with Enter."""
    page = getattr(scope, "page", scope)
    box = scope.get_by_role("combobox", name=label)
    box.focus()
    page.keyboard.type(typed)
    picker = box.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' picker ')][1]")
    listbox = picker.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(picker.locator("[aria-live]")).to_contain_text("résultat")
    if check_axe:
        assert_accessible(page, every_impact=True)
    target = listbox.get_by_role("option", name=option, exact=True)
    for _ in range(listbox.get_by_role("option").count()):
        page.keyboard.press("ArrowDown")
        if target.get_attribute("aria-selected") == "true":
            break
    expect(box).to_have_attribute("aria-activedescendant", target.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("")
    expect(box).to_be_focused()


def chip(page, name):
    return page.locator(".picker-chip").filter(has_text=name)


@pytest.fixture
def world(transactional_db):
    health, housing = group("DS", "Santé et accès aux droits"), group("HAB", "Habitat et cadre de vie")
    mission = structure("Mission locale de Saint-Quentin")
    pilot = contact("Nadia", "Pilote", organisation="Mission locale de Saint-Quentin")
    veille = sheet(health, "Cellule de veille éducative", status=Status.VALIDATED, pilot=pilot)
    logement = sheet(housing, "Permanences logement", status=Status.VALIDATED)
    ActionPartner.objects.create(sheet=logement, organisation=mission, role="operational")
    sheet(health, "Bilans de santé", status=Status.FORWARDED)
    contact("Hélène", "Durand", organisation="CCAS de Trappes")
    return {"health": health, "mission": mission, "veille": veille, "logement": logement}


def test_fiches_filters_by_keyboard(page, world):
    log_in(page, make_persona("coordinator"))
    page.goto("/fiches/")
    assert_accessible(page, every_impact=True)

    # a group: typed without its accent, chosen, then its chip removed by keyboard and chosen again
    pick(page, "Groupe de travail", "sante", "Santé et accès aux droits", check_axe=True)
    expect(chip(page, "Santé et accès aux droits")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Retirer « Santé et accès aux droits »")).to_be_focused()
    page.keyboard.press("Enter")
    expect(chip(page, "Santé et accès aux droits")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Groupe de travail")).to_be_focused()
    pick(page, "Groupe de travail", "droits", "Santé et accès aux droits")
    assert_accessible(page, every_impact=True)

    # Escape closes the suggestions, then clears the text
    box = page.get_by_role("combobox", name="Structure du pilote")
    box.focus()
    page.keyboard.type("mission")
    expect(page.get_by_role("listbox")).to_be_visible()
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Escape")
    expect(box).to_have_value("")

    # a structure, then Enter submits the filters
    pick(page, "Structure du pilote", "saint quentin", "Mission locale de Saint-Quentin")
    page.keyboard.press("Enter")
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table tbody")).to_contain_text(world["veille"].code)
    expect(chip(page, "Mission locale de Saint-Quentin")).to_be_visible()  # the chosen one kept on the page
    expect(page.locator("main a.btn-outline-secondary", has_text="Structure du pilote")).to_contain_text(
        "Mission locale de Saint-Quentin"
    )
    assert_accessible(page, every_impact=True)


def test_a_member_added_by_keyboard(page, world):
    log_in(page, make_persona("coordinator"))
    page.goto(f"/groupes/{world['health'].pk}/membres/ajouter/")
    pick(page, "Interlocuteur", "helene", "DURAND Hélène – CCAS de Trappes", check_axe=True)
    assert_accessible(page, every_impact=True)
    page.get_by_role("button", name="Enregistrer").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("a rejoint le groupe")
    assert Membership.objects.filter(group=world["health"], contact__last_name="Durand").exists()


def test_fiches_added_to_the_copil_dossier_by_keyboard(page, world):
    log_in(page, make_persona("coordinator"))
    copil = meeting(title="COPIL de juin", kind="copil")
    page.goto(copil.get_absolute_url())
    page.get_by_role("link", name="Ouvrir le dossier du COPIL").click()
    veille, logement = world["veille"], world["logement"]
    pick(page, "Fiches à ajouter au dossier", "veille", f"{veille.code} – {veille.title}", check_axe=True)
    pick(page, "Fiches à ajouter au dossier", "logement", f"{logement.code} – {logement.title}")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name=f"Retirer « {logement.code} – {logement.title} »")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".picker-chip")).to_have_count(1)
    assert_accessible(page, every_impact=True)
    page.get_by_role("button", name="Mettre à jour le dossier").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("1 fiche ajoutée")
    expect(page.locator("#tableau-synthese")).to_contain_text(f"{veille.code} – {veille.title}")
    expect(page.locator("#tableau-synthese")).not_to_contain_text(logement.title)


@pytest.fixture
def no_script(browser, live_url, transactional_db):
    context = browser.new_context(base_url=live_url, java_script_enabled=False, **CONTEXT_OPTIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def assert_fallback_accessible(no_script, page):
    """axe cannot run in a page without JavaScript: the fallback's markup, scripts removed, is checked in a
    page that has it (same origin, so the style sheets load)."""
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", no_script.content(), flags=re.S)
    page.goto("/healthz")
    page.set_content(markup)
    expect(page.locator("input[role=combobox]")).to_have_count(0)
    assert_accessible(page, every_impact=True)


def test_without_javascript_the_typed_names_are_resolved(no_script, page, world):
    checked, page = page, no_script
    log_in(page, make_persona("coordinator"))
    page.goto("/fiches/")
    expect(page.locator("input[role=combobox]")).to_have_count(0)  # a plain text field
    page.get_by_label("Structure partenaire").fill("mission locale saint quentin")
    page.locator("#sheet-filters").get_by_role("button", name="Appliquer").click()
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table tbody")).to_contain_text(world["logement"].code)
    chosen = page.get_by_role("checkbox", name="Mission locale de Saint-Quentin")
    expect(chosen).to_be_checked()
    assert_fallback_accessible(page, checked)

    # unchecking the chosen one removes the filter
    chosen.uncheck()
    page.locator("#sheet-filters").get_by_role("button", name="Appliquer").click()
    expect(page.locator("main table tbody tr")).to_have_count(3)

    # a member added by name
    page.goto(f"/groupes/{world['health'].pk}/membres/ajouter/")
    page.get_by_role("textbox", name="Interlocuteur").fill("Durand")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("a rejoint le groupe")
    assert Membership.objects.filter(group=world["health"], contact=Contact.objects.get(last_name="Durand")).exists()
