import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partners.models import Commune, User
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/connexion/",
    "/mot-de-passe-oublie/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/plan-du-site/",
    "/aide/",
    "/contact/",
]


@pytest.fixture
def plaisir(transactional_db):
    from solidarites.demo.partners import PLAISIR

    return Commune.objects.create(**PLAISIR)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_are_accessible(page, plaisir, path):
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("persona", ["partner", "reader", "coordinator", "admin"])
def test_my_space_and_shell_are_accessible_for_each_role(page, plaisir, persona):
    log_in(page, make_persona(persona))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    assert_accessible(page)
    for path in [
        "/",
        "/mentions-legales/",
        "/mon-profil/",
        "/mon-profil/mot-de-passe/",
        "/plan-du-site/",
        "/comptes/",
    ]:  # the last one is a 403 page for partners and readers
        page.goto(path)
        assert_accessible(page)


def test_login_error_state_is_accessible_and_keeps_the_email(page, plaisir):
    make_persona("partner")
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill("partenaire@example.org")
    page.get_by_label("Mot de passe").fill("mauvais mot de passe")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("alert")).to_contain_text("Adresse e-mail ou mot de passe incorrect")
    expect(page.get_by_label("Adresse e-mail")).to_have_value("partenaire@example.org")
    assert_accessible(page)


def test_coordination_pages_are_accessible_including_form_errors(page, plaisir):
    coordinator = make_persona("coordinator")
    log_in(page, coordinator)
    other = make_persona("partner")
    for path in [
        "/comptes/",
        "/courriels/",
        f"/comptes/{coordinator.pk}/",
        f"/comptes/{other.pk}/modifier/",
        f"/comptes/{other.pk}/desactiver/",
        "/comptes/nouveau/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.get_by_role("button", name="Créer le compte et envoyer le lien").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("erreurs empêchent l'enregistrement")
    assert_accessible(page)


def test_keyboard_user_extends_the_session_before_it_expires(page, plaisir, settings):
    settings.SESSION_COOKIE_AGE = 123  # the warning shows 3 s after the page loads
    log_in(page, make_persona("partner"))
    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=8_000)
    button = page.get_by_role("button", name="Prolonger ma session")
    expect(button).to_be_focused()
    assert_accessible(page)
    with page.expect_response("**/session/prolonger/") as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 200
    expect(warning).to_be_hidden()
    page.goto("/mon-espace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")


def test_new_partner_activates_the_account_from_the_e_mail(page, plaisir):
    coordinator = make_persona("coordinator")
    log_in(page, coordinator)
    page.goto("/comptes/nouveau/")
    page.get_by_label("Prénom").fill("Inès")
    page.get_by_role("textbox", name=re.compile(r"^Nom")).fill("Nouvelle")
    page.get_by_label("Adresse e-mail").fill("ines.nouvelle@example.org")
    page.get_by_label("Rôle").select_option(label="Partenaire")
    page.get_by_role("button", name="Créer le compte et envoyer le lien").click()
    expect(page.get_by_role("status")).to_contain_text("le lien d'activation lui a été envoyé")
    page.goto("/courriels/")
    expect(page.get_by_role("table")).to_contain_text("ines.nouvelle@example.org")
    page.get_by_role("button", name=coordinator.get_full_name()).click()  # the user menu
    page.get_by_role("button", name="Se déconnecter").click()

    link = re.search(r"https?://\S+/definir-mon-mot-de-passe/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Définir mon mot de passe")
    page.get_by_label("Nouveau mot de passe").fill("Un-mot-de-passe-solide-2015")
    page.get_by_label("Confirmation du mot de passe").fill("Un-mot-de-passe-solide-2015")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer mon mot de passe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe enregistré")
    log_in(page, User.objects.get(email="ines.nouvelle@example.org"), "Un-mot-de-passe-solide-2015")

    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("Ce lien n'est plus valable")
    assert_accessible(page)
