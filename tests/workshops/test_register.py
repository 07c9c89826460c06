"""The shared diagnostic (findings per axis) and the register of coordination obstacles."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners.enums import AuditVerb
from partners.models import AuditEntry, Axis, Contact
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.matrix_register import register_objects
from workshops import register_services
from workshops.models import (
    CoordinationObstacle,
    Finding,
    Meeting,
    Membership,
    MembershipRole,
    ObstacleCategory,
    WorkingGroup,
)

pytestmark = pytest.mark.django_db

FINDINGS = "/diagnostic/"
OBSTACLES = "/freins/"
PERSONAS = ["anonymous", "outsider", "partner", "reader", "coordinator", "admin", "inactive"]


def axis(code):
    return Axis.objects.get(code=code)


def finding(code, title, kind=Finding.Kind.WEAKNESS, source=Finding.Source.STATISTICS, **fields):
    return Finding.objects.create(axis=axis(code), kind=kind, source=source, title=title, **fields)


def obstacle(title, category=ObstacleCategory.SILOS, axes=(), **fields):
    item = CoordinationObstacle.objects.create(title=title, category=category, **fields)
    item.axes.set(Axis.objects.filter(code__in=axes))
    return item


def group(code="DS"):
    return WorkingGroup.objects.get_or_create(name=f"Groupe {code}", defaults={"axis": axis(code)})[0]


def session(*groups, title="Séance du groupe", days=-3):
    starts = timezone.now() + timedelta(days=days)
    meeting = Meeting.objects.create(title=title, starts_at=starts, ends_at=starts + timedelta(hours=2))
    meeting.groups.set(groups)
    return meeting


def facilitator(name="partner", code="DS"):
    """The persona, made the animateur of the group of axis `code`."""
    user = make_persona(name)
    contact = Contact.objects.get(user=user)
    Membership.objects.create(group=group(code), contact=contact, role=MembershipRole.FACILITATOR)
    return user


def text(node):
    return node.get_text(" ", strip=True).replace("\xa0", " ")


def texts(nodes):
    return [text(node) for node in nodes]


# Findings


def test_findings_are_grouped_by_axis_with_their_nature_and_source_as_text(persona_client):
    finding("HAB", "Logements sociaux vieillissants", source=Finding.Source.DOCUMENTS, position=2)
    finding("DS", "Un collège très investi", kind=Finding.Kind.STRENGTH, source=Finding.Source.INTERVIEWS)
    finding("HAB", "Peu de logements adaptés", kind=Finding.Kind.NEED, position=1)
    page = html(persona_client("reader").get(FINDINGS))
    assert "(3 constats)" in page.h1.get_text(" ", strip=True)
    sections = page.select("section.axis-card")
    assert [section["id"] for section in sections] == ["axe-DS", "axe-HAB"]  # in the axes' order
    habitat = texts(sections[1].select("li"))
    assert habitat[0].startswith("Besoin Peu de logements adaptés") and "Source : Statistiques" in habitat[0]
    assert habitat[1].startswith("Fragilité Logements sociaux vieillissants")
    assert "Source : Études et documents" in habitat[1]
    assert texts(sections[0].select("li"))[0].startswith("Atout Un collège très investi")
    assert text(sections[1].select_one("p.small")) == "1 fragilité · 1 besoin"
    assert not page.select("a[href^='/diagnostic/nouveau/']")  # readers only read


def test_findings_filter_by_axis_and_nature_in_the_query_string(coordinator_client):
    finding("DS", "Décrochage précoce")
    finding("DS", "Un collège très investi", kind=Finding.Kind.STRENGTH)
    finding("HAB", "Logements sociaux vieillissants")
    page = html(coordinator_client.get(FINDINGS, {"axe": axis("DS").pk}))
    assert [section["id"] for section in page.select("section.axis-card")] == ["axe-DS"]
    page = html(coordinator_client.get(FINDINGS, {"nature": "weakness"}))
    titles = texts(page.select("section.axis-card li strong"))
    assert titles == ["Décrochage précoce", "Logements sociaux vieillissants"]
    assert "Nature : Fragilité" in texts(page.select("a.btn-outline-secondary"))[0]  # a removable chip
    page = html(coordinator_client.get(FINDINGS, {"axe": axis("DS").pk, "nature": "need"}))
    assert "Aucun constat ne correspond à ces filtres." in page.get_text()
    bad = coordinator_client.get(FINDINGS, {"axe": "pas-un-axe", "nature": "autre"})
    assert bad.status_code == 200
    assert "Sélectionnez un choix valide" in bad.content.decode()


def test_coordinator_creates_a_finding_logged_and_shown_under_its_axis(coordinator_client, coordinator):
    response = coordinator_client.post(
        reverse("workshops:finding_create"),
        {"axis": axis("SEN").pk, "kind": "need", "source": "partners", "title": "Isolement l'été", "position": 0},
    )
    assert response.status_code == 302
    assert response.url == "/diagnostic/#axe-SEN"
    created = Finding.objects.get()
    assert (created.axis.code, created.kind, created.version) == ("SEN", "need", 1)
    entry = AuditEntry.objects.get(target_id=str(created.pk), target_type__model="finding")
    assert (entry.verb, entry.actor, entry.message) == (AuditVerb.CREATED, coordinator, "Axe : SEN – Seniors")
    assert "Isolement l'été" in text(html(coordinator_client.get(response.url)).select_one("#axe-SEN"))


def test_bad_finding_keeps_what_was_typed_with_french_messages(coordinator_client):
    response = coordinator_client.post(
        reverse("workshops:finding_create"),
        {"axis": "999999", "kind": "", "source": "radio", "title": "", "text": "Mon long détail", "position": "-1"},
    )
    assert response.status_code == 200
    page = html(response)
    assert "5 erreurs empêchent l'enregistrement" in page.select_one("#error-summary").get_text(" ", strip=True)
    assert "Ce champ est obligatoire." in page.select_one("#div_id_title").get_text()
    assert "Sélectionnez un choix valide" in page.select_one("#div_id_source").get_text()
    assert "supérieure ou égale à 0" in page.select_one("#div_id_position").get_text()
    assert page.select_one("#id_text").get_text().strip() == "Mon long détail"
    assert page.select_one("#id_title")["aria-invalid"] == "true"
    assert not Finding.objects.exists()


def test_finding_edit_conflict_shows_both_versions_and_keeps_the_second_text(coordinator_client):
    item = finding("DS", "Décrochage précoce")
    url = reverse("workshops:finding_edit", args=[item.pk])
    base = {"axis": item.axis_id, "kind": item.kind, "source": item.source, "position": 0, "version": item.version}
    assert coordinator_client.post(url, {**base, "title": "Version A"}).status_code == 302
    second = coordinator_client.post(url, {**base, "title": "Version B"})
    content = second.content.decode()
    assert "enregistré cette fiche pendant que vous la modifiiez" in content
    assert "Version A" in html(second).select_one("#conflict").get_text()
    assert html(second).select_one("#id_title")["value"] == "Version B"
    item.refresh_from_db()
    assert (item.title, item.version) == ("Version A", 2)
    again = coordinator_client.post(url, {**base, "title": "Version B", "version": item.version})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("Version B", 3)
    assert AuditEntry.objects.filter(verb=AuditVerb.UPDATED, target_id=str(item.pk)).count() == 2


@pytest.mark.parametrize("persona", ["reader", "partner", "outsider"])
def test_only_coordinators_write_findings(persona_client, persona):
    facilitator()  # even a group's animateur
    item = finding("DS", "Décrochage précoce")
    client = persona_client(persona)
    assert client.get(reverse("workshops:finding_create")).status_code == 403
    data = {"axis": item.axis_id, "kind": "need", "source": "statistics", "title": "Pirate", "version": 1}
    assert client.post(reverse("workshops:finding_create"), data).status_code == 403
    assert client.post(reverse("workshops:finding_edit", args=[item.pk]), data).status_code == 403
    item.refresh_from_db()
    assert item.title == "Décrochage précoce" and Finding.objects.count() == 1


# Obstacles


def counts_table(page):
    """{row header: [cell texts]} of the category × axis table, with its column headers."""
    table = page.select_one("#counts-title").find_next("table")
    headers = texts(table.select("thead th"))
    rows = {row.th.get_text(strip=True): texts(row.select("td")) for row in table.select("tbody tr, tfoot tr")}
    return table, headers, rows


def test_counts_table_crosses_categories_and_thematic_axes(coordinator_client):
    obstacle("Silos A", ObstacleCategory.SILOS, axes=["DS", "HAB"])
    obstacle("Silos B", ObstacleCategory.SILOS, axes=["DS"])
    obstacle("Silos C", ObstacleCategory.SILOS)  # no axis: in the total only
    obstacle("Turnover", ObstacleCategory.TURNOVER, axes=["HAB"], status=CoordinationObstacle.Status.LIFTED)
    table, headers, rows = counts_table(html(coordinator_client.get(OBSTACLES)))
    codes = list(Axis.objects.thematic().values_list("code", flat=True))
    assert headers == ["Catégorie", *codes, "Total"]
    assert table.caption.get_text(strip=True).startswith("Nombre de freins par catégorie")
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert all(th["scope"] == "row" for th in table.select("tbody th, tfoot th"))
    assert len(table.select("tbody tr")) == len(ObstacleCategory.choices)
    ds, hab = codes.index("DS"), codes.index("HAB")

    def numbers(label):
        return [int(text.split(" ")[0]) for text in rows[label]]

    silos = numbers(ObstacleCategory.SILOS.label)
    assert (silos[ds], silos[hab], silos[-1], sum(silos[:-1])) == (2, 1, 3, 3)
    turnover = numbers(ObstacleCategory.TURNOVER.label)
    assert (turnover[hab], turnover[-1]) == (1, 1)
    assert numbers(ObstacleCategory.MEANS.label) == [0] * (len(codes) + 1)
    total = numbers("Total")
    assert (total[ds], total[hab], total[-1]) == (2, 2, 4)
    cell = table.select("tbody tr")[1].select("td")[ds].a  # silos × DS leads to that filtered list
    assert cell["href"] == f"?categorie=silos&axe={axis('DS').pk}"
    filtered = html(coordinator_client.get(OBSTACLES + cell["href"]))
    assert texts(filtered.select("#list-title ~ div tbody td:first-child a")) == ["Silos B", "Silos A"]
    # the table counts the filtered obstacles
    _, _, rows = counts_table(html(coordinator_client.get(OBSTACLES, {"etat": "open"})))
    assert rows["Total"][-1] == "3"


def test_obstacle_list_filters_by_category_axis_state_and_meeting(coordinator_client):
    meeting = session(group("DS"), title="Séance de mars")
    obstacle("Silos", ObstacleCategory.SILOS, axes=["DS"], meeting=meeting)
    obstacle(
        "Méconnaissance", ObstacleCategory.KNOWLEDGE, axes=["HAB"], status=CoordinationObstacle.Status.IN_PROGRESS
    )
    obstacle("Turnover", ObstacleCategory.TURNOVER, status=CoordinationObstacle.Status.LIFTED)

    def listed(**params):
        response = coordinator_client.get(OBSTACLES, params)
        assert response.status_code == 200
        return texts(html(response).select("#list-title ~ div tbody td:first-child a"))

    assert listed() == ["Turnover", "Méconnaissance", "Silos"]
    assert listed(categorie="knowledge") == ["Méconnaissance"]
    assert listed(axe=axis("DS").pk) == ["Silos"]
    assert listed(etat="lifted") == ["Turnover"]
    assert listed(seance=meeting.pk) == ["Silos"]
    assert listed(meeting=meeting.pk) == ["Silos"]  # synonym of « seance »
    assert listed(etat="in_progress", axe=axis("DS").pk) == []
    assert listed(seance="99999999999999999999", page="x") == ["Turnover", "Méconnaissance", "Silos"]


def test_obstacle_list_shows_state_as_text_and_hides_meetings_out_of_reach(client):
    mine, other = session(group("DS"), title="Séance DS"), session(group("HAB"), title="Séance confidentielle")
    obstacle("Vu en DS", meeting=mine)
    elsewhere = obstacle("Vu ailleurs", meeting=other, status=CoordinationObstacle.Status.IN_PROGRESS)
    client.force_login(facilitator("partner", "DS"))
    page = html(client.get(OBSTACLES))
    rows = {row.td.get_text(strip=True): row for row in page.select("#list-title ~ div tbody tr")}
    assert rows["Vu en DS"].select_one(f"a[href$='/seances/{mine.pk}/']")
    assert "Séance confidentielle" not in page.get_text() and not page.select(f"a[href$='/seances/{other.pk}/']")
    assert "En cours de traitement" in rows["Vu ailleurs"].get_text()
    detail = html(client.get(elsewhere.get_absolute_url()))
    assert "Séance confidentielle" not in detail.get_text() and "Séance du" in detail.get_text()


def test_facilitator_reports_an_obstacle_from_a_meeting(client):
    user = facilitator("partner", "DS")
    meeting = session(group("DS"), title="Séance de mars")
    client.force_login(user)
    url = reverse("workshops:obstacle_create")
    form = html(client.get(url, {"seance": meeting.pk}))
    assert form.select_one("#id_meeting option[selected]")["value"] == str(meeting.pk)
    response = client.post(
        f"{url}?seance={meeting.pk}",
        {
            "title": "Personne ne connaît le PRE",
            "category": "knowledge",
            "axes": [axis("DS").pk, axis("IPJ").pk],
            "meeting": meeting.pk,
            "levers": "Annuaire des acteurs",
            "status": "open",
        },
    )
    assert response.status_code == 302
    created = CoordinationObstacle.objects.get()
    assert response.url == created.get_absolute_url()
    assert (created.created_by, created.meeting, created.version) == (user, meeting, 1)
    assert set(created.axes.values_list("code", flat=True)) == {"DS", "IPJ"}
    entry = AuditEntry.objects.get(target_type__model="coordinationobstacle", target_id=str(created.pk))
    assert (entry.verb, entry.actor) == (AuditVerb.CREATED, user)
    detail = html(client.get(response.url))
    assert text(detail.select_one("#levers-title").parent) == "Leviers proposés Annuaire des acteurs"
    assert text(detail.select_one("#description-title").parent) == "Description Non renseignée."
    assert "Séance de mars" in text(detail.select_one("dl"))


def test_only_visible_meetings_are_offered_or_prefilled(client):
    user = facilitator("partner", "DS")
    other = session(group("HAB"), title="Séance confidentielle")
    client.force_login(user)
    url = reverse("workshops:obstacle_create")
    page = html(client.get(url, {"seance": other.pk}))
    assert (
        not page.select("#id_meeting option[selected][value]")
        or not page.select_one("#id_meeting option[selected]")["value"]
    )
    assert "Séance confidentielle" not in page.get_text()
    for value in ("abc", "99999999999999999999", "²"):
        assert client.get(url, {"seance": value}).status_code == 200
    response = client.post(url, {"title": "Tentative", "category": "silos", "status": "open", "meeting": other.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in html(response).select_one("#div_id_meeting").get_text()
    assert html(response).select_one("#id_title")["value"] == "Tentative"
    assert not CoordinationObstacle.objects.exists()


@pytest.mark.parametrize("persona", ["reader", "outsider"])
def test_readers_and_plain_partners_cannot_write_obstacles(persona_client, persona):
    facilitator("partner")  # somebody else facilitates a group
    item = obstacle("Silos")
    client = persona_client(persona)
    data = {"title": "Pirate", "category": "silos", "status": "open", "version": item.version}
    assert client.get(reverse("workshops:obstacle_create")).status_code == 403
    assert client.post(reverse("workshops:obstacle_create"), data).status_code == 403
    assert client.get(reverse("workshops:obstacle_edit", args=[item.pk])).status_code == 403
    assert client.post(reverse("workshops:obstacle_edit", args=[item.pk]), data).status_code == 403
    assert client.get(item.get_absolute_url()).status_code == 200  # but they read the register
    item.refresh_from_db()
    assert item.title == "Silos" and CoordinationObstacle.objects.count() == 1


def test_a_former_facilitator_loses_the_right(client):
    user = facilitator("partner")
    Membership.objects.update(role=MembershipRole.MEMBER)
    client.force_login(user)
    assert client.get(reverse("workshops:obstacle_create")).status_code == 403


def test_obstacle_edit_conflict_keeps_the_second_text(client, coordinator):
    meeting = session(group("HAB"), title="Séance HAB")  # not visible to the DS animateur, yet kept selectable
    item = obstacle("Silos", axes=["DS"], meeting=meeting)
    url = reverse("workshops:obstacle_edit", args=[item.pk])
    base = {"title": "Silos", "category": "silos", "axes": [axis("DS").pk], "meeting": meeting.pk, "version": 1}
    client.force_login(facilitator("partner"))
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    assert client.post(url, {**base, "status": "in_progress", "levers": "Version A"}).status_code == 302
    second = coordinator_client.post(url, {**base, "status": "lifted", "levers": "Version B"})
    assert second.status_code == 200
    conflict = html(second).select_one("#conflict").get_text(" ", strip=True)
    assert "Version A" in conflict and "En cours de traitement" in conflict
    assert html(second).select_one("#id_levers").get_text().strip() == "Version B"
    item.refresh_from_db()
    assert (item.levers, item.status, item.version) == ("Version A", "in_progress", 2)
    again = coordinator_client.post(url, {**base, "status": "lifted", "levers": "Version B", "version": 2})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.levers, item.status, item.meeting, item.version) == ("Version B", "lifted", meeting, 3)
    history = html(coordinator_client.get(item.get_absolute_url())).select_one("#history-title").parent
    assert "Champs modifiés : leviers proposés, état" in history.get_text()


def test_service_creates_atomically():
    register_services.create_obstacle(by=None, data={"title": "Sans séance", "category": "means", "axes": []})
    assert CoordinationObstacle.objects.get().created_by is None
    with pytest.raises(TypeError):
        register_services.create_obstacle(by=None, data={"title": "X", "category": "means", "inconnu": 1})
    assert CoordinationObstacle.objects.count() == 1
    assert AuditEntry.objects.count() == 1


# Query budgets: the same number of queries with 1 and with 10 rows


def test_finding_list_query_budget(coordinator_client):
    finding("DS", "Premier constat")

    def grow():
        for number, code in enumerate(["DS", "HAB", "SEN", "IPJ", "AD", "HAN", "BVE", "COORD", "DS"]):
            finding(code, f"Constat {number}", kind=Finding.Kind.NEED)

    # shell + axes of the filter + findings with their axes
    print("diagnostic:", assert_query_budget(coordinator_client, FINDINGS, budget=8, grow=grow), "queries")
    assert_query_budget(coordinator_client, FINDINGS + "?nature=need", budget=8, grow=lambda: None)


@pytest.mark.parametrize("persona", ["coordinator", "partner"])
def test_obstacle_list_query_budget(persona_client, persona):
    if persona == "partner":
        facilitator("partner")
    client = persona_client(persona)
    meeting = session(group("DS"))
    obstacle("Premier frein", axes=["DS"], meeting=meeting)

    def grow():
        for number in range(9):
            obstacle(
                f"Frein {number}",
                ObstacleCategory.values[number],
                axes=["DS", "HAB"],
                meeting=session(group("DS"), title=f"Séance {number}"),
            )

    # shell + filter choices (axes, meetings) + count + page + axes prefetch + visible meetings + table (axes, 2)
    print(f"freins ({persona}):", assert_query_budget(client, OBSTACLES, budget=16, grow=grow), "queries")


def test_obstacle_detail_query_budget(coordinator_client):
    item = obstacle("Frein", axes=["DS"], meeting=session(group("DS")))

    def grow():
        item.axes.set(Axis.objects.thematic())
        for _ in range(10):
            register_services.update_versioned(
                by=None, instance=item, version=CoordinationObstacle.objects.get().version, changes={"levers": "x"}
            )

    print("frein:", assert_query_budget(coordinator_client, item.get_absolute_url(), budget=10, grow=grow), "queries")


# Admin of every workshops model


ADMIN_MODELS = [
    "finding",
    "workinggroup",
    "membership",
    "venue",
    "meeting",
    "meetingdocument",
    "attendance",
    "minutes",
    "coordinationobstacle",
    "calendarfeed",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_lists_and_searches_every_workshops_model(persona_client, model):
    from workshops.models import Attendance, CalendarFeed, Invitation, Minutes

    partner = facilitator("partner")
    meeting = session(group("DS"), title="Séance de mars")
    contact = Contact.objects.get(user=partner)
    Invitation.objects.create(meeting=meeting, contact=contact)
    Attendance.objects.create(meeting=meeting, contact=contact, status=Attendance.Status.PRESENT)
    Minutes.objects.create(meeting=meeting, summary="Échanges")
    feed = CalendarFeed.objects.create(user=partner)
    register_objects()
    client = persona_client("admin")
    changelist = reverse(f"admin:workshops_{model}_changelist")
    assert client.get(changelist).status_code == 200
    assert client.get(changelist, {"q": "mars"}).status_code == 200
    model_class = {m._meta.model_name: m for m in [Finding, CoordinationObstacle, Meeting, Minutes, CalendarFeed]}
    if model in model_class:
        item = model_class[model].objects.first()
        page = client.get(reverse(f"admin:workshops_{model}_change", args=[item.pk]))
        assert page.status_code == 200
        assert feed.token not in page.content.decode()


def test_admin_edit_bumps_the_version_used_by_the_portal_forms(persona_client):
    item = register_objects()["obstacle"]
    client = persona_client("admin")
    url = reverse("admin:workshops_coordinationobstacle_change", args=[item.pk])
    data = {"category": "silos", "title": "Corrigé dans l'administration", "status": "open", "axes": []}
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.title, item.version) == ("Corrigé dans l'administration", 2)
