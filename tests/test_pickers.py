"""Pickers that scale (issue 14): the search endpoint of each kind (JSON, at most 20 matches, accent-insensitive,
only what `visible_to(user)` lets this user find, a query count that does not grow with data), the fields that
render only the chosen values and resolve a typed name without JavaScript, and the fiches list kept light at
100× data."""

import pytest
from django.db import connection
from django.urls import reverse

from actionsheets.models import ActionPartner, ActionSheet, Status
from partners.models import Axis, Contact, Organisation, OrganisationType
from partners.picking import LIMIT
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, member, structure
from workshops.models import Membership, WorkingGroup

pytestmark = pytest.mark.django_db

LIST = reverse("actionsheets:sheet_list")


def search_url(kind):
    return reverse("picker_search", args=[kind])


def labels(client, kind, q=""):
    response = client.get(search_url(kind), {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [result["label"] for result in response.json()["results"]]


def many_structures(count, prefix="Structure"):
    kind = OrganisationType.objects.get(code="asso")
    return Organisation.objects.bulk_create(
        Organisation(name=f"{prefix} {index:05d}", type=kind) for index in range(count)
    )


def many_groups(count):
    axis = Axis.objects.get(code="DS")
    return WorkingGroup.objects.bulk_create(
        WorkingGroup(name=f"Groupe n° {index:04d}", axis=axis) for index in range(count)
    )


# The search endpoints


def test_structures_are_found_without_accents_or_case(coordinator_client):
    structure("Maison de la Solidarité des Prés")
    structure("Mission locale de SQY")
    assert labels(coordinator_client, "structures", "solidarite pres") == ["Maison de la Solidarité des Prés"]
    assert labels(coordinator_client, "structures", "MISSION") == ["Mission locale de SQY"]


def test_at_most_twenty_matches_and_more_is_said(coordinator_client):
    many_structures(30)
    response = coordinator_client.get(search_url("structures"), {"q": "structure"})
    assert len(response.json()["results"]) == LIMIT and response.json()["more"] is True


def test_contacts_read_with_their_structure(coordinator_client):
    contact("Hélène", "Durand", organisation="CCAS de Trappes")
    assert labels(coordinator_client, "interlocuteurs", "helene") == ["DURAND Hélène – CCAS de Trappes"]


def test_deactivated_structures_and_contacts_are_found_by_the_project_team_only(client, coordinator_client):
    closed = structure("Association fermée")
    contact("Inès", "Fermée", organisation="Association fermée")
    Organisation.objects.filter(pk=closed.pk).update(is_active=False)
    assert labels(coordinator_client, "structures", "fermee") == ["Association fermée (désactivée)"]
    client.force_login(make_persona("partner"))
    assert labels(client, "structures", "fermee") == []
    assert labels(client, "interlocuteurs", "fermee") == []


def test_groups_are_those_the_user_may_open(client, coordinator_client):
    mine, other = group("DS", "Groupe du partenaire"), group("HAB", "Groupe d'ailleurs")
    partner = make_persona("partner")
    member(mine, Contact.objects.get(user=partner))
    assert labels(coordinator_client, "groupes", "groupe") == ["Groupe d'ailleurs", "Groupe du partenaire"]
    client.force_login(partner)
    assert labels(client, "groupes", "groupe") == ["Groupe du partenaire"]
    assert other.name not in labels(client, "groupes")


def test_fiches_are_those_the_user_may_open(client, coordinator_client):
    validated = sheet(group("DS"), "Cellule de veille éducative", status=Status.VALIDATED)
    draft = sheet(group("HAB"), "Brouillon caché aux partenaires")
    assert labels(coordinator_client, "fiches", validated.code) == [f"{validated.code} – {validated.title}"]
    assert labels(coordinator_client, "fiches", "cellule veille educative") == [
        f"{validated.code} – {validated.title}"
    ]
    client.force_login(make_persona("outsider"))
    assert labels(client, "fiches", "cellule") == [f"{validated.code} – {validated.title}"]
    assert labels(client, "fiches", "brouillon") == []
    assert draft.code not in " ".join(labels(client, "fiches"))


def test_an_unknown_kind_is_not_found(coordinator_client):
    assert coordinator_client.get(search_url("comptes"), {"q": "a"}).status_code == 404


@pytest.mark.parametrize(
    ("kind", "q", "budget"),
    [
        ("structures", "structure", 6),
        ("interlocuteurs", "dupont", 6),
        ("groupes", "groupe", 7),
        ("fiches", "fiche", 8),
    ],
)
@pytest.mark.parametrize("persona", ["coordinator", "partner"])
def test_search_query_budget_does_not_grow_with_data(client, kind, q, budget, persona):
    # The session, the user, the idle-timeout bookkeeping of the session (3 queries, as on every page), then
    # the search itself; for a partner, the groups and fiches also read the user's interlocutors and groups.
    client.force_login(make_persona(persona))
    url = f"{search_url(kind)}?q={q}"

    def grow():
        many_structures(40)
        people = Contact.objects.bulk_create(
            Contact(organisation=structure("Structure 00001"), first_name=f"P{index}", last_name="Dupont")
            for index in range(40)
        )
        for index, item in enumerate(many_groups(25)):
            sheet(item, f"Fiche n° {index}", status=Status.VALIDATED)
            Membership.objects.create(group=item, contact=people[index])

    queries = assert_query_budget(client, url, budget=budget, grow=grow)
    print(f"{kind} as {persona}: {queries} queries")


# The fiches list at 100× data


@pytest.fixture
def hundredfold():
    """800 groups with a fiche each and 3,000 structures, each piloting or partnering a fiche (as at 100×)."""
    groups = many_groups(800)
    structures = many_structures(3000)
    pilots = Contact.objects.bulk_create(
        Contact(organisation=item, first_name="Pilote", last_name=f"N° {index}")
        for index, item in enumerate(structures)
    )
    axis = Axis.objects.get(code="DS")
    sheets = ActionSheet.objects.bulk_create(
        ActionSheet(
            code=f"DS-{index + 100}",
            number=index + 100,
            axis=axis,
            group=item,
            title=f"Action n° {index}",
            pilot=pilots[index],
            status=Status.VALIDATED,
        )
        for index, item in enumerate(groups)
    )
    ActionPartner.objects.bulk_create(
        ActionPartner(sheet=sheets[index % len(sheets)], organisation=item, role="operational")
        for index, item in enumerate(structures)
    )
    with connection.cursor() as cursor:  # fresh statistics, as after the bench data (else a poor plan)
        cursor.execute("ANALYZE actionsheets_actionsheet, actionsheets_actionpartner, partners_organisation")
    return groups, structures, sheets


def test_the_fiches_list_stays_light_at_100x_data(coordinator_client, hundredfold):
    groups, structures, sheets = hundredfold
    response = coordinator_client.get(LIST)
    print(f"fiches list with 800 groups and 3,000 structures: {len(response.content):,} bytes")
    assert response.status_code == 200
    assert len(response.content) < 150_000
    assert structures[2999].name not in response.content.decode()


@pytest.mark.parametrize(("name", "pick"), [("groupe", 0), ("pilote", 1), ("partenaire", 2)])
def test_filtering_by_a_chosen_group_or_structure_still_works_at_scale(coordinator_client, hundredfold, name, pick):
    groups, structures, sheets = hundredfold
    chosen, expected = {
        "groupe": (groups[420], sheets[420]),
        "pilote": (structures[420], sheets[420]),
        "partenaire": (structures[1220], sheets[1220 % 800]),
    }[name]
    response = coordinator_client.get(LIST, {name: chosen.pk})
    page = html(response)
    assert len(response.content) < 150_000
    assert [cell.get_text(strip=True) for cell in page.select("main table tbody tr td:first-child")] == [expected.code]
    box = page.select_one(f'form[role=search] input[type=checkbox][name="{name}"]')
    assert box["value"] == str(chosen.pk) and box.has_attr("checked")
    assert page.select_one(f'label[for="{box["id"]}"]').get_text(strip=True) == str(chosen)
    assert page.select_one(f'form[role=search] input[type=text][name="{name}"]')["value"] == ""


# Without JavaScript: the typed text is resolved by name


def test_a_typed_name_is_resolved_without_javascript(coordinator_client):
    hit = sheet(group("DS"), "Pilotée par la Mission locale", status=Status.VALIDATED)
    ActionPartner.objects.create(sheet=hit, organisation=structure("Mission locale de SQY"), role="operational")
    sheet(group("HAB"), "Une autre", status=Status.VALIDATED)
    response = coordinator_client.get(LIST, {"partenaire": "mission locale sqy"})
    page = html(response)
    assert [cell.get_text(strip=True) for cell in page.select("main table tbody tr td:first-child")] == [hit.code]
    assert page.select_one('input[type=checkbox][name="partenaire"]')["value"] == str(
        structure("Mission locale de SQY").pk
    )


def test_an_ambiguous_or_unknown_name_gets_a_french_message_and_is_kept(coordinator_client):
    structure("Mission locale de SQY")
    structure("Mission locale de Rambouillet")
    page = html(coordinator_client.get(LIST, {"partenaire": "mission locale"}))
    field = page.select_one('input[type=text][name="partenaire"]')
    assert field["value"] == "mission locale"
    assert "correspond à plusieurs choix" in page.get_text() and "précisez" in page.get_text()
    page = html(coordinator_client.get(LIST, {"partenaire": "zzz introuvable"}))
    assert "Aucun choix ne correspond à « zzz introuvable »" in page.get_text()


def test_a_number_naming_nothing_and_control_characters_are_refused_cleanly(coordinator_client):
    """Found by the fuzzer on the COPIL dossier's « ajouter »: a NUL reached PostgreSQL (500), and a number
    that named no fiche vanished from the field."""
    page = html(coordinator_client.get(LIST, {"partenaire": "0"}))
    assert page.select_one('input[type=text][name="partenaire"]')["value"] == "0"  # typed back, not lost
    response = coordinator_client.get(LIST, {"partenaire": "\x00mission\x1f"})
    assert response.status_code == 200
    assert "Aucun choix ne correspond" in html(response).get_text()
    search = coordinator_client.get(reverse("picker_search", args=["structures"]), {"q": "\x00"})
    assert search.status_code == 200
