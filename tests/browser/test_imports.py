"""Issue 14 in a real browser: a French Excel partner list (Windows-1252, title and total lines, near-duplicates)
uploaded, its preview and duplicate choices checked with axe (every impact), in the error state too, then
imported with the choices made by keyboard."""

import pytest
from playwright.sync_api import expect

from partners.models import Organisation, OrganisationType
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona
from tests.partners.test_import_spreadsheets import excel_csv

pytestmark = pytest.mark.browser


def test_the_preview_names_the_encoding_the_skipped_lines_and_asks_about_each_duplicate(page, transactional_db):
    aragon = Organisation.objects.create(
        name="Centre Social Louis Aragon", type=OrganisationType.objects.get(code="asso_quartier")
    )
    log_in(page, make_persona("coordinator"))
    page.goto("/annuaire/")
    page.get_by_role("link", name="Importer").click()
    page.get_by_label("Fichier des partenaires").set_input_files(
        {"name": "partenaires.csv", "mimeType": "text/csv", "buffer": excel_csv()}
    )
    page.get_by_role("button", name="Déposer le fichier").click()
    page.get_by_role("button", name="Voir l'aperçu").click()

    expect(page.locator("#import-reading")).to_contain_text("Encodage lu : Windows-1252 (Excel)")
    expect(page.locator("#import-notes li")).to_have_text(
        ["Ligne 1 ignorée : titre", "Ligne 13 ignorée : vide", "Ligne 14 ignorée : total"]
    )
    questions = page.locator("#import-duplicates fieldset")
    expect(questions).to_have_count(2)
    assert_accessible(page, every_impact=True)

    page.get_by_role("button", name="Importer ces 10 lignes").click()  # no choice made
    expect(page.locator("#error-summary li")).to_have_count(2)
    assert Organisation.objects.count() == 1
    assert_accessible(page, every_impact=True)

    mission = page.get_by_role("group", name="Ligne 6 : « Mission Locale de SQY » (obligatoire)")
    mission.get_by_role("radio", name="Fusionner avec « Mission locale de SQY » (ligne 3)").focus()
    page.keyboard.press("Space")
    centre = page.get_by_role("group", name="Ligne 9 : « Centre social Louis-Aragon » (obligatoire)")
    centre.get_by_role("radio", name="Créer quand même une nouvelle structure").check()
    page.get_by_role("button", name="Importer ces 10 lignes").click()

    expect(page.locator(".alert-success")).to_contain_text("1 ligne(s) fusionnée(s) avec une structure proche")
    assert Organisation.objects.count() == 1 + 9
    assert Organisation.objects.filter(name__iexact="Mission locale de SQY").count() == 1
    assert aragon.pk in Organisation.objects.filter(name__contains="Aragon").values_list("pk", flat=True)
    assert Organisation.objects.filter(name__contains="Aragon").count() == 2
