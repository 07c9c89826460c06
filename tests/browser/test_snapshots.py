"""Programme snapshots and « ce qui a changé » in a real browser, as the COPIL secretary after a committee: the list
of snapshots, one snapshot, what changed since (one validation, one « à retravailler », one « ajournée »
unchanged), then the error state of a comparison asked the wrong way round; axe at every impact and reflow on
each page."""

import datetime

import pytest
from playwright.sync_api import expect

from actionsheets import services
from actionsheets.models import Status
from programme.models import CopilDossier
from programme.snapshots import close_copil
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, meeting
from workshops.models import Meeting

pytestmark = pytest.mark.browser

COPIL_DAY = datetime.date(2026, 10, 8)


def closed_copil(by, days, title):
    dossier = CopilDossier.objects.create(meeting=meeting(days=days, title=title, kind=Meeting.Kind.COPIL))
    return close_copil(by=by, dossier=dossier)


@pytest.fixture
def setting(transactional_db):
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    coordinator = make_persona("coordinator")
    forwarded = [
        sheet(group("DS"), title, status=Status.FORWARDED) for title in ("Cellule de veille", "Forum", "Café")
    ]
    first = closed_copil(coordinator, -40, "COPIL de juin")
    services.move(by=coordinator, sheet=forwarded[0], action="validate", copil_date=COPIL_DAY, notify=False)
    services.move(
        by=coordinator,
        sheet=forwarded[1],
        action="copil_rework",
        comment="Préciser le public",
        copil_date=COPIL_DAY,
        notify=False,
    )
    second = closed_copil(coordinator, -1, "COPIL d'octobre")
    return {"coordinator": coordinator, "first": first, "second": second, "sheets": forwarded}


def test_the_secretary_reads_the_snapshots_and_what_changed(page, setting):
    first, second = setting["first"], setting["second"]
    log_in(page, setting["coordinator"])

    page.goto("/programme/instantanes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Instantanés du programme")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name=second.label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(second.label)
    expect(page.get_by_role("row", name="Cellule de veille")).to_contain_text("Validée")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.goto(f"/programme/ce-qui-a-change/?depuis={first.pk}&jusqu_a={second.pk}")
    moves = page.locator("#changes-moves-table tbody tr")
    expect(moves).to_have_count(2)
    expect(moves.nth(0)).to_contain_text("Validée")
    expect(moves.nth(1)).to_contain_text("À retravailler")
    expect(page.locator("#changes-moves-table")).not_to_contain_text("Café")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    # the error state: the comparison asked the wrong way round
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Depuis").select_option(str(second.pk))
    page.get_by_label("Jusqu'à").select_option(str(first.pk))
    page.get_by_role("button", name="Comparer").click()
    expect(page.get_by_text("Choisissez un instantané pris après")).to_be_visible()
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
