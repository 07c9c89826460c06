"""RGAA 10.11 (reflow) on the whole portal: every page of the project, with its fullest demo object, at 320, 1,024,
1,280 and 1,366 px wide, as the coordinator and as a partner of the Plaisir demo, never scrolls sideways, and the
account button stays on screen. One browser context per persona × width, the pages loaded in turn; every failure
is collected and reported at once. axe runs on the header alone (menu open), in a small test of its own.
"""

from collections import Counter

import pytest
from django.db.models import Count
from django.db.models.functions import Length
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in, new_context
from tests.test_pages import NOT_HTML
from tests.test_permissions import MATRIX, named_urls

WIDTHS = (320, 1024, 1280, 1366)
PERSONAS = {"coordinator": "coordination.demo@example.org", "partner": "partenaire.demo@example.org"}
# Pages no HTML walk of a persona reaches: Django's admin (its own walk, issue 14 item 5) and the pages answered
# by GET only with a redirect or 405 (POST-only actions) — read from the permission matrix.
GET_PAGES = {name for name, _, method, _, expected in MATRIX if method == "get" and 200 in expected.values()}


def page_names():
    return sorted(
        name for name in named_urls() if name in GET_PAGES and name not in NOT_HTML and not name.startswith("admin:")
    )


# The fullest demo object for each kind of address, among those the user may open (`user` is the persona).


def fullest_meeting(user):
    from workshops.models import Meeting

    return Meeting.objects.visible_to(user).annotate(n=Count("invitations")).order_by("-n", "pk").first()


def fullest_group(user):
    from workshops.models import WorkingGroup

    return WorkingGroup.objects.annotate(n=Count("memberships")).order_by("-n", "pk").first()


def fullest_sheet(user, allowed=lambda sheet: True):
    """The fiche with the most rows in its repeated sections and versions, among those `user` opens (and
    `allowed` lets through: the co-authors' page and the editor need a fiche this user may change)."""
    from actionsheets.models import ActionSheet

    counts = {
        f"n_{name}": Count(name, distinct=True)
        for name in ("partners", "budget_lines", "funding_lines", "milestones", "indicators", "versions")
    }
    rows = [sheet for sheet in ActionSheet.objects.visible_to(user).annotate(**counts) if allowed(sheet)]
    return max(rows, key=lambda sheet: (sum(getattr(sheet, key) for key in counts), -sheet.pk), default=None)


def sheet_with_authors(user):
    from actionsheets.permissions import can_manage_authors

    return fullest_sheet(user, lambda sheet: can_manage_authors(user, sheet))


def fullest_organisation(user):
    from partners.models import Organisation

    return Organisation.objects.filter(is_active=True).annotate(n=Count("contacts")).order_by("-n", "pk").first()


def fullest_contact(user):
    from partners.models import Contact

    return (
        Contact.objects.filter(is_active=True)
        .annotate(n=Count("invitations"), long=Length("email"))
        .order_by("-n", "-long", "pk")
        .first()
    )


def fullest_finding(user):
    from workshops.models import Finding

    return Finding.objects.annotate(n=Count("sheets"), long=Length("text")).order_by("-n", "-long", "pk").first()


def fullest_obstacle(user):
    from workshops.models import CoordinationObstacle

    return CoordinationObstacle.objects.annotate(n=Count("sheets")).order_by("-n", "pk").first()


def demo_account(user):
    from partners.models import User

    return User.objects.get(email=PERSONAS["partner"])


def copil(user):
    from programme.models import CopilDossier

    return CopilDossier.objects.filter(closed_at=None).first().meeting


def own_build(user):
    from background.models import DocumentBuild

    return DocumentBuild.objects.filter(requested_by=user).first()


def public_sheet(user):
    from actionsheets.models import ActionSheet

    return ActionSheet.objects.public().first()


def model(name):
    def chooser(user):
        from django.apps import apps

        return apps.get_model(name).objects.order_by("pk").first()

    return chooser


# The object behind `pk`, by the start of the URL name (the first that matches).
PK_CHOOSERS = [
    ("accounts:account_", demo_account),
    ("accounts:contact_", fullest_contact),
    ("actionsheets:sheet_authors", sheet_with_authors),
    ("actionsheets:", fullest_sheet),
    ("background:document_build", own_build),
    ("partners:contact_create", fullest_organisation),
    ("partners:organisation_", fullest_organisation),
    ("partners:contact_", fullest_contact),
    ("partners:import_", model("partners.ImportBatch")),
    ("programme:copil_", copil),
    ("programme:finding_sheets", fullest_finding),
    ("programme:snapshot_detail", model("programme.ProgrammeSnapshot")),
    ("public:action_detail", public_sheet),
    ("workshops:finding_", fullest_finding),
    ("workshops:obstacle_", fullest_obstacle),
    ("workshops:group_", fullest_group),
    ("workshops:member_add", fullest_group),
    ("workshops:", fullest_meeting),
]


def other_kwargs(name, user):
    """The URL's other parts: an axis code, a section of the editor, two structures to merge, links."""
    from partners.models import Axis, Organisation
    from workshops.models import Invitation, Membership
    from workshops.tokens import make_token

    if name == "programme:axis_detail":
        return {"code": Axis.objects.annotate(n=Count("sheets")).order_by("-n").first().code}
    if name == "actionsheets:section_edit":  # the budget of the fullest fiche this user may edit, else any section
        from actionsheets.permissions import can_edit_section
        from actionsheets.sections import SECTIONS

        for section in sorted(SECTIONS, key=lambda section: section.slug != "budget"):
            if sheet := fullest_sheet(user, lambda sheet, slug=section.slug: can_edit_section(user, sheet, slug)):
                return {"pk": sheet.pk, "slug": section.slug}
        return {"pk": fullest_sheet(user).pk, "slug": "budget"}
    if name == "partners:merge":
        first, second = Organisation.objects.filter(is_active=True).order_by("pk")[:2]
        return {"keep": first.pk, "remove": second.pk}
    if name == "actionsheets:sheet_move":  # the confirmation page of the fullest fiche this user may move
        from actionsheets.models import ActionSheet
        from actionsheets.permissions import allowed_moves

        for sheet in sorted(ActionSheet.objects.visible_to(user), key=lambda sheet: -sheet.versions.count()):
            if moves := allowed_moves(user, sheet):
                return {"pk": sheet.pk, "action": moves[0].action}
        raise LookupError(f"no fiche {user.email} may move")
    if name == "workshops:member_edit":
        return {"pk": Membership.objects.filter(group=fullest_group(user)).order_by("pk").first().pk}
    if name == "workshops:rsvp":
        latest = Invitation.objects.exclude(meeting__status="cancelled").order_by("-meeting__starts_at", "pk")
        return {"token": make_token(latest.first())}
    if name == "help_topic":  # the longest help page
        from solidarites.help import TOPICS

        return {"slug": max(TOPICS, key=lambda topic: len(topic.summary)).slug}
    if name == "accounts:set_password":
        return {"uidb64": "MQ", "token": "jeton-invalide"}
    return None


def url_for(name, user):
    """The address of `name` with its fullest demo object, or an error naming what is missing."""
    kwargs = other_kwargs(name, user)
    if kwargs is not None:
        return reverse(name, kwargs=kwargs)
    try:
        return reverse(name)
    except NoReverseMatch:  # a pk: the fullest object of its kind (any other part needs a line in other_kwargs)
        chooser = next((choose for prefix, choose in PK_CHOOSERS if name.startswith(prefix)), None)
        chosen = chooser(user) if chooser else None
        if chosen is None:
            raise LookupError(f"no demo object for {name}") from None
        return reverse(name, kwargs={"pk": chosen.pk})


def complete_the_demo():
    """What the demo does not make but some pages show: an open COPIL dossier, a closed one (its snapshot), a
    document built for each persona, an import waiting for its preview. Made through the services where
    there is one."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from actionsheets.models import ActionSheet, Status
    from background.models import DocumentBuild, StoredDocument
    from partners.models import ImportBatch, User
    from partners.samples import SAMPLE_PATH
    from programme.models import CopilDossier
    from programme.snapshots import close_copil
    from tests.workshops.factories import meeting
    from workshops.models import Meeting

    demo_copil = Meeting.objects.filter(kind=Meeting.Kind.COPIL).order_by("starts_at").last()
    dossier = CopilDossier.objects.create(meeting=demo_copil)
    dossier.sheets.set(ActionSheet.objects.filter(status__in=[Status.FORWARDED, Status.VALIDATED]))
    closed = CopilDossier.objects.create(meeting=meeting(days=-200, title="COPIL de l'an passé", kind="copil"))
    closed.sheets.set(ActionSheet.objects.all())
    close_copil(by=None, dossier=closed)
    coordinator = User.objects.get(email=PERSONAS["coordinator"])
    ImportBatch.objects.create(
        created_by=coordinator,
        file_name=SAMPLE_PATH.name,
        content=SAMPLE_PATH.read_bytes(),
        mapping={"name": 0, "type": 2},
    )
    for index, email in enumerate(PERSONAS.values()):
        stored = StoredDocument(
            digest=str(index) * 64, filename="plan-d-actions.pdf", size=9, expires_at=timezone.now()
        )
        stored.file.save("plan-d-actions.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        stored.save()
        DocumentBuild.objects.create(
            kind="plan",
            key=str(index) * 64,
            requested_by=User.objects.get(email=email),
            status=DocumentBuild.Status.READY,
            progress=100,
            document=stored,
        )


@pytest.fixture
def demo(transactional_db):
    """The full Plaisir demo (as `manage.py load_demo`), committed so the live server sees it; the test's
    transactional_db empties the database afterwards."""
    from solidarites.demo import actionsheets, partners, programme, workshops

    partners.load_partners()
    workshops.load_workshops()
    actionsheets.load_actionsheets()
    actionsheets.load_overlap_examples()
    programme.load_key_partner_types()
    complete_the_demo()


OVERFLOW = """() => {
  const account = document.querySelector('.portal-account-button');
  const box = account && account.getBoundingClientRect();
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    accountRight: box ? Math.round(box.right) : null,
    accountVisible: !!box && box.width > 0 && box.height > 0,
  };
}"""


def test_no_page_scrolls_sideways_at_any_width_for_any_persona(browser, live_url, demo):
    from partners.models import User
    from solidarites.demo.partners import DEMO_PASSWORD

    names = page_names()
    failures, statuses, checked = [], Counter(), 0
    for persona, email in PERSONAS.items():
        user = User.objects.get(email=email)
        urls = {}
        for name in names:
            try:
                urls[name] = url_for(name, user)
            except LookupError as missing:
                failures.append(str(missing))
        for width in WIDTHS:
            context = new_context(browser, live_url)
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.set_viewport_size({"width": width, "height": 900})
            log_in(page, user, password=DEMO_PASSWORD)
            for name, url in urls.items():
                response = page.goto(url)
                statuses[(persona, response.status)] += width == WIDTHS[0]
                state = page.evaluate(OVERFLOW)
                checked += 1
                where = f"{persona} {width} px {name} {url}"
                if state["scrollWidth"] > state["innerWidth"]:
                    failures.append(f"{where}: scrollWidth {state['scrollWidth']} > {state['innerWidth']}")
                if not state["accountVisible"] or state["accountRight"] > width:
                    failures.append(f"{where}: account button off screen (right {state['accountRight']})")
            context.close()
    print(
        f"\nReflow: {len(names)} URL patterns × {len(WIDTHS)} widths × {len(PERSONAS)} personas = {checked} page"
        f" loads; answers: {dict(sorted(statuses.items()))}"
    )
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", [320, 1024])
def test_the_folded_menu_is_accessible_and_usable_by_keyboard(page, width):
    from tests.conftest import make_persona

    coordinator = make_persona("coordinator")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, coordinator)
    page.goto(reverse("programme:timeline"))
    account = page.locator(".portal-account-button")
    expect(account).to_be_visible()  # beside « Menu », outside the folded navigation
    assert account.bounding_box()["x"] + account.bounding_box()["width"] <= width
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    nav = page.get_by_role("navigation", name="Navigation principale")
    programme = nav.get_by_role("button", name="Programme")
    expect(programme).to_be_visible()
    expect(programme).to_have_attribute("aria-current", "true")  # the menu that holds the page
    programme.focus()
    page.keyboard.press("Enter")
    timeline = nav.get_by_role("link", name="Chronologie des actions")
    expect(timeline).to_be_visible()
    expect(timeline).to_have_attribute("aria-current", "page")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page, every_impact=True)
    page.keyboard.press("ArrowDown")  # Bootstrap's dropdown: arrows move through the entries
    expect(nav.get_by_role("link", name="Tableau de bord")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord du programme")


def test_the_navigation_fits_one_line_beside_the_account_button_from_1200_px(page):
    from tests.conftest import make_persona

    coordinator = make_persona("coordinator")
    coordinator.first_name, coordinator.last_name = "Marie-Christine", "De La Fontaine-Beauregard"
    coordinator.save()
    log_in(page, coordinator)
    for width in (1200, 1280, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(reverse("workshops:group_list"))
        items = page.locator("#main-nav .navbar-nav > .nav-item > .nav-link")
        tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
        account = page.locator(".portal-account-button").bounding_box()
        assert len(tops) == 1 and account["x"] + account["width"] <= width, (width, tops, account)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        groups = page.get_by_role("navigation", name="Navigation principale").get_by_role(
            "button", name="Groupes et séances"
        )
        expect(groups).to_have_attribute("aria-current", "true")
