"""Directory journeys in a real browser: import, search, filters, partner editing, exports, merge."""

import io

import pytest
import tablib
from openpyxl import load_workbook
from playwright.sync_api import expect

from partners.models import Axis, Contact, Organisation
from partners.samples import SAMPLE_PATH
from solidarites.demo.partners import load_directory
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_pickers import pick
from tests.conftest import OTHER, OWN, make_persona, organisation

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_directory(transactional_db):
    """The demo directory of Plaisir: 13 neighbourhoods, about 100 structures and 270 interlocutors."""
    load_directory()
    return Organisation.objects.all()


def rows(page):
    return page.locator("main table tbody tr td:first-child a").all_inner_texts()


def search(page, text):
    page.get_by_label("Rechercher", exact=True).fill(text)
    page.get_by_role("button", name="Appliquer").click()


def corrected_sample():
    return (
        SAMPLE_PATH.read_bytes()
        .replace(b";Associaton;", ";Association spécialisée;".encode())
        .replace(b";7837;", b";78370;")
    )


def upload(page, name, content):
    page.get_by_label("Fichier des partenaires").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Déposer le fichier").click()


def test_coordinator_imports_the_sample_file_fixes_two_rows_and_finds_the_structures(page, transactional_db):
    load_directory()  # neighbourhoods and the existing directory
    before = Organisation.objects.count()
    log_in(page, make_persona("coordinator"))
    page.goto("/annuaire/")
    page.get_by_role("link", name="Importer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer une liste de partenaires")

    # A bad file: a clear message next to the field, accessible error state.
    upload(page, "vide.csv", b"")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Le fichier soumis est vide.")
    assert_accessible(page)

    upload(page, SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())
    expect(page.get_by_role("heading", level=1)).to_have_text("Correspondance des colonnes")
    expect(page.get_by_label("Structure (nom)")).to_have_value("0")  # guessed from « Structure »
    assert_accessible(page)
    page.get_by_role("button", name="Voir l'aperçu").click()

    errors = page.locator("#import-errors li")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("Ligne 5, colonne « Type de structure » : Type inconnu : « Associaton »")
    expect(errors.nth(1)).to_contain_text("Ligne 7, colonne « Code postal » : Un code postal compte 5 chiffres.")
    expect(page.get_by_role("button", name="Importer")).to_have_count(0)  # nothing can be applied
    assert_accessible(page)
    assert Organisation.objects.count() == before

    page.get_by_role("link", name="Déposer le fichier corrigé").click()
    upload(page, SAMPLE_PATH.name, corrected_sample())
    page.get_by_role("button", name="Voir l'aperçu").click()
    expect(page.locator("#import-errors")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Structures : 11 à créer")
    assert_accessible(page)
    page.get_by_role("button", name="Importer ces 12 lignes").click()

    # The import runs on the task worker (at once in tests): its page ends with the counts and a way back.
    expect(page.locator(".alert-success")).to_contain_text("Import terminé : 11 structure(s) créée(s)")
    assert_accessible(page, every_impact=True)
    assert Organisation.objects.count() == before + 11
    page.get_by_role("link", name="Voir l'annuaire").click()
    search(page, "epicerie solidaire")
    assert rows(page)[0] == "Épicerie solidaire Le Panier plaisirois"
    page.get_by_role("link", name="Épicerie solidaire Le Panier plaisirois").click()
    expect(page.locator("main")).to_contain_text("Hélène Petit")


def test_search_is_tolerant_to_typos_and_finds_acronyms(page, demo_directory):
    log_in(page, make_persona("coordinator"))
    page.goto("/annuaire/")
    search(page, "mision locale")
    assert rows(page)[0].startswith("Mission locale de Saint-Quentin-en-Yvelines")
    assert "q=mision+locale" in page.url  # shareable

    search(page, "CCAS")
    found = rows(page)
    assert found[0].startswith("Centre communal d'action sociale")
    assert any("Service d'aide et d'accompagnement à domicile du CCAS" in name for name in found)
    assert_accessible(page)


def test_a_filter_by_axis_narrows_the_list(page, demo_directory):
    log_in(page, make_persona("reader"))
    page.goto("/annuaire/")
    everything = page.locator("h1 span").inner_text()
    seniors = Axis.objects.get(code="SEN")
    page.get_by_label("Axe").select_option(label=str(seniors))
    page.get_by_role("button", name="Appliquer").click()
    expected = Organisation.objects.filter(axes=seniors, is_active=True).count()
    expect(page.locator("h1 span")).to_have_text(f"({expected} structures)")
    assert everything != f"({expected} structures)" and 0 < expected < demo_directory.count()
    assert f"axe={seniors.pk}" in page.url
    for cell in page.locator("main table tbody tr td:nth-child(3)").all():
        expect(cell).to_contain_text("SEN")


def test_partner_edits_its_own_structure_and_is_refused_on_another(page, transactional_db):
    partner = make_persona("partner")
    other = organisation(OTHER)
    own = Organisation.objects.get(name=OWN)
    log_in(page, partner)
    page.goto(own.get_absolute_url())
    page.get_by_role("link", name="Modifier la structure").click()
    page.get_by_label("Téléphone").fill("01 2")  # bad input first: a French message, nothing lost
    page.get_by_label("Missions").fill("Accompagnement des familles du Valibout.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("Missions")).to_have_value("Accompagnement des familles du Valibout.")
    assert_accessible(page)
    page.get_by_label("Téléphone").fill("01 30 79 00 00")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("01 30 79 00 00")
    own.refresh_from_db()
    assert own.missions == "Accompagnement des familles du Valibout."

    response = page.goto(f"/annuaire/{other.pk}/modifier/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    assert_accessible(page)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_each_export_opens_and_matches_the_filtered_list(page, demo_directory, fmt):
    log_in(page, make_persona("coordinator"))
    seniors = Axis.objects.get(code="SEN")
    page.goto(f"/annuaire/?axe={seniors.pk}")
    listed = rows(page)
    page.get_by_role("button", name="Exporter").click()
    label = {"csv": "CSV pour Excel", "xlsx": "Excel (XLSX)", "ods": "OpenDocument (ODS)"}[fmt]
    with page.expect_download() as info:
        page.get_by_role("link", name=label).click()
    download = info.value
    assert download.suggested_filename.startswith("structures-") and download.suggested_filename.endswith(fmt)
    with open(download.path(), "rb") as file:
        content = file.read()
    if fmt == "csv":
        assert content.startswith("\ufeff".encode())
        dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv", delimiter=";")
        headers, names = dataset.headers, [row[0] for row in dataset]
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        headers, *data = list(sheet.iter_rows(values_only=True))
        names = [row[0] for row in data]
    else:
        dataset = tablib.Dataset().load(io.BytesIO(content), format="ods")
        headers, names = dataset.headers, [row[0] for row in dataset]
    assert list(headers[:3]) == ["Structure", "Sigle", "Type"]
    # The list shows « Name (ACRONYM) »; the export has the name in its first column.
    assert [name.split(" (")[0] for name in listed] == [name.split(" (")[0] for name in names]


def test_detail_form_and_merge_pages_are_accessible(page, demo_directory):
    log_in(page, make_persona("coordinator"))
    ccas = Organisation.objects.get(acronym="CCAS")
    duplicate = Organisation.objects.create(name="C.C.A.S. de Plaisir", type=ccas.type, phone="01 30 00 00 00")
    contact = Contact.objects.filter(organisation=ccas).first()
    for path in [
        "/annuaire/",
        ccas.get_absolute_url(),
        contact.get_absolute_url(),
        "/annuaire/interlocuteurs/",
        f"/annuaire/{ccas.pk}/modifier/",
        f"/annuaire/{ccas.pk}/desactiver/",
        f"/annuaire/{ccas.pk}/interlocuteurs/nouveau/",
        "/annuaire/nouvelle/",
    ]:
        page.goto(path)
        assert_accessible(page)

    # The new-structure form in its error state keeps what was typed.
    page.get_by_label("Nom (obligatoire)").fill("Centre communal d'action sociale de Plaisir")
    page.get_by_label("Type (obligatoire)").select_option(label=ccas.type.label)
    page.get_by_label("Missions").fill("Texte à garder")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_contain_text("existe déjà")
    expect(page.get_by_label("Missions")).to_have_value("Texte à garder")
    assert_accessible(page)

    page.goto("/annuaire/fusionner/")
    assert_accessible(page)
    pick(page, "Structure à conserver", ccas.name, str(ccas))  # pickers (issue 14)
    pick(page, "Doublon à fusionner", duplicate.name, str(duplicate))
    page.get_by_role("button", name="Comparer les deux structures").click()
    assert_accessible(page)
    page.get_by_role("button", name="Fusionner les deux structures").click()
    expect(page.locator(".alert-success")).to_be_visible()
    duplicate.refresh_from_db()
    assert not duplicate.is_active
