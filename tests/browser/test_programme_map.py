"""The partner map and the coverage of the diagnostic in a real browser, as the coordinator preparing a COPIL:
filter the map on « actives dans un seul axe » and find such a structure, open the coverage and a need without
any fiche, link a fiche to it (the error state of the form too); axe at every impact on each state, reflow."""

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionPartner, Status
from partners.models import Axis, Contact, Organisation, OrganisationType
from programme.models import KeyPartnerType
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, member
from workshops.enums import FindingKind, FindingSource
from workshops.models import Finding

pytestmark = pytest.mark.browser


def structure(name, kind="asso"):
    return Organisation.objects.create(name=name, type=OrganisationType.objects.get(code=kind))


@pytest.fixture
def programme(transactional_db):
    ds, hab = group("DS"), group("HAB")
    college = structure("Collège Guillaume Apollinaire", "education")
    member(ds, Contact.objects.create(organisation=college, first_name="Anne", last_name="Principale"))
    relais = structure("Association Relais")
    member(hab, Contact.objects.create(organisation=relais, first_name="Bob", last_name="Bénévole"))
    draft = sheet(ds, "Cellule de veille")
    ActionPartner.objects.create(sheet=draft, organisation=relais, role="operational")
    submitted = sheet(ds, "Accueil des exclus", status=Status.SUBMITTED)
    KeyPartnerType.objects.create(
        axis=Axis.objects.get(code="HAB"), organisation_type=OrganisationType.objects.get(code="bailleur")
    )

    def need(title, position):
        axis = Axis.objects.get(code="DS")
        return Finding.objects.create(
            axis=axis, kind=FindingKind.NEED, source=FindingSource.PARTNERS, title=title, position=position
        )

    covered, uncovered = need("Repérer les décrocheurs", 1), need("Accueillir les collégiens exclus", 2)
    draft.findings.add(covered)
    return {"draft": draft, "submitted": submitted, "uncovered": uncovered}


def test_coordinator_reads_the_map_and_the_coverage(page, programme):
    log_in(page, make_persona("coordinator"))
    page.goto("/programme/cartographie/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cartographie des partenaires")
    expect(page.locator("section[aria-labelledby=a-traiter]")).to_contain_text("« Bailleur social »")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=(320, 768))  # the header's overflow at 1024 px is engineer H2's fix

    # « Actives dans un seul axe »: the college, a member of DS only (the association is in HAB and partner in DS).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Actives dans un seul axe").check()
    page.get_by_role("button", name="Appliquer").click()
    rows = page.locator("table.partner-map tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("th")).to_have_text("Collège Guillaume Apollinaire")
    expect(rows.first).to_contain_text("Membre du groupe")
    assert_accessible(page, every_impact=True)

    # The coverage: the need without any fiche comes first; the coordinator links the draft to it.
    page.goto("/diagnostic/couverture/")
    first = page.locator("table.align-top tbody tr").first
    expect(first).to_contain_text("Accueillir les collégiens exclus")
    expect(first).to_contain_text("Aucune fiche")
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=(320, 768))
    page.set_viewport_size({"width": 1280, "height": 900})
    first.get_by_role("link", name="Lier des fiches").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accueillir les collégiens exclus")
    assert_accessible(page, every_impact=True)

    # Error state: a fiche submitted since the form was opened cannot be linked; what was ticked stays ticked.
    submitted = programme["submitted"]
    page.evaluate(
        """([pk, label]) => {
            const box = document.querySelector("input[name=sheets]").closest("div").cloneNode(true);
            box.querySelector("input").value = pk;
            box.querySelector("input").id = "id_sheets_extra";
            box.querySelector("label").htmlFor = "id_sheets_extra";
            box.querySelector("label").textContent = label;
            document.querySelector("input[name=sheets]").closest("div").after(box);
        }""",
        [str(submitted.pk), submitted.code],
    )
    page.locator("input[name=sheets]").first.check()
    page.locator("#id_sheets_extra").check()
    page.get_by_role("button", name="Enregistrer les fiches liées").click()
    expect(page.locator("#error-summary")).to_contain_text(f"Vous ne pouvez pas lier la fiche {submitted.code}")
    expect(page.locator("#div_id_sheets")).to_contain_text("Décochez-la pour enregistrer le reste")
    expect(page.locator("input[name=sheets]:checked")).to_have_count(2)
    assert_accessible(page, every_impact=True)
    assert_reflows(page, widths=(320, 768))

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label(f"{submitted.code}", exact=False).uncheck()
    page.get_by_role("button", name="Enregistrer les fiches liées").click()
    expect(page.get_by_role("status").first).to_contain_text("ont été enregistrées")
    assert programme["uncovered"].sheets.get() == programme["draft"]
