"""GDPR rights in a real browser (issue 13, finding 15): a partner downloads « Mes données » from « Mon profil »
(the ZIP read back: its files, their name inside); a coordinator anonymises a person after ticking the
confirmation, and the contact's page then shows « Personne supprimée n° N ». axe (0 violations of any impact)
and reflow at 320…1280 px on every new page, the confirmation in its error state included."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from partners.models import Erasure
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, member

pytestmark = pytest.mark.browser


def test_a_partner_downloads_my_data_from_the_profile(page, tmp_path):
    partner = make_persona("partner")
    member(group("DS"), partner.contact)
    log_in(page, partner)
    page.goto("/mon-profil/")
    page.get_by_role("link", name="Mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes données")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mes données (ZIP)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("donnees-personnelles-compte-") and path.suffix == ".zip"
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"README.txt", "compte.json", "compte.csv", "fiche_interlocuteur.json", "groupes.json"} <= names
        account = json.loads(archive.read("compte.json"))[0]
        assert (account["prenom"], account["nom"], account["adresse_e_mail"]) == ("Paula", "Partenaire", partner.email)
        assert "Partenaire" in archive.read("compte.csv").decode("utf-8-sig")
        assert json.loads(archive.read("groupes.json"))[0]["groupe"].startswith("Groupe")
        assert "compte.json" in archive.read("README.txt").decode()
    page.goto("/donnees-personnelles/")
    expect(page.get_by_role("table")).to_contain_text("Brouillons de sections")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)


def test_a_coordinator_anonymises_a_person_with_confirmation(page):
    person = contact("Zéphyrine", "Quetzalcoatl", "Association Arc-en-ciel", function="Médiatrice")
    log_in(page, make_persona("coordinator"))
    page.goto(person.get_absolute_url())
    expect(page.get_by_role("heading", name="Données personnelles (RGPD)")).to_be_visible()
    assert_accessible(page, every_impact=True)
    page.get_by_role("link", name="Anonymiser…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anonymiser Zéphyrine Quetzalcoatl")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.get_by_role("button", name="Anonymiser définitivement").click()  # the box not ticked: refused
    expect(page.get_by_role("alert")).to_contain_text("Cochez la case pour confirmer")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.get_by_label("Je confirme l'anonymisation définitive de cette personne").check()
    page.get_by_role("button", name="Anonymiser définitivement").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Personne supprimée n° ")
    number = Erasure.objects.get().pk
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Personne supprimée n° {number}")
    expect(page.get_by_role("status").first).to_contain_text(f"Personne supprimée n° {number}")
    expect(page.get_by_text("Quetzalcoatl")).to_have_count(0)
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
