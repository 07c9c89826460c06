import io

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from partners import services
from partners.enums import AuditVerb
from partners.models import AuditEntry, Axis, Contact, Neighbourhood, Organisation, OrganisationType
from tests.conftest import OWN, make_persona, organisation
from tests.utils import assert_query_budget, html

pytestmark = pytest.mark.django_db
LIST = reverse("partners:organisation_list")


def kind(code):
    return OrganisationType.objects.get(code=code)


def make_org(name, code="asso", **fields):
    axes = fields.pop("axes", [])
    org = Organisation.objects.create(name=name, type=kind(code), **fields)
    org.axes.set(Axis.objects.filter(code__in=axes))
    return org


def names(response):
    return [link.get_text(strip=True) for link in html(response).select("tbody td:first-child > a")]


@pytest.fixture
def directory(db):
    mission = make_org("Mission locale de Saint-Quentin-en-Yvelines et environs", "emploi", axes=["IPJ"])
    ccas = make_org("Centre communal d'action sociale de Plaisir", "ccas", acronym="CCAS", axes=["SEN", "AD"])
    college = make_org("Collège Blaise-Pascal", "education", axes=["DS"])
    Contact.objects.create(
        organisation=college,
        first_name="Éloïse",
        last_name="Décrocheuse",
        function="Conseillère principale d'éducation",
        email="cpe@example.org",
    )
    return {"mission": mission, "ccas": ccas, "college": college}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mision locale", "Mission locale de Saint-Quentin-en-Yvelines et environs"),  # typo
        ("CCAS", "Centre communal d'action sociale de Plaisir (CCAS)"),  # acronym
        ("college blaise pascal", "Collège Blaise-Pascal"),  # accents and hyphen
        ("conseillere principale", "Collège Blaise-Pascal"),  # through an interlocutor's function
        ("cpe@example", "Collège Blaise-Pascal"),  # through an interlocutor's e-mail
    ],
)
def test_search_tolerates_typos_and_accents(coordinator_client, directory, query, expected):
    found = names(coordinator_client.get(LIST, {"q": query}))
    assert found[0] == expected


def test_interlocutors_are_found_through_their_structure_even_misspelt(coordinator_client, directory):
    Contact.objects.create(organisation=directory["mission"], first_name="Karim", last_name="Benali")
    contacts = reverse("partners:contact_list")
    for query in ("mission locale", "mision locale"):
        assert names(coordinator_client.get(contacts, {"q": query})) == ["Benali Karim"], query
    assert names(coordinator_client.get(contacts, {"q": "benali"})) == ["Benali Karim"]


def test_lists_page_without_deep_offsets(coordinator_client, directory, monkeypatch):
    from partners import directory_views
    from solidarites.lib import pagination

    monkeypatch.setattr(directory_views, "PAGE_SIZE", 1)
    monkeypatch.setattr(pagination, "MAX_ROWS", 2)
    page = html(coordinator_client.get(LIST, {"page": 2}))
    assert "Page 2 sur 2" in page.select_one("nav[aria-label=Pagination]").get_text(" ", strip=True)
    assert "(3 structures)" in page.select_one("h1").get_text(" ", strip=True)  # the real number
    assert "Seules les 2 premières structures sont affichées" in page.select_one("main").get_text(" ", strip=True)
    assert len(names(coordinator_client.get(LIST, {"page": 99}))) == 1  # past the cap: the last allowed page
    narrowed = coordinator_client.get(LIST, {"axe": Axis.objects.get(code="SEN").pk})
    assert "premières structures" not in html(narrowed).text


def test_filter_by_axis_narrows_the_list(coordinator_client, directory):
    axis = Axis.objects.get(code="SEN")
    assert names(coordinator_client.get(LIST, {"axe": axis.pk})) == [str(directory["ccas"])]
    assert len(names(coordinator_client.get(LIST))) == 3


def test_deactivated_structures_are_for_coordinators_only(client, coordinator_client, directory):
    services.set_active(by=None, instance=directory["mission"], active=False)
    assert str(directory["mission"]) not in names(coordinator_client.get(LIST))
    assert str(directory["mission"]) in names(coordinator_client.get(LIST, {"etat": "0"}))
    client.force_login(make_persona("reader"))
    assert client.get(LIST, {"etat": "0"}).status_code == 200
    assert str(directory["mission"]) not in names(client.get(LIST, {"etat": "0"}))
    assert client.get(directory["mission"].get_absolute_url()).status_code == 404


def test_partner_edits_its_own_structure_only(client):
    partner = make_persona("partner")
    other = organisation("Une autre association")
    client.force_login(partner)
    own = organisation(OWN)
    response = client.post(
        reverse("partners:organisation_edit", args=[own.pk]),
        {"acronym": "ADP", "phone": "01 30 00 00 00", "version": own.version, "name": "Pirate"},
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.acronym == "ADP"
    assert own.name == OWN  # not a field partners may change: ignored
    assert client.post(reverse("partners:organisation_edit", args=[other.pk]), {"acronym": "X"}).status_code == 403
    other.refresh_from_db()
    assert other.acronym == ""
    assert AuditEntry.objects.filter(verb=AuditVerb.UPDATED, target_id=str(own.pk)).count() == 1


def test_bad_input_gets_french_messages_and_nothing_is_saved(coordinator_client, directory):
    response = coordinator_client.post(
        reverse("partners:organisation_create"),
        {
            "name": "CENTRE COMMUNAL D'ACTION SOCIALE DE PLAISIR",
            "type": kind("ccas").pk,
            "postal_code": "7837",
            "phone": "12",
            "email": "pas-un-email",
            "website": "pas une adresse",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "existe déjà" in content
    assert "Un code postal compte 5 chiffres." in content
    assert "Numéro de téléphone français attendu" in content
    assert Organisation.objects.count() == 3


def test_concurrent_edits_show_a_conflict_and_keep_the_second_text(coordinator_client, directory):
    org = directory["mission"]
    url = reverse("partners:organisation_edit", args=[org.pk])
    base = {"name": org.name, "type": org.type_id, "version": org.version}
    assert coordinator_client.post(url, {**base, "missions": "Version A"}).status_code == 302
    second = coordinator_client.post(url, {**base, "missions": "Version B"})
    content = second.content.decode()
    assert "enregistré cette fiche pendant que vous la modifiiez" in content
    assert "Version A" in content and "Version B" in content
    org.refresh_from_db()
    assert org.missions == "Version A"
    again = coordinator_client.post(url, {**base, "missions": "Version B", "version": org.version})
    assert again.status_code == 302  # saved knowingly, after seeing both versions


@pytest.mark.parametrize("remove", ["-1", "abc", "٣", "99999999999999999999999"])
def test_choosing_the_structures_to_merge_refuses_what_is_not_a_structure(coordinator_client, directory, remove):
    """Found by the fuzzing (issue 13, finding 17): a value that is not a number was a 500 (no URL to redirect to)."""
    keep = directory["mission"]
    response = coordinator_client.get(reverse("partners:merge_select"), {"garder": keep.pk, "fusionner": remove})
    if response.status_code == 302:
        assert coordinator_client.get(response.url).status_code == 404
    else:
        assert response.status_code == 200
        assert "Choisissez deux structures de la liste." in response.content.decode()


def test_merge_moves_contacts_children_and_links_atomically(coordinator_client, coordinator, directory):
    keep = directory["mission"]
    duplicate = make_org("Mission Locale SQY", "emploi", axes=["DS"], phone="01 99 00 00 01")
    child = make_org("Antenne de Plaisir", "emploi", parent=duplicate)
    Contact.objects.create(organisation=duplicate, first_name="Jean", last_name="Doublon", email="jd@example.org")
    response = coordinator_client.post(
        reverse("partners:merge", args=[keep.pk, duplicate.pk]), {"name": "keep", "phone": "remove"}
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    assert keep.phone == "01 99 00 00 01"
    assert keep.name == "Mission locale de Saint-Quentin-en-Yvelines et environs"
    assert set(keep.axes.values_list("code", flat=True)) == {"IPJ", "DS"}
    assert Contact.objects.get(email="jd@example.org").organisation == keep
    assert Organisation.objects.get(pk=child.pk).parent == keep
    assert not duplicate.is_active and duplicate.merged_into == keep
    assert AuditEntry.objects.filter(verb=AuditVerb.MERGED).count() == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_export_matches_the_filtered_list(coordinator_client, directory, fmt):
    axis = Axis.objects.get(code="SEN")
    response = coordinator_client.get(reverse("partners:organisation_export", args=[fmt]), {"axe": axis.pk})
    assert response.status_code == 200
    assert "structures-" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        assert response.content.startswith("\ufeff".encode())
        rows = response.content.decode("utf-8-sig").splitlines()
        headers, data = rows[0].split(";"), [rows[1].split(";")]
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        headers, *data = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    else:
        dataset = tablib.Dataset().load(io.BytesIO(response.content), format="ods")
        headers, data = dataset.headers, [list(row) for row in dataset]
    assert headers[:3] == ["Structure", "Sigle", "Type"]
    assert [row[0] for row in data] == [directory["ccas"].name]


def test_contact_export_in_csv_for_excel(coordinator_client, directory):
    response = coordinator_client.get(reverse("partners:contact_export", args=["csv"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Civilité;Prénom;Nom;Fonction;Structure")
    assert "Éloïse;Décrocheuse" in lines[1]


def test_list_query_budget_is_the_same_with_1_and_10_structures(coordinator_client):
    make_org("Première association", axes=["DS"])

    def grow():
        for number in range(9):
            parent = make_org(f"Association parente {number}")
            org = make_org(f"Association {number}", axes=["DS", "HAB"], parent=parent)
            org.neighbourhoods.set([Neighbourhood.objects.create(name=f"Quartier {number}")])

    # shell (5) + filter choices (types, axes, neighbourhoods) + count + page + axes prefetch + own structure
    assert_query_budget(coordinator_client, LIST, budget=12, grow=grow)
    assert_query_budget(coordinator_client, LIST + "?q=association", budget=12, grow=lambda: None)


def test_contact_list_query_budget(coordinator_client):
    org = make_org("Association")
    Contact.objects.create(organisation=org, first_name="A", last_name="B")

    def grow():
        for number in range(10):
            Contact.objects.create(organisation=make_org(f"Asso {number}"), first_name="C", last_name=f"D{number}")

    assert_query_budget(coordinator_client, reverse("partners:contact_list"), budget=10, grow=grow)


def test_detail_query_budget_is_the_same_with_1_and_10_contacts(coordinator_client):
    org = make_org("Association", axes=["DS"])
    Contact.objects.create(organisation=org, first_name="A", last_name="B")

    def grow():
        for number in range(10):
            Contact.objects.create(organisation=org, first_name="C", last_name=f"D{number}")
            make_org(f"Service {number}", parent=org)
            services.log_action(actor=None, verb=AuditVerb.UPDATED, target=org)

    # 12, plus the page slots filled by the higher apps (issue 10): the structure's groups, its sessions
    # attended (count, last ones) and its fiches.
    assert_query_budget(coordinator_client, org.get_absolute_url(), budget=16, grow=grow)
