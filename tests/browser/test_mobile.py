"""Phones and tablets (issue 14, item 9): a 360 px phone (touch) and a 768 px tablet in portrait open the month
calendar, the fiche editor and the attendance page: no sideways scrolling, the calendar as a list of days on the
phone and as a grid from 768 px, attendance controls of at least 44 × 44 px, the editor's section states and
« Section suivante »; axe clean (every impact). Screenshots go to test-artifacts/mobile/."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from actionsheets.sections import SECTIONS
from tests.actionsheets.factories import sheet
from tests.browser.conftest import CONTEXT_OPTIONS, assert_accessible, log_in
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, local, meeting, member, structure
from workshops import services
from workshops.models import Meeting

pytestmark = pytest.mark.browser

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "mobile"
DEVICES = {
    360: {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True},
    768: {"viewport": {"width": 768, "height": 1024}, "has_touch": True},
}
MONTH = date(2031, 5, 1)
TOUCH = 44


@pytest.fixture(params=sorted(DEVICES), ids=lambda width: f"{width}px")
def device(request, browser, live_url, transactional_db):
    """A page in a phone- or tablet-sized context; JavaScript and CSP errors fail the test (as conftest.page)."""
    context = browser.new_context(base_url=live_url, **CONTEXT_OPTIONS, **DEVICES[request.param])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.width = request.param
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and errors.append(message.text)
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript or CSP errors in the browser: {errors}"


@pytest.fixture
def setting(transactional_db):
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    coordinator = make_persona("coordinator")
    ds, ipj = group("DS"), group("IPJ")
    for first, last, where in [
        ("Claire", "Moreau", "CCAS de Plaisir"),
        ("Karim", "Benali", "Mission locale de SQY et environs"),
        ("Sophie", "Lefèvre-Dubreuil", "Collège Blaise-Pascal"),
        ("Marc", "Durand", "Les Résidences Yvelines Essonne"),
    ]:
        member(ds, contact(first, last, where))
    return {"coordinator": coordinator, "ds": ds, "ipj": ipj}


def no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at {page.width} px wide"


def shoot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{page.width}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path.relative_to(settings.BASE_DIR)}")


def test_calendar_is_a_list_of_days_on_a_phone_and_a_grid_from_768(device, setting):
    ds, ipj = setting["ds"], setting["ipj"]
    for day, hour, title, groups in [
        (5, 9, "Groupe décrochage scolaire : cellule de veille", [ds]),
        (5, 14, "Séance commune DS et IPJ", [ds, ipj]),
        (12, 18, "Insertion professionnelle des jeunes – forum des métiers", [ipj]),
        (21, 10, "Séance reportée", [ds]),
    ]:
        when = MONTH.replace(day=day)
        meeting(*groups, title=title, starts_at=local(when, hour), ends_at=local(when, hour + 2))
    Meeting.objects.filter(title="Séance reportée").update(status=Meeting.Status.CANCELLED)
    log_in(device, setting["coordinator"])
    device.goto(f"/calendrier/?mois={MONTH:%Y-%m}")
    days, grid = device.locator("[data-calendar-days]"), device.locator("table.calendar-month")
    if device.width < 768:
        expect(days).to_be_visible()
        expect(grid).to_be_hidden()
        expect(days.get_by_role("heading", level=3)).to_have_text(["lundi 5 mai", "lundi 12 mai", "mercredi 21 mai"])
        first = days.locator("li").first
        expect(first).to_contain_text("9 h 00 – 11 h 00")
        expect(first).to_contain_text("Groupe décrochage scolaire : cellule de veille")
        expect(first).to_contain_text(ds.name)
        expect(first).to_contain_text("La Mosaïque")
        expect(first).to_contain_text("Prévue")
        expect(days.locator("li").last).to_contain_text("Annulée")
    else:
        expect(grid).to_be_visible()
        expect(days).to_be_hidden()
        expect(grid).to_contain_text("Séance commune DS et IPJ")
    no_sideways_scroll(device)
    assert_accessible(device, every_impact=True)
    shoot(device, "calendar")


def test_editor_section_states_next_section_and_fit(device, setting):
    pilot = contact("Claire", "Pilote", "CCAS de Plaisir")
    item = sheet(
        setting["ds"],
        "Cellule de veille partenariale contre le décrochage scolaire",
        pilot=pilot,
        lead_organisation=pilot.organisation,
        context="Des jeunes quittent le collège sans solution.",
        general_objective="Repérer plus tôt les jeunes qui décrochent.",
        description="Réunir chaque mois le collège, la Mission locale et le CCAS.",
    )
    structure("Mission locale de SQY")
    log_in(device, setting["coordinator"])
    device.goto(f"/fiches/{item.pk}/sections/contexte/")
    no_sideways_scroll(device)
    menu = device.locator("[data-sections-menu]:visible")
    expect(menu).to_have_count(1)
    if device.width < 992:  # collapsed above the form on phones and tablets
        menu.locator("summary").click()
    entries = menu.get_by_role("listitem")
    expect(entries.filter(has_text="Constat et objectif général")).to_contain_text("remplie")
    expect(entries.filter(has_text="Objectifs opérationnels")).to_contain_text("champ obligatoire manquant")
    expect(entries.filter(has_text="Moyens humains")).to_contain_text("vide")
    expect(entries.filter(has_text="Identification")).to_contain_text("remplie")
    form = device.locator("#section-form")
    for field in form.locator("textarea:visible, select:visible, input[type=text]:visible").all():
        field_box, form_box = field.bounding_box(), form.bounding_box()
        assert field_box["width"] >= 0.9 * form_box["width"], (field_box, form_box)
    assert_accessible(device, every_impact=True)
    shoot(device, "editor")

    following = device.get_by_role("link", name=re.compile("^Section suivante"))
    following.scroll_into_view_if_needed()
    box = following.bounding_box()
    assert box["height"] >= TOUCH
    following.focus()
    device.keyboard.press("Enter")
    device.wait_for_url(re.compile(r"/sections/objectifs/"))
    expect(device.get_by_role("heading", level=1)).to_be_focused()
    expect(device.get_by_role("heading", level=1)).to_contain_text("Objectifs opérationnels")
    no_sideways_scroll(device)

    for section in SECTIONS:  # each section, its rows and money fields included, fits the screen
        device.goto(f"/fiches/{item.pk}/sections/{section.slug}/")
        no_sideways_scroll(device)
        buttons = device.locator("#section-form").locator("button:visible, a.btn:visible").all()
        assert all(button.bounding_box()["height"] >= TOUCH for button in buttons), section.slug
    device.goto(f"/fiches/{item.pk}/sections/budget/")
    assert_accessible(device, every_impact=True)
    shoot(device, "editor-budget")


def test_attendance_has_large_touch_targets_and_fits(device, setting):
    session = meeting(setting["ds"], title="Groupe décrochage scolaire : cellule de veille", days=3)
    services.send_invitations(by=setting["coordinator"], meeting=session, notify=False)
    log_in(device, setting["coordinator"])
    device.goto(f"/seances/{session.pk}/presences/")
    no_sideways_scroll(device)
    form = device.locator("main form")
    controls = form.locator("label.btn, input.form-control, button, a.btn").all()
    assert len(controls) >= 4 * 4 + 4 + 1  # four choices, one field per invitee, and the save button
    small = []
    for control in controls:
        box = control.bounding_box()
        if box["width"] < TOUCH or box["height"] < TOUCH:
            small.append((control.text_content() or control.get_attribute("id"), box))
    assert small == []
    print(f"{device.width} px: {len(controls)} controls, all at least {TOUCH} × {TOUCH} px")

    row = device.get_by_role("group", name="Présence de Karim Benali")
    row.get_by_role("radio", name="Présent ou présente").tap()
    expect(row.get_by_role("radio", name="Présent ou présente")).to_be_checked()
    device.get_by_role("group", name="Présence de Marc Durand").get_by_label("Représenté ou représentée").check()
    device.get_by_role("button", name="Enregistrer l'émargement").click()  # represented by nobody: refused
    expect(device.locator("#error-summary")).to_contain_text("Marc Durand")
    expect(row.get_by_label("Présent ou présente")).to_be_checked()  # what was chosen is kept
    no_sideways_scroll(device)
    assert_accessible(device, every_impact=True)
    device.get_by_label("Représenté ou représentée par (pour Marc Durand)").fill("Julie Martin")
    assert_accessible(device, every_impact=True)
    shoot(device, "attendance")
    device.get_by_role("button", name="Enregistrer l'émargement").click()
    expect(device.locator(".alert-success")).to_contain_text("Émargement enregistré (2 changements)")
    no_sideways_scroll(device)
    assert_accessible(device, every_impact=True)
