"""The coordinator records the COPIL's decisions in a real browser, on the decisions page of the COPIL (the same
form as on the dossier page): one « à retravailler » sent without its comment comes back with the error next
to the field and every choice kept; with the comment, the three decisions are recorded and listed. axe: no
violation of any impact on the form, its error state and the recorded decisions; no sideways scroll."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actionsheets.models import Status
from programme.models import CopilDecision, CopilDossier
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import meeting
from workshops.models import Meeting, Minutes

pytestmark = pytest.mark.browser

WIDTHS = (320, 768)


def test_the_coordinator_records_the_copil_decisions(page):
    sheets = [
        sheet(title=title, status=Status.FORWARDED)
        for title in ("Cellule de veille", "Accueil des exclus", "Forum emploi")
    ]
    copil = meeting(kind=Meeting.Kind.COPIL, title="COPIL de novembre", days=-1)
    CopilDossier.objects.create(meeting=copil).sheets.set(sheets)
    log_in(page, make_persona("coordinator"))

    page.goto(reverse("programme:copil_decisions", kwargs={"pk": copil.pk}))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Décisions du COPIL")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)

    valid, rework, later = sheets
    page.get_by_role("group", name=f"Décision sur la fiche {valid.code}").get_by_label("Validée").check()
    page.get_by_role("group", name=f"Décision sur la fiche {rework.code}").get_by_label("À retravailler").check()
    page.get_by_role("group", name=f"Décision sur la fiche {later.code}").get_by_label("Ajournée").check()
    page.get_by_label(f"Commentaire aux auteurs de la fiche {later.code}").fill("Budget à consolider")
    page.get_by_role("button", name="Enregistrer les décisions").click()

    comment = page.get_by_label(f"Commentaire aux auteurs de la fiche {rework.code}")
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(page.locator(f"#div_id_commentaire_{rework.pk}")).to_contain_text("Écrivez aux auteurs")
    expect(page.locator("#error-summary")).to_contain_text("1 erreur empêche l'enregistrement")
    group = page.get_by_role("group", name=f"Décision sur la fiche {valid.code}")
    expect(group.get_by_label("Validée")).to_be_checked()
    expect(page.get_by_label(f"Commentaire aux auteurs de la fiche {later.code}")).to_have_value("Budget à consolider")
    assert not CopilDecision.objects.exists()
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)

    expect(page.locator("#error-summary a")).to_have_attribute("href", f"#id_commentaire_{rework.pk}")
    comment.fill("Chiffrer les objectifs.")
    page.get_by_role("button", name="Enregistrer les décisions").click()
    page.wait_for_url(f"**/programme/copil/{copil.pk}/#decisions")  # the dossier page (another engineer's)
    assert CopilDecision.objects.count() == 3
    assert Minutes.objects.of(copil).decisions.count() == 3

    page.goto(reverse("programme:copil_decisions", kwargs={"pk": copil.pk}))
    table = page.locator("#decisions table")
    expect(table).to_contain_text("À retravailler")
    expect(table).to_contain_text("Chiffrer les objectifs.")
    expect(page.locator("#decisions form")).to_have_count(0)
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=WIDTHS)
