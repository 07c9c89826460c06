"""The axis page, a group page with its fiches and the site map in a real browser: axe at every impact, and
the header that no longer makes any page scroll sideways (RGAA 10.11) whatever the role and the width."""

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionPartner
from partners.models import Axis
from tests.actionsheets.factories import ActionSheetFactory
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona, organisation
from tests.workshops.factories import MeetingFactory, contact, group, member, mosaique
from workshops.models import Attendance, CoordinationObstacle, Finding, MembershipRole

pytestmark = pytest.mark.browser
WIDTHS = (320, 390, 768, 1024, 1280, 1366)


@pytest.fixture
def programme(transactional_db):
    """The DS axis with two groups (the partner animates one), fiches in several states, findings, an obstacle,
    sessions held and to come, structures that carry and partner fiches."""
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    mosaique()
    ds, ds_bis = group("DS"), group("DS", name="Groupe DS – collèges")
    partner = make_persona("partner")
    member(ds, partner.contact, MembershipRole.FACILITATOR)
    anna = contact("Anna", "Animatrice-Longuenomdefamille", "Centre social intercommunal des Gâtines")
    member(ds_bis, anna, MembershipRole.FACILITATOR)
    axis = Axis.objects.get(code="DS")
    need = Finding.objects.create(axis=axis, kind="need", source="statistics", title="Repérer plus tôt")
    Finding.objects.create(axis=axis, kind="strength", source="interviews", title="Un réseau d'acteurs mobilisé")
    sheet = ActionSheetFactory(group=ds, title="Cellule de veille partenariale", validated=True)
    sheet.findings.add(need)
    ActionSheetFactory(group=ds, title="Accompagnement des exclus temporaires")
    ActionSheetFactory(group=ds_bis, title="Parrainage de collégiens", submitted=True)
    ActionPartner.objects.create(sheet=sheet, organisation=organisation("Collège Jean Moulin"), role="operational")
    obstacle = CoordinationObstacle.objects.create(title="Secret partagé mal connu", category="secrecy")
    obstacle.axes.set([axis])
    sheet.obstacles.add(obstacle)
    held = MeetingFactory(groups=[ds], past=True, title="Séance de lancement")
    Attendance.objects.create(meeting=held, contact=partner.contact, status="present")
    MeetingFactory(groups=[ds], title="Séance de suivi")
    return {"partner": partner, "ds": ds, "sheet": sheet}


@pytest.mark.parametrize("persona", ["coordinator", "partner"])
def test_axis_group_and_site_map_pages_are_accessible_and_reflow(page, programme, persona):
    user = programme["partner"] if persona == "partner" else make_persona(persona)
    log_in(page, user)
    page.goto("/")
    page.get_by_role("link", name="Le décrochage scolaire").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Axe DS")
    main_nav = page.get_by_role("navigation", name="Navigation principale")
    expect(main_nav.get_by_role("button", name="Programme", exact=True)).to_have_attribute("aria-current", "true")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=programme["ds"].name).first.click()
    expect(page.get_by_role("heading", name="Fiches actions du groupe (2)")).to_be_visible()
    expect(page.get_by_role("link", name="Nouvelle fiche du groupe")).to_be_visible()
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role("link", name="Axe DS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Axe DS")

    page.goto("/plan-du-site/")
    expect(page.get_by_role("heading", name="Programme")).to_be_visible()
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)


@pytest.mark.parametrize("persona", ["coordinator", "partner", "reader", "admin"])
def test_the_header_never_scrolls_sideways(page, programme, persona):
    user = programme["partner"] if persona == "partner" else make_persona(persona)
    user.first_name, user.last_name = "Marie-Christine", "De La Fontaine-Beauregard"
    user.save()
    log_in(page, user)
    for path in ["/mon-espace/", "/fiches-actions/", "/annuaire/", "/axes/DS/", programme["sheet"].get_absolute_url()]:
        page.goto(path)
        assert_reflows(page, widths=WIDTHS)
    # Below 1200 px the navigation folds behind « Menu » and opens in full.
    page.set_viewport_size({"width": 1024, "height": 900})
    page.get_by_role("button", name="Menu").click()
    main_nav = page.get_by_role("navigation", name="Navigation principale")
    expect(main_nav.get_by_role("button", name="Programme", exact=True)).to_be_visible()
    assert_reflows(page, widths=(1024,))
    # From 1200 px on, every entry is on one line, next to the account button.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    links = page.locator("#main-nav .navbar-nav > .nav-item > .nav-link")
    heights = {round(box["height"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(heights) == 1, heights
    expect(page.locator(".portal-account-button")).to_be_visible()
