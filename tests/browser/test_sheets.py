"""Action sheets in a real browser: detail, co-authors and workflow pages (with their error states) pass axe."""

import pytest
from playwright.sync_api import expect

from actionsheets.models import Status
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, member
from workshops.models import MembershipRole

pytestmark = pytest.mark.browser


def test_detail_authors_and_move_pages_are_accessible(page, transactional_db):
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    ds = group("DS")
    facilitator = make_persona("partner")
    member(ds, facilitator.contact, MembershipRole.FACILITATOR)
    draft = sheet(ds, "Cellule de veille partenariale", by=facilitator)
    submitted = sheet(ds, "Accueil des collégiens exclus", status=Status.SUBMITTED)
    log_in(page, facilitator)
    for path in [draft.get_absolute_url(), f"/fiches/{draft.pk}/co-auteurs/", f"/fiches/{draft.pk}/statut/submit/"]:
        page.goto(path)
        assert_accessible(page)
    # A send-back without its comment: the error state.
    page.goto(submitted.get_absolute_url())
    page.get_by_role("link", name="Renvoyer pour être retravaillée").click()
    page.get_by_role("button", name="Renvoyer pour être retravaillée").click()
    expect(page.locator("#error-summary")).to_contain_text("Commentaire")
    assert_accessible(page)
    page.get_by_label("Commentaire").fill("Préciser les publics visés.")
    page.get_by_label("Remarque sur « Objectifs opérationnels et résultats attendus »").fill("À chiffrer.")
    page.get_by_role("button", name="Renvoyer pour être retravaillée").click()
    expect(page.locator("#sheet-status")).to_contain_text("À retravailler")
    expect(page.locator("#section-objectifs")).to_contain_text("À chiffrer.")
    assert_accessible(page)
