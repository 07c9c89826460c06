"""Issue 10's acceptance journey on the demo data, in a real browser: the coordinator preparing a COPIL opens
the dashboard, follows « fiches en retard » to the filtered list, opens the map and finds a structure active
in one axis only, opens the coverage and a need without any fiche, opens a planted overlap pair and links it.
The reader and a partner then see what they should and nothing else. axe: no violation of any impact on
every page visited; no sideways scroll from 320 px up."""

import re

import pytest
from playwright.sync_api import expect

from actionsheets.enums import FollowUpFlag
from actionsheets.models import ActionSheet, Overlap, OverlapDecision
from partners.models import User
from solidarites.demo.actionsheets import EXAMPLE
from solidarites.demo.partners import DEMO_PASSWORD
from solidarites.demo.programme import load_key_partner_types
from solidarites.demo.workshops import COORDINATOR_EMAIL, PARTNER_EMAIL
from tests.actionsheets.test_overlaps import SENIORS_DIGITAL, SENIORS_ONLINE, load_demo_sheets
from tests.browser.conftest import assert_accessible, assert_reflows, log_in

pytestmark = pytest.mark.browser

READER_EMAIL = "lecture.demo@example.org"


def checked(page):
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def demo_user(email):
    return User.objects.get(email__iexact=email)


@pytest.fixture
def demo(transactional_db):
    load_demo_sheets()
    load_key_partner_types()


def test_the_coordinator_prepares_a_copil(page, demo):
    late = ActionSheet.objects.filter(follow_up_flag=FollowUpFlag.LATE)
    assert late.exists(), "the demo flags some fiches « en retard »"
    log_in(page, demo_user(COORDINATOR_EMAIL), password=DEMO_PASSWORD)

    main_nav = page.get_by_role("navigation", name="Navigation principale")
    main_nav.get_by_role("button", name="Programme").click()
    main_nav.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du programme")
    checked(page)
    page.get_by_role("link", name="Fiches « en retard »").first.click()
    expect(page).to_have_url(re.compile(r"signalement=late"))
    for sheet in late:
        expect(page.get_by_role("main")).to_contain_text(sheet.code)
    checked(page)

    page.goto("/programme/cartographie/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cartographie des partenaires")
    checked(page)
    page.get_by_label("Actives dans un seul axe").check()
    page.get_by_role("button", name="Appliquer").click()
    rows = page.locator("table.partner-map tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 1
    checked(page)

    page.goto("/diagnostic/couverture/")
    first = page.locator("table.align-top tbody tr").first
    expect(first).to_contain_text("Aucune fiche")
    checked(page)

    online = ActionSheet.objects.get(title=SENIORS_ONLINE + EXAMPLE)
    digital = ActionSheet.objects.get(title=SENIORS_DIGITAL + EXAMPLE)
    page.goto("/programme/rapprochements/")
    card = page.locator("article.card").filter(has_text=online.code).filter(has_text=digital.code)
    expect(card).to_contain_text("très proches")
    checked(page)
    card.get_by_role("button", name="Lier ces fiches").click()
    expect(page.locator(".alert-success")).to_contain_text("sont liées")
    low, high = sorted((online.pk, digital.pk))
    assert Overlap.objects.get(sheet_id=low, other_id=high).decision == OverlapDecision.LINKED
    assert online.related_sheets.filter(pk=digital.pk).exists()
    assert digital.related_sheets.filter(pk=online.pk).exists()


def test_the_reader_and_a_partner_see_what_they_should(page, demo):
    log_in(page, demo_user(READER_EMAIL), password=DEMO_PASSWORD)
    page.goto("/programme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du programme")
    expect(page.get_by_role("link", name="Cartographie des partenaires").first).to_be_visible()
    expect(page.get_by_role("link", name="Rapprochements entre groupes")).to_have_count(0)
    checked(page)
    assert page.request.get("/programme/rapprochements/").status == 403
    assert page.request.get("/programme/cartographie/").status == 200
    page.context.clear_cookies()

    log_in(page, demo_user(PARTNER_EMAIL), password=DEMO_PASSWORD)
    page.goto("/programme/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du programme")
    expect(page.get_by_role("link", name="Cartographie des partenaires")).to_have_count(0)
    checked(page)
    assert page.request.get("/programme/cartographie/").status == 403
    assert page.request.get("/programme/rapprochements/").status == 403
    page.goto("/diagnostic/couverture/")
    checked(page)
