"""Working groups and meeting venues created and changed by coordinators from the portal (issue 14, item 5)."""

import pytest
from django.urls import reverse

from partners.enums import AuditVerb
from partners.models import AuditEntry, Axis
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group
from workshops.models import Venue, WorkingGroup

pytestmark = pytest.mark.django_db

GROUP_CREATE = reverse("workshops:group_create")
VENUES = reverse("workshops:venue_list")
VENUE_CREATE = reverse("workshops:venue_create")


def venue(name="Maison des familles", **fields):
    return Venue.objects.create(name=name, address=fields.pop("address", "2 rue Gutenberg"), **fields)


def test_coordinator_creates_a_group_logged_and_opened(coordinator_client, coordinator):
    axis = Axis.objects.get(code="SEN")
    data = {
        "name": "  Isolement   des seniors ",
        "axis": axis.pk,
        "mandate": "Repérer les personnes isolées.",
        "position": 3,
    }
    response = coordinator_client.post(GROUP_CREATE, data)
    created = WorkingGroup.objects.get()
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert (created.name, created.axis, created.position, created.is_active) == (
        "Isolement des seniors",
        axis,
        3,
        True,
    )
    entry = AuditEntry.objects.get(target_id=str(created.pk), target_type__model="workinggroup")
    assert (entry.verb, entry.actor, entry.message) == (AuditVerb.CREATED, coordinator, "Axe : SEN – Seniors")
    page = html(coordinator_client.get(created.get_absolute_url()))
    assert "a été créé" in page.get_text()
    assert page.find("a", string="Modifier")["href"] == reverse("workshops:group_edit", args=[created.pk])


def test_the_list_of_groups_offers_new_group_and_venues_to_coordinators_only(persona_client):
    page = html(persona_client("coordinator").get(reverse("workshops:group_list")))
    assert page.find("a", string="Nouveau groupe")["href"] == GROUP_CREATE
    assert page.find("a", string="Lieux de réunion")["href"] == VENUES
    for persona in ["reader", "partner"]:
        content = persona_client(persona).get(reverse("workshops:group_list")).content.decode()
        assert GROUP_CREATE not in content and VENUES not in content


def test_bad_group_keeps_what_was_typed_with_french_messages(coordinator_client):
    group("DS", name="Décrochage scolaire")
    data = {"name": "décrochage SCOLAIRE", "axis": "999999", "mandate": "Mon long mandat", "position": "-2"}
    response = coordinator_client.post(GROUP_CREATE, data)
    assert response.status_code == 200
    page = html(response)
    assert "3 erreurs empêchent l'enregistrement" in page.select_one("#error-summary").get_text(" ", strip=True)
    assert "Un groupe de travail porte déjà ce nom." in page.select_one("#div_id_name").get_text()
    assert "Sélectionnez un choix valide" in page.select_one("#div_id_axis").get_text()
    assert "supérieure ou égale à 0" in page.select_one("#div_id_position").get_text()
    assert page.select_one("#id_mandate").get_text().strip() == "Mon long mandat"
    assert page.select_one("#id_name")["aria-invalid"] == "true"
    assert WorkingGroup.objects.count() == 1


def test_group_create_posted_twice_creates_once(coordinator_client):
    form = html(coordinator_client.get(GROUP_CREATE))
    token = {field["name"]: field.get("value", "") for field in form.select("form input[type=hidden]")}
    data = {**token, "name": "Parentalité", "axis": Axis.objects.get(code="DS").pk, "position": 0}
    first, second = coordinator_client.post(GROUP_CREATE, data), coordinator_client.post(GROUP_CREATE, data)
    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert WorkingGroup.objects.filter(name="Parentalité").count() == 1


def test_group_edit_conflict_keeps_the_second_text(coordinator_client):
    item = group("DS", name="Décrochage")
    url = reverse("workshops:group_edit", args=[item.pk])
    base = {"axis": item.axis_id, "position": 0, "is_active": "on", "version": item.version}
    assert coordinator_client.post(url, {**base, "name": "Version A"}).status_code == 302
    second = coordinator_client.post(url, {**base, "name": "Version B"})
    assert "Version A" in html(second).select_one("#conflict").get_text()
    assert html(second).select_one("#id_name")["value"] == "Version B"
    item.refresh_from_db()
    assert (item.name, item.version) == ("Version A", 2)
    assert coordinator_client.post(url, {**base, "name": "Version B", "version": 2}).status_code == 302
    item.refresh_from_db()
    assert (item.name, item.version) == ("Version B", 3)
    assert AuditEntry.objects.filter(verb=AuditVerb.UPDATED, target_id=str(item.pk)).count() == 2


def test_coordinator_creates_and_edits_a_venue(coordinator_client, coordinator):
    data = {"name": "Salle Mandela", "address": "3 rue Mandela", "postal_code": "78370", "city": "Plaisir"}
    response = coordinator_client.post(VENUE_CREATE, {**data, "capacity": "40", "accessibility": "Plain-pied"})
    created = Venue.objects.get()
    assert response.status_code == 302 and response.url == f"{VENUES}#lieu-{created.pk}"
    assert (created.capacity, created.full_address, created.version) == (40, "3 rue Mandela, 78370 Plaisir", 1)
    assert AuditEntry.objects.filter(verb=AuditVerb.CREATED, target_id=str(created.pk), actor=coordinator).exists()
    row = html(coordinator_client.get(VENUES)).select_one(f"#lieu-{created.pk}")
    assert "3 rue Mandela, 78370 Plaisir" in row.get_text() and "Plain-pied" in row.get_text()
    edit = reverse("workshops:venue_edit", args=[created.pk])
    assert row.find("a")["href"] == edit
    changed = coordinator_client.post(edit, {**data, "capacity": "", "is_active": "", "version": 1})
    assert changed.status_code == 302
    created.refresh_from_db()
    assert (created.capacity, created.is_active, created.version) == (None, False, 2)


def test_bad_venue_keeps_what_was_typed_with_french_messages(coordinator_client):
    venue("Maison des familles")
    data = {"name": "maison des FAMILLES", "address": "", "postal_code": "7837", "capacity": "0"}
    response = coordinator_client.post(VENUE_CREATE, {**data, "accessibility": "Boucle magnétique"})
    assert response.status_code == 200
    page = html(response)
    assert "4 erreurs empêchent l'enregistrement" in page.select_one("#error-summary").get_text(" ", strip=True)
    assert "Un lieu porte déjà ce nom." in page.select_one("#div_id_name").get_text()
    assert "Ce champ est obligatoire." in page.select_one("#div_id_address").get_text()
    assert "cinq chiffres" in page.select_one("#div_id_postal_code").get_text()
    assert "au moins" in page.select_one("#div_id_capacity").get_text()
    assert page.select_one("#id_accessibility").get_text().strip() == "Boucle magnétique"
    assert Venue.objects.count() == 1


def test_the_meeting_form_links_to_a_new_venue_for_coordinators_only(persona_client):
    group("DS")
    page = html(persona_client("coordinator").get(reverse("workshops:meeting_create")))
    assert page.select_one("#div_id_venue").find("a", string="Ajouter un lieu")["href"] == VENUE_CREATE


@pytest.mark.parametrize("persona", ["reader", "partner", "outsider"])
def test_only_coordinators_write_groups_and_venues(persona_client, persona):
    item, place = group("DS", name="Décrochage"), venue()
    client = persona_client(persona)
    data = {"name": "Pirate", "axis": item.axis_id, "position": 0, "address": "x", "version": 1}
    assert client.post(GROUP_CREATE, data).status_code == 403
    assert client.post(reverse("workshops:group_edit", args=[item.pk]), data).status_code == 403
    assert client.post(VENUE_CREATE, data).status_code == 403
    assert client.post(reverse("workshops:venue_edit", args=[place.pk]), data).status_code == 403
    assert list(WorkingGroup.objects.values_list("name", flat=True)) == ["Décrochage"]
    assert list(Venue.objects.values_list("name", flat=True)) == ["Maison des familles"]


def test_venue_list_query_budget(coordinator_client):
    venue("Salle 1")

    def grow():
        for number in range(2, 11):
            venue(f"Salle {number}", capacity=number)

    # shell (session, user, commune) + the venues with their count of sessions
    print("lieux:", assert_query_budget(coordinator_client, VENUES, budget=6, grow=grow), "queries")


@pytest.mark.parametrize("page", ["group_create", "group_edit", "venue_create", "venue_edit"])
def test_form_pages_query_budget(coordinator_client, page):
    kwargs = {"group_edit": {"pk": group("DS").pk}, "venue_edit": {"pk": venue().pk}}.get(page, {})
    url = reverse(f"workshops:{page}", kwargs=kwargs)
    more = [Axis.objects.get(code=code) for code in ["SEN", "HAB"]]

    def grow():
        for number in range(10):
            group(more[number % 2].code, name=f"Groupe {number}")
            venue(f"Salle {number}")

    print(page, assert_query_budget(coordinator_client, url, budget=8, grow=grow), "queries")
