"""Everything reachable (issue 10, item 7): the page slots (solidarites.lib.panels) through which groups,
structures, obstacles and findings list their fiches, the « Programme » navigation entry, the site map per
persona, the participation page's new tables, the breadcrumbs along the programme's hierarchy and the home
page's axis cards."""

import pytest
from django.urls import reverse

from actionsheets.models import ActionPartner, ActionSheet
from partners.models import Axis
from solidarites import context_processors
from solidarites.lib import panels
from tests.actionsheets.factories import ActionSheetFactory
from tests.conftest import OWN, make_persona, organisation
from tests.utils import assert_query_budget, html
from tests.workshops.factories import MeetingFactory, contact, group, meeting, member
from workshops.models import Attendance, CoordinationObstacle, Finding, Invitation, MembershipRole

pytestmark = pytest.mark.django_db


def links(page):
    return {a["href"] for a in page.select("main a[href]")}


def text(page):
    return page.select_one("main").get_text(" ", strip=True)


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return html(response)


# The registry itself


def test_panels_collect_in_order_and_leave_empty_fragments_out(monkeypatch):
    monkeypatch.setattr(panels, "_providers", {})

    def first(request, obj):
        return f"<p>un {obj}</p>"

    def nothing(request, obj):
        return None

    panels.register("essai", first)
    panels.register("essai", nothing)
    panels.register("essai", first)  # twice: kept once
    assert panels.collect("essai", None, "objet") == ["<p>un objet</p>"]
    assert panels.collect("autre", None, "objet") == []


def test_panels_collect_each_calls_each_provider_once_for_the_whole_list(monkeypatch):
    monkeypatch.setattr(panels, "_providers", {})
    calls = []

    def per_item(request, objects):
        calls.append(list(objects))
        return {obj: f"<i>{obj}</i>" for obj in objects if obj != 2}

    panels.register("liste", per_item)
    assert panels.collect_each("liste", None, [1, 2, 3]) == {1: ["<i>1</i>"], 3: ["<i>3</i>"]}
    assert calls == [[1, 2, 3]]


def test_the_higher_apps_fill_the_slots_of_the_lower_ones():
    names = {slot: [f"{p.__module__}.{p.__name__}" for p in panels.providers(slot)] for slot in panels._providers}
    assert names["workshops.group_detail"] == ["actionsheets.panels.group_sheets"]
    assert names["partners.organisation_detail"] == [
        "workshops.panels.organisation_participation",
        "actionsheets.panels.organisation_sheets",
    ]
    assert names["workshops.obstacle_detail"] == ["actionsheets.panels.obstacle_sheets"]
    assert names["workshops.finding_list"] == ["actionsheets.panels.finding_sheets"]


# Groups, structures, obstacles and findings list their fiches


@pytest.fixture
def world():
    partner = make_persona("partner")
    ds, ipj = group("DS"), group("IPJ")
    member(ds, partner.contact)
    draft = ActionSheetFactory(group=ds, title="Brouillon du groupe DS")
    validated = ActionSheetFactory(group=ds, title="Fiche validée du DS", validated=True)
    hidden = ActionSheetFactory(group=ipj, title="Brouillon de l'IPJ")
    return {"partner": partner, "ds": ds, "ipj": ipj, "draft": draft, "validated": validated, "hidden": hidden}


def new_sheet_links(page, group):
    return page.select(f'a[href="{reverse("actionsheets:sheet_create")}?groupe={group.pk}"]')


def test_group_page_lists_its_fiches_and_offers_a_new_one_to_its_members(client, world):
    page = get(client, world["partner"], world["ds"].get_absolute_url())
    assert {world["draft"].get_absolute_url(), world["validated"].get_absolute_url()} <= links(page)
    assert "Fiches actions du groupe (2)" in text(page)
    assert len(new_sheet_links(page, world["ds"])) == 1
    assert page.find(string="Nouvelle fiche") is not None


@pytest.mark.parametrize(("persona", "count", "button"), [("reader", 1, False), ("coordinator", 2, True)])
def test_group_page_for_the_project_team(client, world, persona, count, button):
    page = get(client, make_persona(persona), world["ds"].get_absolute_url())
    assert f"Fiches actions du groupe ({count})" in text(page)
    assert world["validated"].get_absolute_url() in links(page)
    assert bool(new_sheet_links(page, world["ds"])) is button


def test_an_observer_of_an_inactive_group_gets_no_button(client, world):
    world["ds"].is_active = False
    world["ds"].save()
    coordinator = make_persona("coordinator")
    page = get(client, coordinator, world["ds"].get_absolute_url())
    assert not new_sheet_links(page, world["ds"])


def test_an_empty_group_says_so(client, world):
    page = get(client, make_persona("coordinator"), group("SEN").get_absolute_url())
    assert "Aucune fiche pour l'instant." in text(page)


def test_structure_page_shows_its_groups_sessions_and_fiches(client, world):
    own = organisation(OWN)
    world["validated"].lead_organisation = own
    world["validated"].save(update_fields=["lead_organisation"])
    ActionPartner.objects.create(sheet=world["hidden"], organisation=own, role="funder")  # a draft of IPJ
    ActionSheet.objects.filter(pk=world["draft"].pk).update(pilot=world["partner"].contact)
    held = MeetingFactory(groups=[world["ds"]], days=-20, title="Séance tenue du DS")
    old = MeetingFactory(groups=[world["ds"]], days=-400, title="Séance d'il y a plus d'un an")
    other = MeetingFactory(groups=[world["ipj"]], days=-10, title="Séance de l'IPJ")
    for session in (held, old, other):
        Attendance.objects.create(meeting=session, contact=world["partner"].contact, status="present")

    page = get(client, world["partner"], own.get_absolute_url())
    content = text(page)
    assert world["ds"].get_absolute_url() in links(page)
    assert "Groupes de travail (1)" in content and "(DS ; membre)" in content
    assert "2 séances avec au moins une personne présente ou représentée" in content
    assert held.get_absolute_url() in links(page)
    assert "Séance de l'IPJ" not in content  # counted, but not named to someone who may not open it
    assert "Séance d'il y a plus d'un an" not in content
    assert f"{world['validated'].code} – Fiche validée du DS" in content and "(porteuse)" in content
    assert f"{world['draft'].code} – Brouillon du groupe DS" in content and "(pilote)" in content
    assert world["hidden"].get_absolute_url() not in links(page)

    page = get(client, make_persona("coordinator"), own.get_absolute_url())
    assert world["hidden"].get_absolute_url() in links(page) and "(partenaire)" in text(page)
    assert other.get_absolute_url() in links(page)


def test_obstacle_page_lists_the_fiches_that_answer_it(client, world):
    obstacle = CoordinationObstacle.objects.create(title="Silos", category="silos")
    for sheet in (world["validated"], world["hidden"]):
        sheet.obstacles.add(obstacle)
    page = get(client, world["partner"], obstacle.get_absolute_url())
    assert world["validated"].get_absolute_url() in links(page)
    assert world["hidden"].get_absolute_url() not in links(page)
    assert "Fiches actions qui répondent à ce frein (1)" in text(page)
    page = get(client, make_persona("coordinator"), obstacle.get_absolute_url())
    assert world["hidden"].get_absolute_url() in links(page)


def test_findings_list_their_fiches_in_a_fixed_number_of_queries(client, world):
    axis = Axis.objects.get(code="DS")
    need = Finding.objects.create(axis=axis, kind="need", source="statistics", title="Besoin")
    world["validated"].findings.add(need)
    world["hidden"].findings.add(need)
    page = get(client, world["partner"], reverse("workshops:finding_list"))
    item = page.select_one(f"#constat-{need.pk}")
    assert "Fiches qui y répondent" in item.get_text()
    assert world["validated"].get_absolute_url() in {a["href"] for a in item.select("a")}
    assert world["hidden"].get_absolute_url() not in {a["href"] for a in item.select("a")}

    def grow():
        for index in range(9):
            finding = Finding.objects.create(axis=axis, kind="weakness", source="statistics", title=f"C{index}")
            ActionSheetFactory(group=world["ds"], title=f"Fiche {index}").findings.add(finding, need)

    assert_query_budget(client, reverse("workshops:finding_list"), budget=12, grow=grow)


def test_group_and_structure_pages_keep_a_fixed_number_of_queries(client, world):
    own = organisation(OWN)
    client.force_login(world["partner"])

    def grow():
        for index in range(9):
            sheet = ActionSheetFactory(group=world["ds"], title=f"Fiche {index}", validated=index % 2 == 0)
            ActionPartner.objects.create(sheet=sheet, organisation=own, role="funder")
            session = MeetingFactory(groups=[world["ds"]], days=-5 - index)
            Attendance.objects.create(meeting=session, contact=world["partner"].contact, status="present")
            member(group("IPJ", name=f"Groupe {index}"), contact("Autre", f"Membre{index}", organisation=OWN))

    assert_query_budget(client, world["ds"].get_absolute_url(), budget=20, grow=lambda: None)
    group_count = assert_query_budget(client, own.get_absolute_url(), budget=20, grow=grow)
    print(f"structure page: {group_count} queries")
    assert_query_budget(client, world["ds"].get_absolute_url(), budget=20, grow=lambda: None)


# Participation page


def test_participation_shows_rates_and_structures_never_present(client, coordinator):
    ds = group("DS")
    present = contact("Paul", "Présent", organisation="Structure présente")
    absent = contact("Alice", "Absente", organisation="Structure absente")
    walker = contact("Wally", "Passant", organisation="Structure présente")
    held = meeting(ds, title="Séance tenue", days=-3)
    unrecorded = meeting(ds, title="Séance sans émargement", days=-6)
    for person in (present, absent):
        Invitation.objects.create(meeting=held, contact=person)
        Invitation.objects.create(meeting=unrecorded, contact=person)
    Attendance.objects.create(meeting=held, contact=present, status="present")
    Attendance.objects.create(meeting=held, contact=absent, status="absent")
    Attendance.objects.create(meeting=held, contact=walker, status="present", is_walk_in=True)
    page = get(client, coordinator, reverse("workshops:attendance_stats"))

    def rows(caption):
        table = page.find("caption", string=caption).find_parent("table")
        return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]

    # DS: 2 invited + 1 walk-in expected at the recorded session, 2 present: 67 %.
    assert [ds.name, "3", "2", "67\u00a0%"] in rows("Taux de présence par groupe")
    assert ["Structure présente", "1", "1", "100\u00a0%"] in rows("Taux de présence par structure")
    assert rows("Structures invitées mais jamais présentes") == [["Structure absente", "1"]]


def test_participation_keeps_a_fixed_number_of_queries(client, coordinator):
    ds = group("DS")

    def add(index):
        person = contact("Membre", f"N{index}", organisation=f"Structure {index}")
        absent = contact("Absent", f"N{index}", organisation=f"Absente {index}")
        session = meeting(group("IPJ", name=f"Groupe {index}"), ds, title=f"Séance {index}", days=-3 - index)
        for who in (person, absent):
            Invitation.objects.create(meeting=session, contact=who)
        Attendance.objects.create(meeting=session, contact=person, status="present")
        Attendance.objects.create(meeting=session, contact=absent, status="absent")

    add(0)
    client.force_login(coordinator)
    assert_query_budget(
        client, reverse("workshops:attendance_stats"), budget=12, grow=lambda: [add(i) for i in range(1, 10)]
    )


@pytest.mark.parametrize(("persona", "linked"), [("coordinator", True), ("reader", True), ("partner", False)])
def test_group_pages_lead_the_project_team_to_the_participation(client, world, persona, linked):
    user = world["partner"] if persona == "partner" else make_persona(persona)
    page = get(client, user, world["ds"].get_absolute_url())
    assert (reverse("workshops:attendance_stats") in links(page)) is linked


# Navigation, breadcrumbs, home page


def nav_items(page):
    """The navigation's links and menu buttons, by their text."""
    items = page.select("#main-nav .navbar-nav a, #main-nav .navbar-nav button")
    return {item.get_text(strip=True): item for item in items}


@pytest.mark.parametrize("persona", ["outsider", "partner", "reader", "coordinator", "admin"])
def test_programme_is_in_the_main_navigation_and_current_on_axis_pages(client, persona):
    # Issue 14: « Programme » is a menu; its « Tableau de bord » owns the axis pages (current, not the page).
    page = get(client, make_persona(persona), reverse("programme:axis_detail", kwargs={"code": "DS"}))
    items = nav_items(page)
    assert items["Tableau de bord"]["href"] == reverse("programme:dashboard")
    assert items["Tableau de bord"].get("aria-current") == "true"
    assert [label for label, a in items.items() if a.get("aria-current")] == ["Programme", "Tableau de bord"]
    page = get(client, make_persona(persona), reverse("programme:dashboard"))
    assert nav_items(page)["Tableau de bord"].get("aria-current") == "page"


@pytest.mark.parametrize(
    ("persona", "menu"),
    [
        ("partner", ["Tableau de bord", "Chronologie des actions", "Couverture du diagnostic"]),
        (
            "coordinator",
            [
                "Tableau de bord",
                "Chronologie des actions",
                "Couverture du diagnostic",
                "Cartographie des partenaires",
                "Fiches proches entre groupes",
                "Instantanés des COPIL",
                "Ce qui a changé",
            ],
        ),
    ],
)
def test_the_navigation_groups_its_entries_into_six_items_each_role_its_own(client, persona, menu):
    """Issue 14: six top items (three of them menus) fit one line; a menu lists only the pages this role opens."""
    page = get(client, make_persona(persona), reverse("workshops:finding_list"))
    top = page.select("#main-nav .navbar-nav > .nav-item > .nav-link")
    labels = [item.get_text(strip=True) for item in top]
    assert labels == ["Mon espace", "Programme", "Groupes et séances", "Diagnostic", "Annuaire", "Fiches actions"]
    programme = top[1].find_next("ul", class_="dropdown-menu")
    assert [a.get_text(strip=True) for a in programme.select("a")] == menu
    for link in page.select("#main-nav a"):
        assert client.get(link["href"]).status_code == 200, link["href"]
    assert nav_items(page)["Diagnostic"].get("aria-current") == "true"
    assert nav_items(page)["Constats"].get("aria-current") == "page"
    # The account menu is outside the folding part, so it stays on screen when the navigation is folded.
    assert page.select_one(".portal-account").find_parent(id="main-nav") is None


def test_the_longest_matching_address_decides_the_current_entry():
    nav = [
        {"label": "Programme", "prefixes": ["/programme/", "/axes/", "/diagnostic/couverture/"]},
        {"label": "Diagnostic", "prefixes": ["/diagnostic/"]},
        {"label": "Calendrier", "prefixes": ["/calendrier/", "/seances/"]},
        {"label": "Mon espace", "prefixes": ["/mon-espace/"]},
    ]
    current = context_processors.current_entry
    assert current(nav, "/diagnostic/couverture/")["label"] == "Programme"
    assert current(nav, "/programme/cartographie/")["label"] == "Programme"
    assert current(nav, "/diagnostic/")["label"] == "Diagnostic"
    assert current(nav, "/seances/12/")["label"] == "Calendrier"
    assert current(nav, "/aide/") is None


def test_coordination_links_moved_to_the_account_menu(client):
    page = get(client, make_persona("coordinator"), reverse("my_space"))
    assert "Comptes" not in nav_items(page)
    menu = {a["href"] for a in page.select(".portal-account .dropdown-menu a")}
    assert {reverse("accounts:account_list"), reverse("accounts:email_list")} <= menu
    page = get(client, make_persona("partner"), reverse("my_space"))
    assert reverse("accounts:account_list") not in {a["href"] for a in page.select("header a")}


def crumbs(page):
    return [item.get_text(" ", strip=True) for item in page.select("nav[aria-label='Fil d\\'Ariane'] li")]


def test_breadcrumbs_follow_axis_group_session_and_axis_fiche(client, world):
    coordinator = make_persona("coordinator")
    session = MeetingFactory(groups=[world["ds"]], title="Séance de rentrée")
    page = get(client, coordinator, world["ds"].get_absolute_url())
    assert crumbs(page) == ["Accueil", "Programme", "Axe DS – Décrochage scolaire", world["ds"].name]
    assert page.select("nav[aria-label='Fil d\\'Ariane'] a")[2]["href"] == reverse(
        "programme:axis_detail", kwargs={"code": "DS"}
    )
    page = get(client, coordinator, session.get_absolute_url())
    assert crumbs(page)[1:] == ["Programme", "Axe DS – Décrochage scolaire", world["ds"].name, "Séance de rentrée"]
    page = get(client, coordinator, world["validated"].get_absolute_url())
    assert crumbs(page)[1:] == ["Programme", "Axe DS – Décrochage scolaire", world["validated"].code]
    page = get(client, coordinator, reverse("programme:axis_detail", kwargs={"code": "DS"}))
    assert crumbs(page) == ["Accueil", "Programme", "Axe DS"]
    # A session of two groups keeps the calendar as its parent.
    joint = MeetingFactory(groups=[world["ds"], world["ipj"]], title="Séance commune")
    assert crumbs(get(client, coordinator, joint.get_absolute_url()))[1] == "Calendrier"


def test_a_session_seen_through_an_invitation_does_not_lead_to_a_group_the_partner_cannot_open(client, world):
    session = MeetingFactory(groups=[world["ipj"]], title="Séance IPJ")
    Invitation.objects.create(meeting=session, contact=world["partner"].contact)
    page = get(client, world["partner"], session.get_absolute_url())
    assert crumbs(page)[1] == "Calendrier"


def test_home_axis_cards_link_to_the_axis_pages_once_logged_in(client):
    url = reverse("programme:axis_detail", kwargs={"code": "DS"})
    assert url not in {a["href"] for a in html(client.get(reverse("home"))).select("a")}
    page = get(client, make_persona("partner"), reverse("home"))
    assert url in links(page)


# Site map


SITE_MAP_PERSONAS = ["anonymous", "outsider", "partner", "reader", "coordinator", "admin"]


@pytest.mark.parametrize("persona", SITE_MAP_PERSONAS)
def test_every_link_of_the_site_map_opens_for_that_persona(client, persona):
    user = make_persona(persona)
    if persona == "partner":
        member(group("DS"), user.contact, MembershipRole.FACILITATOR)
    page = get(client, user, reverse("site_map"))
    urls = sorted(a["href"] for a in page.select("main a[href]"))
    checked = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{persona}: {url} answers {response.status_code}"
        checked.append(url)
    assert len(checked) >= 8


MAIN_PAGES = [
    "programme:dashboard",
    "programme:coverage",
    "programme:timeline",
    "actionsheets:sheet_list",
    "workshops:group_list",
    "workshops:calendar",
    "workshops:finding_list",
    "workshops:obstacle_list",
    "partners:organisation_list",
    "partners:contact_list",
    "my_space",
]
EXPECTED = {
    "outsider": {"listed": MAIN_PAGES, "absent": ["programme:partner_map", "accounts:account_list"]},
    "partner": {
        "listed": [*MAIN_PAGES, "actionsheets:sheet_create", "workshops:meeting_create"],
        "absent": ["programme:partner_map", "programme:overlap_list", "workshops:attendance_stats", "admin:index"],
    },
    "reader": {
        "listed": [*MAIN_PAGES, "programme:partner_map", "workshops:attendance_stats"],
        "absent": ["programme:overlap_list", "actionsheets:sheet_create", "accounts:account_list"],
    },
    "coordinator": {
        "listed": [
            *MAIN_PAGES,
            "programme:partner_map",
            "programme:overlap_list",
            "workshops:attendance_stats",
            "accounts:account_list",
            "accounts:email_list",
            "partners:import_upload",
        ],
        "absent": ["admin:index"],
    },
    "admin": {"listed": [*MAIN_PAGES, "accounts:account_list", "admin:index"], "absent": []},
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_the_site_map_lists_the_working_pages_of_each_role(client, persona):
    user = make_persona(persona)
    if persona == "partner":
        member(group("DS"), user.contact, MembershipRole.FACILITATOR)
    hrefs = {a["href"] for a in get(client, user, reverse("site_map")).select("main a[href]")}
    assert reverse("programme:axis_detail", kwargs={"code": "DS"}) in hrefs
    for name in EXPECTED[persona]["listed"]:
        assert reverse(name) in hrefs, name
    for name in EXPECTED[persona]["absent"]:
        assert reverse(name) not in hrefs, name


def test_the_site_map_of_an_anonymous_visitor_lists_the_public_pages_only(client):
    hrefs = {a["href"] for a in html(client.get(reverse("site_map"))).select("main a[href]")}
    assert reverse("accounts:login") in hrefs and reverse("accessibility") in hrefs
    assert reverse("programme:dashboard") not in hrefs and reverse("my_space") not in hrefs
