"""The partner × axis map: what each cell says, the filters, the « À traiter » highlights (key types of
partners missing from an axis, structures seen at the partners' day only), sorting, the export read back, and
a query budget that does not grow with the number of structures."""

import csv
import io
from datetime import timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from actionsheets.models import ActionPartner, ActionSheet
from partners.models import Axis, Contact, Neighbourhood, Organisation, OrganisationType
from programme.models import KeyPartnerType
from tests.actionsheets.factories import sheet
from tests.utils import cold_and_warm_queries, html
from tests.workshops.factories import group, meeting, member
from workshops.enums import AttendanceStatus, MeetingKind, MembershipRole
from workshops.models import Attendance

pytestmark = pytest.mark.django_db
URL = reverse("programme:partner_map")
HIGHLIGHTS = "section[aria-labelledby=a-traiter]"


def structure(name, kind="asso", neighbourhood=None):
    organisation = Organisation.objects.create(name=name, type=OrganisationType.objects.get(code=kind))
    if neighbourhood:
        organisation.neighbourhoods.add(neighbourhood)
    return organisation


def person(organisation, last_name):
    return Contact.objects.create(organisation=organisation, first_name="Camille", last_name=last_name)


def attend(session, contact, status=AttendanceStatus.PRESENT):
    return Attendance.objects.create(meeting=session, contact=contact, status=status)


@pytest.fixture
def town():
    """Six structures: a college that animates DS; the Mission locale, member of IPJ and porteuse of a HAB fiche;
    an association partner of a DS fiche that attended two HAB sessions this year (and one 400 days ago); three
    structures seen at the partners' day: one in no group since, one that came to a session since, one member."""
    ds, ipj, hab = group("DS"), group("IPJ"), group("HAB")
    valibout = Neighbourhood.objects.create(name="Le Valibout", is_qpv=True)
    college = structure("Collège Guillaume Apollinaire", "education", valibout)
    member(ds, person(college, "Principale"), MembershipRole.FACILITATOR)
    mission = structure("Mission locale", "emploi")
    member(ipj, person(mission, "Conseillère"))
    sheet(hab, "Logement des jeunes", lead_organisation=mission)
    asso = structure("Association Relais")
    ActionPartner.objects.create(sheet=sheet(ds, "Cellule de veille"), organisation=asso, role="operational")
    relais = person(asso, "Bénévole")
    for days in (-30, -60, -400):
        attend(meeting(hab, days=days), relais)
    attend(meeting(hab, days=-90), relais, AttendanceStatus.EXCUSED)  # excused: not counted
    day = meeting(days=-200, title="Journée partenariale", kind=MeetingKind.PLENARY)
    only_day, came_back, in_group = structure("Centre social"), structure("Épicerie solidaire"), structure("CCAS")
    attend(day, person(only_day, "Directrice"))
    attend(day, person(came_back, "Trésorier"))
    attend(meeting(ipj, days=-20), Contact.objects.get(organisation=came_back))
    member(ipj, person(in_group, "Responsable"))
    attend(day, Contact.objects.get(organisation=in_group))
    KeyPartnerType.objects.create(axis=Axis.objects.get(code="DS"), organisation_type=college.type)
    KeyPartnerType.objects.create(
        axis=Axis.objects.get(code="HAB"),
        organisation_type=OrganisationType.objects.get(code="bailleur"),
        reason="Les bailleurs logent la plupart des habitants.",
    )
    return {"college": college, "mission": mission, "asso": asso, "only_day": only_day, "valibout": valibout}


def axis_codes(page):
    return [abbr.get_text() for abbr in page.select("table.partner-map thead abbr")]


def table_rows(page):
    """[[structure, type, cell…, axes, sessions]] as the page shows them (a cell: its items joined by « ; »)."""
    rows = []
    for tr in page.select("table.partner-map tbody tr"):
        cells = [" ; ".join(li.get_text(" ", strip=True) for li in td.select("li")) for td in tr.find_all("td")[1:-2]]
        tds = tr.find_all("td")
        rows.append(
            [tr.th.get_text(strip=True), tds[0].get_text(strip=True), *cells]
            + [tds[-2].get_text(strip=True), tds[-1].get_text(strip=True)]
        )
    return rows


def by_name(rows):
    return {row[0]: row for row in rows}


def cell(page, name, code):
    return by_name(table_rows(page))[name][2 + axis_codes(page).index(code)]


def test_each_cell_says_how_the_structure_takes_part(town, coordinator_client):
    page = html(coordinator_client.get(URL))
    assert cell(page, "Collège Guillaume Apollinaire", "DS") == "Anime le groupe"
    assert cell(page, "Mission locale", "IPJ") == "Membre du groupe"
    assert cell(page, "Mission locale", "HAB") == "Porteuse de 1 fiche"
    assert cell(page, "Association Relais", "DS") == "Partenaire de 1 fiche"
    assert cell(page, "Association Relais", "HAB") == "2 séances"  # not the excused one nor the one 400 days ago
    assert cell(page, "Centre social", "DS") == ""
    rows = by_name(table_rows(page))
    assert rows["Association Relais"][-2:] == ["2", "2"]  # two axes, two sessions
    assert rows["Collège Guillaume Apollinaire"][1] == "État – Éducation nationale"
    # Colour is never the cue: each item has its icon hidden from screen readers, and words.
    item = page.select_one("table.partner-map tbody li")
    assert item.find("i")["aria-hidden"] == "true" and item.get_text(strip=True)
    assert page.select_one("table.partner-map caption")
    assert page.select("table.partner-map tbody th[scope=row]")


def test_the_cross_cutting_axis_is_a_column_once_it_has_a_group(town, coordinator_client):
    assert "COORD" not in axis_codes(html(coordinator_client.get(URL)))
    group("COORD")
    assert "COORD" in axis_codes(html(coordinator_client.get(URL)))


def test_readers_read_the_same_map(town, persona_client):
    page = html(persona_client("reader").get(URL))
    assert cell(page, "Mission locale", "HAB") == "Porteuse de 1 fiche"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type={education}", ["Collège Guillaume Apollinaire"]),
        ("quartier={valibout}", ["Collège Guillaume Apollinaire"]),
        ("un_seul_axe=on", ["CCAS", "Collège Guillaume Apollinaire", "Épicerie solidaire"]),
        ("journee=on", ["Centre social"]),
        ("un_seul_axe=on&type={education}", ["Collège Guillaume Apollinaire"]),
    ],
)
def test_filters(town, coordinator_client, query, expected):
    values = {"education": town["college"].type_id, "valibout": town["valibout"].pk}
    page = html(coordinator_client.get(f"{URL}?{query.format(**values)}"))
    assert [row[0] for row in table_rows(page)] == expected


def test_a_structure_that_joins_a_group_leaves_the_partners_day_list(town, coordinator_client):
    before = html(coordinator_client.get(URL)).select_one(HIGHLIGHTS).get_text(" ", strip=True)
    assert "1 structure présente à la journée partenariale, dans aucun groupe depuis" in " ".join(before.split())
    member(group("SEN"), Contact.objects.get(organisation=town["only_day"]))
    page = html(coordinator_client.get(f"{URL}?journee=on"))
    assert table_rows(page) == []
    assert "0 structure présente à la journée" in " ".join(page.select_one(HIGHLIGHTS).get_text(" ").split())


def test_highlights_link_to_the_filtered_rows(town, coordinator_client):
    page = html(coordinator_client.get(URL))
    box = page.select_one(HIGHLIGHTS)
    text = " ".join(box.get_text(" ").split())
    assert "3 structures actives dans un seul axe" in text
    assert box.find("a", href="?un_seul_axe=on") and box.find("a", href="?journee=on")
    # A key type absent from an axis (configured data): no « Bailleur social » in HAB; DS has its college.
    assert "HAB – Habitat : aucune structure « Bailleur social » n'y prend part." in text
    assert "Les bailleurs logent la plupart des habitants." in text
    assert "Éducation nationale" not in text
    bailleur = OrganisationType.objects.get(code="bailleur")
    assert box.find("a", href=f"?type={bailleur.pk}")


def test_a_key_type_is_no_longer_missing_once_such_a_structure_takes_part(town, coordinator_client):
    landlord = structure("Les Résidences Yvelines Essonne", "bailleur")
    member(group("HAB"), person(landlord, "Gardien"))
    text = " ".join(html(coordinator_client.get(URL)).select_one(HIGHLIGHTS).get_text(" ").split())
    assert "Bailleur social" not in text
    assert "Chaque axe compte au moins une structure" in text


def test_sorting_by_name_axes_and_sessions(town, coordinator_client):
    names = [row[0] for row in table_rows(html(coordinator_client.get(URL)))]
    assert names == list(Organisation.objects.order_by("name").values_list("name", flat=True))
    page = html(coordinator_client.get(f"{URL}?tri=-axes"))
    assert [row[0] for row in table_rows(page)][:2] == ["Association Relais", "Mission locale"]
    assert page.select_one("th[aria-sort=descending]").get_text(" ", strip=True).startswith("Axes")
    assert len(page.select("th[aria-sort]")) == 1
    page = html(coordinator_client.get(f"{URL}?tri=-seances"))
    rows = table_rows(page)
    assert [row[0] for row in rows][:2] == ["Association Relais", "Épicerie solidaire"]
    assert [int(row[-1]) for row in rows] == sorted((int(row[-1]) for row in rows), reverse=True)
    page = html(coordinator_client.get(f"{URL}?tri=axes"))
    assert page.select_one("th[aria-sort=ascending]").get_text(" ", strip=True).startswith("Axes")
    assert [row[0] for row in table_rows(page)][-2:] == ["Association Relais", "Mission locale"]  # ties: by name
    page = html(coordinator_client.get(f"{URL}?tri=n'importe quoi"))
    assert page.select_one("th[aria-sort=ascending]").get_text(" ", strip=True).startswith("Structure")


def test_sorting_keeps_the_filters(town, coordinator_client):
    page = html(coordinator_client.get(f"{URL}?un_seul_axe=on&tri=-seances"))
    assert [row[0] for row in table_rows(page)] == ["Épicerie solidaire", "CCAS", "Collège Guillaume Apollinaire"]
    link = page.select_one("th[aria-sort] a")["href"]
    assert "un_seul_axe=on" in link and "tri=seances" in link
    assert page.find("input", attrs={"name": "tri", "type": "hidden"})["value"] == "-seances"


def read_back(response, fmt):
    content = response.content
    if fmt == "csv":
        return [row for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")]
    dataset = tablib.Dataset().load(content, format=fmt)
    return [list(dataset.headers)] + [["" if value is None else str(value) for value in row] for row in dataset]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
@pytest.mark.parametrize("query", ["", "?tri=-axes&un_seul_axe=on"])
def test_the_export_gives_the_rows_of_the_page(town, coordinator_client, fmt, query):
    page = html(coordinator_client.get(URL + query))
    response = coordinator_client.get(reverse("programme:partner_map_export", args=[fmt]) + query)
    assert response.status_code == 200
    assert "cartographie-partenaires" in response["Content-Disposition"]
    exported = read_back(response, fmt)
    assert exported[0][2] == "DS – Décrochage scolaire" and exported[0][-2:] == ["Axes", "Séances (12 derniers mois)"]
    numbers = [row[:-2] + [str(int(float(row[-2]))), str(int(float(row[-1])))] for row in exported[1:]]
    assert numbers == table_rows(page)


def test_an_unknown_export_format_is_404(coordinator_client):
    assert coordinator_client.get(reverse("programme:partner_map_export", args=["pdf"])).status_code == 404


def test_pages_of_25_structures(coordinator_client):
    kind = OrganisationType.objects.get(code="asso")
    Organisation.objects.bulk_create(Organisation(name=f"Structure {n:02d}", type=kind) for n in range(30))
    page = html(coordinator_client.get(f"{URL}?tri=-axes&page=2"))
    assert len(table_rows(page)) == 5
    assert "Page 2 sur 2" in page.get_text()


@pytest.mark.parametrize("sort", ["nom", "-axes"])
def test_query_budget_does_not_grow_with_the_structures(coordinator_client, sort, settings, capsys):
    ds = group("DS")

    made = []

    def add_structures(count):
        for _ in range(count):
            n = len(made)
            made.append(n)
            organisation = structure(f"Structure {sort} {n}")
            contact = person(organisation, f"Membre{n}")
            member(ds, contact)
            attend(meeting(ds, days=-10 - n), contact)
            ActionPartner.objects.create(
                sheet=sheet(ds, f"Fiche {n}", lead_organisation=organisation),
                organisation=organisation,
                role="operational",
            )
            ActionSheet.objects.filter(title=f"Fiche {n}").update(pilot=contact)

    add_structures(1)

    def grow():
        add_structures(9)

    # Nothing cached: session and user, axes, the highlights (4), count, the page's structures (the ranking by
    # axes: one query more), five sources and the sessions per structure, the filter form's types and
    # neighbourhoods, the programme stamp (twice).
    url = f"{URL}?tri={sort}"
    cold, warm = cold_and_warm_queries(coordinator_client, url, settings=settings, budget=24, grow=grow)
    with capsys.disabled():
        print(f"\npartner map ({sort}): {cold} queries cold with 1 and with 10 structures, {warm} once cached")
    assert warm <= 10


def test_a_saved_membership_drops_the_cached_highlights(town, coordinator_client):
    coordinator_client.get(URL)
    member(group("SEN"), Contact.objects.get(organisation=town["only_day"]))
    text = " ".join(html(coordinator_client.get(URL)).select_one(HIGHLIGHTS).get_text(" ").split())
    assert "0 structure présente à la journée partenariale" in text


def test_old_sessions_do_not_count(town, coordinator_client):
    Attendance.objects.filter(meeting__starts_at__gte=timezone.now() - timedelta(days=365)).delete()
    page = html(coordinator_client.get(URL))
    assert cell(page, "Association Relais", "HAB") == ""


def test_the_key_types_of_partners_are_set_in_the_admin(client):
    from tests.conftest import make_persona

    client.force_login(make_persona("admin"))
    assert client.get(reverse("admin:programme_keypartnertype_changelist")).status_code == 200
    response = client.post(
        reverse("admin:programme_keypartnertype_add"),
        {
            "axis": Axis.objects.get(code="SEN").pk,
            "organisation_type": OrganisationType.objects.get(code="ccas").pk,
            "reason": "Le CCAS coordonne l'aide aux aînés.",
        },
    )
    assert response.status_code == 302
    assert str(KeyPartnerType.objects.get()) == "SEN – Centre communal d'action sociale (CCAS)"


def test_the_filter_form_shows_the_filters_in_use(town, coordinator_client):
    kind = town["college"].type_id
    page = html(coordinator_client.get(f"{URL}?type={kind}&un_seul_axe=on&tri=-axes"))
    assert page.select_one("#id_type option[selected]")["value"] == str(kind)
    assert page.select_one("#id_un_seul_axe").has_attr("checked")
    assert not page.select_one("#id_journee").has_attr("checked")
    assert page.find("label", attrs={"for": "id_quartier"}).get_text() == "Quartier"
    chips = page.select("main a.btn-outline-secondary")
    assert {" ".join(chip.get_text(" ", strip=True).split()) for chip in chips} >= {
        "Type de structure : État – Éducation nationale (retirer ce filtre)",
        "Actives dans un seul axe : oui (retirer ce filtre)",
    }


def test_the_heading_counts_the_structures_shown(town, coordinator_client):
    def heading(query=""):
        return " ".join(html(coordinator_client.get(URL + query)).h1.get_text(" ").split())

    assert heading() == "Cartographie des partenaires (6 structures)"
    structure("Nouvelle association")  # the cached count is dropped when a structure is saved
    assert heading() == "Cartographie des partenaires (7 structures)"
    assert heading(f"?type={town['college'].type_id}") == "Cartographie des partenaires (1 structure)"


def test_the_demo_town_has_something_to_act_on(settings, coordinator_client):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")  # twice: the key types are not doubled
    assert KeyPartnerType.objects.count() == 13
    text = " ".join(html(coordinator_client.get(URL)).select_one(HIGHLIGHTS).get_text(" ").split())
    assert "HAB – Habitat : aucune structure « Caisse d'allocations familiales (CAF) » n'y prend part." in text
    assert "HAN – Handicap : aucune structure « État – Éducation nationale » n'y prend part." in text
    assert "présentes à la journée partenariale, dans aucun groupe depuis" in text
