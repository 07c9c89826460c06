"""The axis page (programme:axis_detail): what each persona finds there, 404s, and its query budget."""

import pytest
from django.urls import reverse

from actionsheets.models import ActionPartner
from partners.models import Axis
from tests.actionsheets.factories import ActionSheetFactory
from tests.conftest import OTHER, OWN, make_persona, organisation
from tests.utils import cold_and_warm_queries, html
from tests.workshops.factories import MeetingFactory, contact, group, member
from workshops.models import Attendance, CoordinationObstacle, Finding, MembershipRole

pytestmark = pytest.mark.django_db


def axis_url(code="DS"):
    return reverse("programme:axis_detail", kwargs={"code": code})


@pytest.fixture
def ds():
    """Axis DS: the partner's group (the partner animates it) and another group of the axis, fiches in both,
    findings, an obstacle, a held session and a next one, structures that pilot, carry and partner fiches."""
    partner = make_persona("partner")
    own_group, other_group = group("DS"), group("DS", name="Groupe DS bis")
    member(own_group, partner.contact, MembershipRole.FACILITATOR)
    anna = contact("Anna", "Animatrice", organisation="Centre social Anna")
    member(other_group, anna, MembershipRole.FACILITATOR)
    validated = ActionSheetFactory(group=other_group, title="Cellule de veille validée", validated=True)
    own_draft = ActionSheetFactory(group=own_group, title="Brouillon de mon groupe")
    other_draft = ActionSheetFactory(group=other_group, title="Brouillon de l'autre groupe")
    validated.lead_organisation = organisation("Collège Jean Moulin")
    validated.save(update_fields=["lead_organisation"])
    ActionPartner.objects.create(sheet=validated, organisation=organisation("CAF des Yvelines"), role="funder")
    Finding.objects.create(axis=Axis.objects.get(code="DS"), kind="need", source="statistics", title="Besoin DS")
    obstacle = CoordinationObstacle.objects.create(title="Frein du DS", category="silos")
    obstacle.axes.set([Axis.objects.get(code="DS")])
    held = MeetingFactory(groups=[other_group], past=True, title="Séance tenue de l'autre groupe")
    Attendance.objects.create(meeting=held, contact=anna, status=Attendance.Status.PRESENT)
    MeetingFactory(groups=[own_group], title="Prochaine séance de mon groupe")
    return {
        "partner": partner,
        "own_group": own_group,
        "other_group": other_group,
        "validated": validated,
        "own_draft": own_draft,
        "other_draft": other_draft,
    }


def page_of(client, user, code="DS"):
    client.force_login(user)
    response = client.get(axis_url(code))
    assert response.status_code == 200
    return html(response)


def links(page):
    return {a["href"] for a in page.select("main a[href]")}


def test_coordinator_sees_everything_of_the_axis(client, ds):
    page = page_of(client, make_persona("coordinator"))
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(" ", strip=True).startswith("DS Axe DS")
    for sheet in ("validated", "own_draft", "other_draft"):
        assert ds[sheet].get_absolute_url() in links(page)
    for expected in (
        "Anna Animatrice",
        "Paula Partenaire",
        "Besoin DS",
        "Frein du DS",
        "Séance tenue de l'autre groupe",
        "Prochaine séance de mon groupe",
        "Collège Jean Moulin (porteuse d'une fiche)",
        "CAF des Yvelines (partenaire d'une fiche)",
        "Centre social Anna (membre d'un groupe)",
        f"{OWN} (membre d'un groupe)",
    ):
        assert expected in text, expected
    assert page.select_one("#fiches").get_text(" ", strip=True) == "Fiches actions (3)"
    assert ds["own_group"].get_absolute_url() in links(page) and ds["other_group"].get_absolute_url() in links(page)


def test_partner_sees_validated_fiches_and_those_of_its_groups_only(client, ds):
    page = page_of(client, ds["partner"])
    assert ds["validated"].get_absolute_url() in links(page)
    assert ds["own_draft"].get_absolute_url() in links(page)
    assert ds["other_draft"].get_absolute_url() not in links(page)
    assert "Brouillon de l'autre groupe" not in page.get_text()
    assert page.select_one("#fiches").get_text(" ", strip=True) == "Fiches actions (2)"
    # Its own group is a link; the other group of the axis is named, not linked (it would be a 404).
    assert ds["own_group"].get_absolute_url() in links(page)
    assert ds["other_group"].get_absolute_url() not in links(page)
    assert "Groupe DS bis" in page.get_text()
    # Sessions: only those of groups it may see.
    assert "Prochaine séance de mon groupe" in page.get_text()
    assert "Séance tenue de l'autre groupe" not in page.get_text()


def test_reader_counts_every_fiche_but_opens_the_validated_ones(client, ds):
    page = page_of(client, make_persona("reader"))
    assert page.select_one("#fiches").get_text(" ", strip=True) == "Fiches actions (3)"
    assert ds["validated"].get_absolute_url() in links(page)
    assert ds["own_draft"].get_absolute_url() not in links(page)
    # The draft count is shown without a link to a list the reader could not filter on.
    draft_row = page.find("th", string="Brouillon").find_parent("tr")
    assert draft_row.find("a") is None and draft_row.get_text(" ", strip=True) == "Brouillon 2"
    validated_row = page.find("th", string="Validée").find_parent("tr")
    assert validated_row.find("a")["href"].endswith("statut=validated")


def test_outsider_sees_the_validated_fiches_and_no_session(client, ds):
    page = page_of(client, make_persona("outsider"))
    assert ds["validated"].get_absolute_url() in links(page)
    assert ds["own_draft"].get_absolute_url() not in links(page)
    assert "Aucune séance programmée." in page.get_text()
    assert "Besoin DS" in page.get_text()  # the diagnostic is shared with every logged-in user
    assert organisation(OTHER).name not in page.get_text()


@pytest.mark.parametrize("persona", ["outsider", "partner", "reader", "coordinator", "admin"])
def test_every_logged_in_persona_opens_an_axis_page(client, persona):
    assert page_of(client, make_persona(persona), "IPJ").h1 is not None


def test_the_code_is_read_in_any_case(client):
    page = page_of(client, make_persona("partner"), "ds")
    assert "Axe DS" in page.h1.get_text()


def test_unknown_and_inactive_axes_are_404(client):
    Axis.objects.create(code="OLD", title="Ancien axe", short_title="Ancien", is_active=False)
    client.force_login(make_persona("coordinator"))
    assert client.get(axis_url("ZZ")).status_code == 404
    assert client.get(axis_url("OLD")).status_code == 404
    assert client.get(axis_url("old")).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(axis_url())
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["partner", "coordinator"])
def test_query_budget_with_1_and_10_rows(client, ds, persona, settings, capsys):
    user = ds["partner"] if persona == "partner" else make_persona(persona)
    client.force_login(user)
    axis = Axis.objects.get(code="DS")

    def grow():
        for index in range(9):
            person = contact("Membre", f"Numéro{index}", organisation=f"Structure {index}")
            member(ds["own_group"], person, MembershipRole.CO_FACILITATOR if index % 2 else MembershipRole.MEMBER)
            sheet = ActionSheetFactory(group=ds["own_group"], title=f"Fiche {index}", validated=index % 2 == 0)
            ActionPartner.objects.create(sheet=sheet, organisation=organisation(f"Partenaire {index}"), role="funder")
            Finding.objects.create(axis=axis, kind="weakness", source="statistics", title=f"Constat {index}")
            obstacle = CoordinationObstacle.objects.create(title=f"Frein {index}", category="means")
            obstacle.axes.set([axis])
            MeetingFactory(groups=[ds["own_group"]], days=-10 - index, title=f"Séance passée {index}")
            MeetingFactory(groups=[ds["own_group"]], days=20 + index, title=f"Séance à venir {index}")

    cold, warm = cold_and_warm_queries(client, axis_url(), settings=settings, budget=24, grow=grow)
    with capsys.disabled():
        print(f"\naxis page as {persona}: {cold} queries cold, {warm} with its figures cached")
    assert warm < cold


def test_the_cached_figures_follow_every_change(client, ds):
    """Groups, animateurs, fiches and structures are kept under the programme stamp: a change made anywhere
    (here: a new partner structure of a fiche, a renamed animateur's structure) shows at the next request."""
    client.force_login(make_persona("coordinator"))
    sheet = ActionSheetFactory(group=ds["own_group"], title="Fiche suivie", validated=True)
    client.get(axis_url())
    ActionPartner.objects.create(sheet=sheet, organisation=organisation("Compagnie du Renouveau"), role="funder")
    assert "Compagnie du Renouveau" in client.get(axis_url()).content.decode()
    renamed = organisation("Compagnie du Renouveau")
    renamed.name = "Compagnie Nouvelle"
    renamed.save()
    page = client.get(axis_url()).content.decode()
    assert "Compagnie Nouvelle" in page and "Compagnie du Renouveau" not in page


def test_a_large_axis_names_its_first_fiches_and_structures_and_counts_the_rest(client, monkeypatch):
    """At 100× an axis holds 700 fiches: the page names SHEETS_SHOWN per status and STRUCTURES_SHOWN
    structures, says how many more there are, and links to the full list."""
    from programme import axis

    monkeypatch.setattr(axis, "SHEETS_SHOWN", 2)
    monkeypatch.setattr(axis, "STRUCTURES_SHOWN", 2)
    ds_group = group("DS")
    for n in range(4):
        sheet = ActionSheetFactory(group=ds_group, title=f"Fiche numéro {n}")
        sheet.lead_organisation = organisation(f"Structure porteuse {n}")
        sheet.save(update_fields=["lead_organisation"])
    client.force_login(make_persona("coordinator"))
    page = html(client.get(axis_url()))
    text = " ".join(page.get_text().split())
    assert len([a for a in page.select("main li a") if a.get_text().startswith("DS-")]) == 2
    assert "Et 2 autres" in text
    assert page.find("a", string="voir les fiches « brouillon » de l'axe")["href"].startswith("/fiches/?axe=")
    assert "Structures impliquées (4)" in text
    assert "Les 2 premières par ordre alphabétique" in text


def test_an_axis_with_many_groups_names_the_users_own_first_and_links_to_all_of_them(client, monkeypatch):
    """At 100× an axis has a hundred groups: the page names GROUPS_SHOWN, the partner's own first, and links to
    the list of groups filtered on the axis."""
    from programme import axis

    monkeypatch.setattr(axis, "GROUPS_SHOWN", 1)
    group("DS", name="Groupe A du décrochage")
    own = group("DS", name="Groupe Z du décrochage")
    group("IPJ", name="Groupe de l'insertion")
    user = make_persona("partner")
    member(own, user.contact)
    client.force_login(user)
    page = html(client.get(axis_url()))
    section = page.find(id="groupes").parent
    assert [a.get_text() for a in section.select("ul > li > a, ul > li > strong")][:1] == ["Groupe Z du décrochage"]
    assert "Groupe A du décrochage" not in section.get_text()
    link = section.find("a", string="tous les groupes de l'axe DS")
    listed = html(client.get(link["href"]))
    names = {row.select_one("td, th").get_text(strip=True) for row in listed.select("tbody tr")}
    assert {"Groupe A du décrochage", "Groupe Z du décrochage"} <= names
    assert "Groupe de l'insertion" not in listed.get_text()
    assert "de l'axe DS" in listed.h1.get_text()
