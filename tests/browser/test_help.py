"""The help pages per task (issue 14, item 7) in a real browser: the index and every task page, as an anonymous
visitor and as the coordinator, with axe at every impact and no sideways scrolling from 320 to 1280 px; the
coordinator follows the « Aide : faire l'émargement » link from the attendance page."""

import pytest
from playwright.sync_api import expect

from solidarites.help import TOPICS
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, meeting, member

pytestmark = pytest.mark.browser


def test_every_help_page_is_accessible_and_reflows_for_an_anonymous_visitor(page):
    page.goto("/aide/")
    assert_accessible(page, every_impact=True)
    for topic in TOPICS:
        page.get_by_role("link", name=topic.title, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(topic.title)
        assert_accessible(page, every_impact=True)
        assert_reflows(page)
        page.goto("/aide/")


def test_the_coordinator_follows_the_help_link_of_the_attendance_page(page):
    ds = group("DS")
    member(ds, contact("Inès", "Invitée"))
    session = meeting(ds, title="Séance DS d'avril")
    log_in(page, make_persona("coordinator"))
    page.goto(f"/seances/{session.pk}/presences/")
    page.get_by_role("link", name="Aide : faire l'émargement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Faire l'émargement")
    assert_accessible(page, every_impact=True)
