"""The section editor in a real browser: rows added in place (htmx), a row marked for deletion, Enter saves,
the error state, the autosaved draft restored, the conflict page, and every section; axe on each state."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from actionsheets import services
from actionsheets.models import ActionSheet, Indicator, Measurement, SectionDraft, Status
from actionsheets.sections import SECTIONS
from partners.models import Neighbourhood
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_pickers import pick
from tests.conftest import make_persona
from tests.workshops.factories import group, member, structure
from workshops.models import CoordinationObstacle, Finding, MembershipRole, ObstacleCategory

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db):
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    ds = group("DS")
    facilitator = make_persona("partner")
    member(ds, facilitator.contact, MembershipRole.FACILITATOR)
    for name in ("CCAS de Plaisir", "Mission locale de SQY", "Collège Blaise-Pascal"):
        structure(name)
    return {"facilitator": facilitator, "sheet": sheet(ds, "Cellule de veille partenariale", by=facilitator)}


def section(item, slug):
    return f"/fiches/{item.pk}/sections/{slug}/"


def row(page, name):
    return page.get_by_role("group", name=name, exact=True)


def save(page):
    page.locator("#section-form .sticky-md-bottom").get_by_role("button", name="Enregistrer la section").click()


def test_partners_and_budget_lines_added_in_place_then_saved(page, setting):
    item = setting["sheet"]
    log_in(page, setting["facilitator"])
    page.goto(section(item, "partenaires"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier « Partenaires associés » – fiche " + item.code)
    assert_accessible(page)

    page.evaluate("window.sameDocument = true")
    pick(row(page, "Partenaire n° 1"), "Structure", "CCAS de Plaisir", "CCAS de Plaisir")
    row(page, "Partenaire n° 1").get_by_label("Rôle").select_option(label="Co-pilote")
    add = page.get_by_role("button", name="Ajouter une ligne : partenaires associés")
    add.click()
    expect(row(page, "Partenaire n° 2").get_by_label("Structure")).to_be_focused()
    pick(row(page, "Partenaire n° 2"), "Structure", "Mission locale de SQY", "Mission locale de SQY")
    row(page, "Partenaire n° 2").get_by_label("Rôle").select_option(label="Partenaire opérationnel")
    add.click()
    expect(row(page, "Partenaire n° 3").get_by_label("Structure")).to_be_focused()
    pick(row(page, "Partenaire n° 3"), "Structure", "Collège Blaise-Pascal", "Collège Blaise-Pascal")
    row(page, "Partenaire n° 3").get_by_label("Rôle").select_option(label="Relais, orientation des publics")
    assert page.evaluate("window.sameDocument") is True  # added in place, no reload
    expect(page.locator("#id_partners-TOTAL_FORMS")).to_have_value("3")
    assert_accessible(page)
    # Enter in a field saves the section (it never adds a row).
    row(page, "Partenaire n° 3").get_by_label("Contribution").fill("Repérage des élèves absents")
    row(page, "Partenaire n° 3").get_by_label("Contribution").press("Enter")
    expect(
        page.get_by_role("status").filter(has_text="La section « Partenaires associés » est enregistrée.")
    ).to_be_visible()
    partners = sorted((p.organisation.name, p.role, p.contribution) for p in item.partners.all())
    assert partners == [
        ("CCAS de Plaisir", "co_pilot", ""),
        ("Collège Blaise-Pascal", "relay", "Repérage des élèves absents"),
        ("Mission locale de SQY", "operational", ""),
    ]

    # « Supprimer » hides the row's fields until it is unticked; the row goes at save time.
    row(page, "Partenaire n° 2").get_by_label("Supprimer").check()
    expect(row(page, "Partenaire n° 2").get_by_label("Structure")).to_be_hidden()
    expect(row(page, "Partenaire n° 2")).to_contain_text("Cette ligne sera supprimée à l'enregistrement")
    save(page)
    expect(page.locator(".alert-success")).to_be_visible()
    assert sorted(p.organisation.name for p in item.partners.all()) == ["CCAS de Plaisir", "Collège Blaise-Pascal"]

    # A budget line typed in the empty row, a second one added in place, and a funding line.
    page.goto(section(item, "budget"))
    line = row(page, "Ligne de budget n° 1")
    line.get_by_label("Année").fill("2016")
    line.get_by_label("Poste de dépense").fill("Vacations de psychologue")
    line.get_by_label("Prévu").fill("12 500,50")
    page.get_by_role("button", name="Ajouter une ligne : budget prévisionnel et réalisé").click()
    second = row(page, "Ligne de budget n° 2")
    expect(second.get_by_label("Année")).to_be_focused()
    second.get_by_label("Année").fill("2016")
    second.get_by_label("Nature").select_option(label="Investissement")
    second.get_by_label("Poste de dépense").fill("Ordinateur portable")
    second.get_by_label("Prévu").fill("800")
    funding = row(page, "Financement n° 1")
    funding.get_by_label("Financeur").select_option(label="CAF")
    funding.get_by_label("Année").fill("2016")
    funding.get_by_label("Montant").fill("6000")
    assert_accessible(page)
    save(page)
    expect(page.locator(".alert-success")).to_contain_text("Budget et plan de financement")
    assert sorted((b.label, b.planned, b.kind) for b in item.budget_lines.all()) == [
        ("Ordinateur portable", Decimal("800.00"), "investment"),
        ("Vacations de psychologue", Decimal("12500.50"), "operating"),
    ]
    assert [(f.funder.label, f.amount) for f in item.funding_lines.all()] == [("CAF", Decimal("6000.00"))]


def test_error_state_draft_and_conflict(page, setting):
    item = setting["sheet"]
    log_in(page, setting["facilitator"])

    # The error state: French messages next to the fields and in the summary, everything typed kept.
    page.goto(section(item, "calendrier"))
    page.get_by_label("Date de début").fill("2016-06-30")
    page.get_by_label("Date de fin prévue").fill("2015-09-01")
    row(page, "Étape n° 1").get_by_role("textbox", name="Étape").fill("Première cellule de veille")
    save(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("1 erreur empêche l'enregistrement")
    expect(summary).to_contain_text("La date de fin doit être après la date de début.")
    expect(page.get_by_label("Date de fin prévue")).to_have_attribute("aria-invalid", "true")
    expect(row(page, "Étape n° 1").get_by_role("textbox", name="Étape")).to_have_value("Première cellule de veille")
    assert_accessible(page)
    assert not item.milestones.exists()

    # Autosave while typing; the draft comes back when the section is reopened.
    page.goto(section(item, "contexte"))
    page.get_by_label("Constat et contexte").fill("Les décrocheurs sont repérés trop tard.")
    expect(page.locator("#autosave-status")).to_have_text(re.compile(r"Brouillon enregistré à \d+ h \d\d"))
    assert SectionDraft.objects.get(sheet=item, section="contexte").data["context"] == [
        "Les décrocheurs sont repérés trop tard."
    ]
    page.reload()
    expect(page.locator("#draft-notice")).to_contain_text("Brouillon non enregistré restauré du")
    expect(page.get_by_label("Constat et contexte")).to_have_value("Les décrocheurs sont repérés trop tard.")
    assert_accessible(page)

    # Somebody else saves the same section meanwhile: the conflict page shows both versions, keeps my text.
    coordinator = make_persona("coordinator")
    services.save_section(
        by=coordinator,
        sheet=item,
        section="contexte",
        base_version=0,
        apply=lambda current: setattr(current, "context", "Texte de l'équipe projet."),
    )
    page.get_by_label("Constat et contexte").fill("Les décrocheurs sont repérés trop tard, au collège.")
    save(page)
    expect(page.locator("#conflict")).to_be_focused()
    current = page.locator("section[aria-labelledby=current-version-title]")
    expect(current).to_contain_text(f"Version enregistrée par {coordinator.get_full_name()} le")
    expect(current).to_contain_text("Texte de l'équipe projet.")
    expect(page.get_by_role("heading", name="Votre saisie")).to_be_visible()
    expect(page.get_by_label("Constat et contexte")).to_have_value(
        "Les décrocheurs sont repérés trop tard, au collège."
    )
    assert_accessible(page)
    assert ActionSheet.objects.get(pk=item.pk).context == "Texte de l'équipe projet."

    # Saving again, knowingly, applies my text.
    save(page)
    expect(page.locator(".alert-success")).to_contain_text("Constat et objectif général")
    assert ActionSheet.objects.get(pk=item.pk).context == "Les décrocheurs sont repérés trop tard, au collège."
    assert not SectionDraft.objects.filter(sheet=item, section="contexte").exists()


def test_every_section_passes_axe_with_content(page, setting):
    item = setting["sheet"]
    Finding.objects.create(axis=item.axis, kind="need", source="interviews", title="Décrocheurs repérés tard")
    CoordinationObstacle.objects.create(category=ObstacleCategory.SILOS, title="Informations cloisonnées")
    Neighbourhood.objects.create(name="Le Valibout", is_qpv=True)
    item.attachments.create(title="Compte rendu", file=SimpleUploadedFile("cr.pdf", b"%PDF-1.4"), size=8)
    log_in(page, setting["facilitator"])
    for entry in SECTIONS:
        page.goto(section(item, entry.slug))
        expect(page.get_by_role("heading", level=1)).to_contain_text(entry.title)
        assert_accessible(page)

    validated = sheet(group("DS"), "Permanences d'accès aux droits", status=Status.VALIDATED)
    indicator = Indicator.objects.create(sheet=validated, label="Personnes reçues", unit="personnes", target=120)
    Measurement.objects.create(indicator=indicator, year=2016, value=84)
    page.goto(section(validated, "evaluation"))
    expect(page.get_by_role("group", name="Indicateur n° 1")).to_contain_text("2016 : 84,00 personnes")
    assert_accessible(page)
