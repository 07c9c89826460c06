"""« Mes actions » on « Mon espace » and the follow-up preferences of « Mon profil » in a browser: axe finds no
violation of any impact, the error state included, and the pages reflow at 320 px."""

import datetime

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionSheet, Indicator, Milestone, Status
from partners.models import Commune, User
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.partners.factories import UserFactory
from tests.workshops.factories import contact, group

pytestmark = pytest.mark.browser


@pytest.fixture
def pilot(transactional_db):
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    user = UserFactory(email="pia.pilote@example.org", first_name="Pia", last_name="Pilote")
    pia = contact("Pia", "Pilote", user=user)
    item = sheet(group("DS"), "Cellule de veille", status=Status.IN_PROGRESS, pilot=pia)
    ActionSheet.objects.filter(pk=item.pk).update(start_date=datetime.date(2025, 3, 1))
    Milestone.objects.create(sheet=item, label="Premier comité", due_on=datetime.date(2026, 1, 27))
    Indicator.objects.create(sheet=item, label="Jeunes accompagnés")
    return user


def test_my_actions_and_the_preferences_are_accessible(page, pilot):
    log_in(page, pilot)
    actions = page.get_by_role("region", name="Mes actions")
    expect(actions).to_contain_text("Cellule de veille")
    expect(actions).to_contain_text("en retard")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.goto("/mon-profil/")
    # The radios always hold an answer; a request without one (a tampered form) shows the error state.
    page.evaluate("document.querySelectorAll('input[name=follow_up_reminders]').forEach(i => i.checked = false)")
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.locator("#error-summary")).to_contain_text("rappels de suivi")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.get_by_role("group", name="Recevoir les rappels de suivi").get_by_label("Non").check()
    page.get_by_role("group", name="Recevoir la lettre hebdomadaire").get_by_label("Oui").check()
    page.get_by_role("button", name="Enregistrer mes préférences").click()
    expect(page.get_by_role("status")).to_contain_text("Vos préférences de suivi ont été enregistrées.")
    pilot = User.objects.get(pk=pilot.pk)
    assert (pilot.follow_up_reminders, pilot.weekly_digest) == (False, True)
