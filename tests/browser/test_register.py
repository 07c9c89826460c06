"""The shared diagnostic and the register of coordination obstacles in a real browser, with axe on every page."""

import pytest
from playwright.sync_api import expect

from partners.models import Axis, Contact
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona
from workshops.models import CoordinationObstacle, Finding, Membership, MembershipRole, ObstacleCategory, WorkingGroup

pytestmark = pytest.mark.browser


@pytest.fixture
def register(transactional_db):
    ds, hab = Axis.objects.get(code="DS"), Axis.objects.get(code="HAB")
    for kind in Finding.Kind:
        Finding.objects.create(axis=ds, kind=kind, source=Finding.Source.INTERVIEWS, title=f"Constat {kind.label}")
    Finding.objects.create(axis=hab, kind=Finding.Kind.NEED, source=Finding.Source.STATISTICS, title="Logements")
    obstacle = CoordinationObstacle.objects.create(
        category=ObstacleCategory.SILOS, title="Chacun suit les mêmes familles", levers="Cellule de veille"
    )
    obstacle.axes.set([ds, hab])
    return obstacle


def test_pages_of_the_diagnostic_and_of_the_register_are_accessible(page, register):
    log_in(page, make_persona("coordinator"))
    finding = Finding.objects.first()
    for path in [
        "/diagnostic/",
        "/diagnostic/?nature=need",
        f"/diagnostic/{finding.pk}/modifier/",
        "/freins/",
        "/freins/?etat=open",
        register.get_absolute_url(),
        f"/freins/{register.pk}/modifier/",
    ]:
        page.goto(path)
        assert_accessible(page)

    # A new finding with an error keeps what was typed, the message next to the field.
    page.goto("/diagnostic/nouveau/")
    page.get_by_label("Détail").fill("Texte à garder")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_contain_text("erreurs empêchent l'enregistrement")
    expect(page.get_by_label("Détail")).to_have_value("Texte à garder")
    assert_accessible(page)


def test_a_facilitator_reports_an_obstacle_and_finds_it_in_the_counts(page, register):
    user = make_persona("partner")
    group = WorkingGroup.objects.create(name="Groupe décrochage", axis=Axis.objects.get(code="DS"))
    Membership.objects.create(group=group, contact=Contact.objects.get(user=user), role=MembershipRole.FACILITATOR)
    log_in(page, user)
    page.goto("/freins/")
    page.get_by_role("link", name="Signaler un frein").first.click()
    page.get_by_label("Frein (obligatoire)").fill("Les dispositifs se chevauchent")
    page.get_by_label("Catégorie (obligatoire)").select_option(value="overlap")
    page.get_by_label("DS – Décrochage scolaire").check()
    page.get_by_label("Leviers proposés").fill("Une carte des dispositifs")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".alert-success")).to_contain_text("a été ajouté au registre")
    assert_accessible(page)
    page.goto("/freins/")
    row = page.locator("#counts-title ~ div table tbody tr", has_text=ObstacleCategory.OVERLAP.label)
    expect(row.locator("td").last).to_have_text("1 – Empilement des dispositifs, tous les axes")
    row.locator("td").first.get_by_role("link").click()
    expect(page.locator("#list-title ~ div tbody tr")).to_have_count(1)
    assert "categorie=overlap" in page.url
