"""The life of a fiche action in a real browser, with several people: two partners co-write it, edit the same
section at once (conflict, nothing lost), submit; the group's animateur sends it back with a comment; they
revise and resubmit; the animateur forwards it; a coordinator records the COPIL validation with its date; the
pilot starts it and enters an indicator value; the history shows each version and a diff."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionSheet, Measurement, Status
from partners.models import Commune
from tests.browser.conftest import assert_accessible, log_in, new_context
from tests.browser.test_pickers import pick
from tests.conftest import make_persona
from tests.partners.factories import UserFactory
from tests.workshops.factories import contact, group, member, structure
from workshops.models import MembershipRole

pytestmark = pytest.mark.browser


def partner_in(ds, email, first, last, organisation, role=MembershipRole.MEMBER):
    user = UserFactory(email=email, first_name=first, last_name=last)
    person = contact(first, last, organisation, email=email)
    person.user = user
    person.save()
    member(ds, person, role)
    return user


@pytest.fixture
def people(transactional_db):
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    ds = group("DS")
    for name in ("Mission locale de SQY", "Collège Blaise-Pascal"):
        structure(name)
    return {
        "ines": partner_in(ds, "ines@example.org", "Inès", "Moreau", "Programme de réussite éducative"),
        "karim": partner_in(ds, "karim@example.org", "Karim", "Benali", "Club de prévention"),
        "anna": partner_in(
            ds, "anna@example.org", "Anna", "Animatrice", "Ville de Plaisir", MembershipRole.FACILITATOR
        ),
        "coordinator": make_persona("coordinator"),
    }


@pytest.fixture
def open_as(browser, live_url):
    """open_as(user) -> a logged-in page in its own browser context (closed at the end of the test)."""
    contexts = []

    def opener(user):
        context = new_context(browser, live_url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, user)
        return page

    yield opener
    for context in contexts:
        context.close()


def save(page):
    page.locator("#section-form .sticky-md-bottom").get_by_role("button", name="Enregistrer la section").click()


def row(page, name):
    return page.get_by_role("group", name=name, exact=True)


def move(page, sheet, label, **fields):
    page.goto(sheet.get_absolute_url())
    page.get_by_role("link", name=label).click()
    for field, value in fields.items():
        page.get_by_label(field).fill(value)
    page.get_by_role("button", name=label).click()
    expect(page.locator(".alert-success")).to_be_visible()


def test_two_partners_co_write_then_review_copil_and_follow_up(page, people, open_as):
    # Inès starts the sheet and invites Karim as co-author.
    ines = page
    log_in(ines, people["ines"])
    ines.goto("/fiches/nouvelle/")
    pick(ines, "Groupe de travail", "decrochage", "Groupe Décrochage scolaire")  # a picker (issue 14)
    ines.get_by_label("Intitulé de l'action").fill("Cellule de veille collège, PRE et Mission locale")
    ines.get_by_role("button", name="Créer la fiche").click()
    expect(ines.get_by_role("heading", level=1)).to_have_text(
        "DS-01 – Cellule de veille collège, PRE et Mission locale"
    )
    sheet = ActionSheet.objects.get()
    ines.get_by_role("link", name="Choisir les co-auteurs").click()
    ines.get_by_label("BENALI Karim – Club de prévention").check()
    ines.get_by_role("button", name="Enregistrer").click()
    expect(ines.locator("main")).to_contain_text("Karim Benali (Club de prévention)")

    # Inès: the pilot, two partner organisations and a budget line.
    ines.goto(f"/fiches/{sheet.pk}/sections/identification/")
    pick(ines, "Pilote", "moreau", "MOREAU Inès – Programme de réussite éducative")
    save(ines)
    ines.goto(f"/fiches/{sheet.pk}/sections/partenaires/")
    pick(row(ines, "Partenaire n° 1"), "Structure", "Mission locale de SQY", "Mission locale de SQY")
    row(ines, "Partenaire n° 1").get_by_label("Rôle").select_option(label="Co-pilote")
    ines.get_by_role("button", name="Ajouter une ligne : partenaires associés").click()
    pick(row(ines, "Partenaire n° 2"), "Structure", "Collège Blaise-Pascal", "Collège Blaise-Pascal")
    row(ines, "Partenaire n° 2").get_by_label("Rôle").select_option(label="Relais, orientation des publics")
    save(ines)
    expect(ines.locator(".alert-success")).to_contain_text("Partenaires associés")
    ines.goto(f"/fiches/{sheet.pk}/sections/budget/")
    line = row(ines, "Ligne de budget n° 1")
    line.get_by_label("Année").fill("2016")
    line.get_by_label("Poste de dépense").fill("Vacations de psychologue")
    line.get_by_label("Prévu").fill("3 200")
    save(ines)
    expect(ines.locator(".alert-success")).to_contain_text("Budget et plan de financement")

    # Karim writes the objectives while Inès has the same section open: Karim saves first.
    karim = open_as(people["karim"])
    karim.goto(f"/fiches/{sheet.pk}/sections/objectifs/")
    ines.goto(f"/fiches/{sheet.pk}/sections/objectifs/")
    karim.get_by_label("Objectifs opérationnels").fill("Repérer chaque élève absent plus de 4 demi-journées.")
    save(karim)
    expect(karim.locator(".alert-success")).to_contain_text("Objectifs opérationnels")
    ines.get_by_label("Résultats attendus").fill("Moins de sorties sans solution.")
    save(ines)
    expect(ines.locator("#conflict")).to_be_visible()
    expect(ines.locator("section[aria-labelledby=current-version-title]")).to_contain_text(
        "Repérer chaque élève absent plus de 4 demi-journées."
    )
    expect(ines.get_by_label("Résultats attendus")).to_have_value("Moins de sorties sans solution.")  # kept
    assert_accessible(ines)
    # Inès merges: Karim's objectives and her results.
    ines.get_by_label("Objectifs opérationnels").fill("Repérer chaque élève absent plus de 4 demi-journées.")
    save(ines)
    expect(ines.locator(".alert-success")).to_be_visible()
    sheet.refresh_from_db()
    assert sheet.operational_objectives == "Repérer chaque élève absent plus de 4 demi-journées."
    assert sheet.expected_results == "Moins de sorties sans solution."
    assert sheet.partners.count() == 2 and sheet.budget_lines.get().planned == Decimal("3200")

    move(ines, sheet, "Soumettre à l'animation du groupe")

    # The animateur sends it back with a comment.
    anna = open_as(people["anna"])
    move(anna, sheet, "Renvoyer pour être retravaillée", Commentaire="Chiffrez le nombre d'élèves suivis.")
    expect(anna.locator("#sheet-status")).to_contain_text("À retravailler")

    # They revise and resubmit.
    karim.goto(sheet.get_absolute_url())
    expect(karim.locator("main")).to_contain_text("Chiffrez le nombre d'élèves suivis.")
    karim.goto(f"/fiches/{sheet.pk}/sections/objectifs/")
    karim.get_by_label("Objectifs opérationnels").fill(
        "Repérer chaque élève absent plus de 4 demi-journées ; suivre 40 élèves par an."
    )
    save(karim)
    move(karim, sheet, "Soumettre à l'animation du groupe")
    move(anna, sheet, "Transmettre au COPIL")

    # A coordinator records the COPIL validation with its date.
    coordinator = open_as(people["coordinator"])
    coordinator.goto(sheet.get_absolute_url())
    coordinator.get_by_role("link", name="Enregistrer la validation du COPIL").click()
    assert_accessible(coordinator)
    coordinator.get_by_label("Date du COPIL").fill("2015-10-08")
    coordinator.get_by_role("button", name="Enregistrer la validation du COPIL").click()
    expect(coordinator.locator("#sheet-status")).to_contain_text("Validée – décision du COPIL du 08/10/2015")

    # The pilot starts it and enters an indicator value.
    move(ines, sheet, "Démarrer (en cours)")
    ines.goto(f"/fiches/{sheet.pk}/sections/evaluation/")
    indicator = row(ines, "Indicateur n° 1")
    indicator.get_by_role("textbox", name=re.compile(r"^Indicateur")).fill("Élèves suivis par la cellule")
    indicator.get_by_label("Valeur cible").fill("40")
    save(ines)
    ines.goto(f"/fiches/{sheet.pk}/sections/evaluation/")
    indicator = row(ines, "Indicateur n° 1")
    indicator.get_by_label("Année de la mesure").fill("2016")
    indicator.get_by_label("Valeur constatée").fill("27")
    save(ines)
    expect(ines.locator(".alert-success")).to_be_visible()
    assert Measurement.objects.get().value == Decimal("27")
    sheet.refresh_from_db()
    assert sheet.status == Status.IN_PROGRESS
    assert list(sheet.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "to_revise",
        "submitted",
        "forwarded",
        "validated",
        "in_progress",
    ]

    # The history shows each version, and a diff of the objectives.
    ines.goto(f"/fiches/{sheet.pk}/historique/")
    assert_accessible(ines)
    versions = sheet.versions.order_by("number")
    assert versions.count() >= 8
    first_objectives = next(v for v in versions if v.section == "objectifs").number
    ines.goto(f"/fiches/{sheet.pk}/historique/comparer/?de={first_objectives}&a={versions.last().number}")
    expect(ines.locator("main")).to_contain_text("suivre 40 élèves par an")
    expect(ines.locator("main ins").first).to_be_visible()
    assert_accessible(ines)
