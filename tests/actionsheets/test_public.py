"""The public page of validated actions (no login): only the fiches a coordinator marked « publiable » and
validated, their public summary only (no person's name or e-mail, no budget unless public), filters by axis
and neighbourhood, query budgets, indexing (robots), and the coordinator's « publiable » decision."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from actionsheets import services
from actionsheets.models import ActionSheet, BudgetLine, Funder, FundingLine, SheetVersion, Status, TargetPublic
from partners.models import AuditEntry, Axis, Contact, Neighbourhood, User
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, member, structure
from workshops.models import MembershipRole

pytestmark = pytest.mark.django_db

LIST = reverse("public:action_list")


def detail_url(item):
    return reverse("public:action_detail", kwargs={"pk": item.pk})


def published(item, **fields):
    """Mark `item` publiable (and `fields`: public_budget, public_summary) straight on the row."""
    ActionSheet.objects.filter(pk=item.pk).update(is_publishable=True, **fields)
    item.refresh_from_db()
    return item


def neighbourhood(name, **fields):
    return Neighbourhood.objects.get_or_create(name=name, defaults=fields)[0]


def titles(response):
    assert response.status_code == 200
    return [heading.get_text(strip=True) for heading in html(response).select("main article h3")]


# Who sees what


def test_a_fiche_not_publiable_or_not_validated_is_404_and_absent_from_the_list(client):
    shown = published(sheet(group("HAB"), "Permanences logement avec l'ADIL", status=Status.VALIDATED))
    hidden = sheet(group("HAB"), "Accompagnement social du relogement", status=Status.IN_PROGRESS)
    draft = published(sheet(group("DS"), "Cellule de veille collège"))
    forwarded = published(sheet(group("DS"), "Parrainage de collégiens", status=Status.FORWARDED))
    assert titles(client.get(LIST)) == ["Permanences logement avec l'ADIL"]
    assert client.get(detail_url(shown)).status_code == 200
    for item in (hidden, draft, forwarded):
        assert client.get(detail_url(item)).status_code == 404, item.title
    assert client.get(reverse("public:action_detail", kwargs={"pk": 999_999})).status_code == 404


def test_every_validated_state_is_public_once_publiable(client):
    for number, status in enumerate([Status.VALIDATED, Status.PLANNED, Status.IN_PROGRESS, Status.DONE]):
        published(sheet(group("HAB"), f"Action {number}", status=status))
    assert len(titles(client.get(LIST))) == 4


def test_the_public_pages_answer_without_login_and_the_fiche_pages_still_ask_for_one(client):
    item = published(sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED))
    assert client.get(LIST).status_code == 200
    assert client.get(detail_url(item)).status_code == 200
    assert client.get(item.get_absolute_url()).status_code == 302


# No personal data


@pytest.fixture
def peopled(coordinator):
    """Publishable fiches surrounded by people with distinctive names: pilots, co-authors, creators, the group's
    animateur, an elected referent, reviewers' comments, measurements recorded by somebody."""
    ds, hab = group("DS"), group("HAB")
    author = UserFactory(first_name="Ambroisine", last_name="Zyglowska", email="ambroisine.zyglowska@example.org")
    pilot = contact("Barthélemy", "Quennevilliers", "Centre social des Gâtines")
    co_author = contact("Clothilde", "Vercingetorixe", "Mission locale", email="clothilde.v@example.org")
    animateur = contact("Désiré", "Ouagadoubis", "Collège Blaise Pascal")
    member(ds, animateur, MembershipRole.FACILITATOR)
    quartier = neighbourhood("Valibout", is_qpv=True)
    items = []
    for number, group_ in enumerate([ds, hab, ds]):
        item = sheet(
            group_,
            f"Action publique n° {number}",
            by=author,
            status=Status.IN_PROGRESS,
            pilot=pilot,
            lead_organisation=structure("Centre social des Gâtines"),
            elected_referent="Mme Eulalie Pompadourin, adjointe à la jeunesse",
            general_objective="Repérer plus tôt les collégiens en difficulté.",
            start_date=datetime.date(2016, 1, 4),
            planned_end_date=datetime.date(2017, 6, 30),
        )
        item.co_authors.add(co_author)
        item.neighbourhoods.add(quartier)
        item.target_publics.add(TargetPublic.objects.first())
        services.move(by=coordinator, sheet=item, action="pause", comment="Attente de Barthélemy", notify=False)
        items.append(published(item, public_summary="Un accompagnement des collégiens et de leurs familles."))
    return {"items": items, "quartier": quartier}


def public_pages(client, peopled):
    axis = Axis.objects.get(code="DS")
    urls = [
        LIST,
        f"{LIST}?axe={axis.code}",
        f"{LIST}?quartier={peopled['quartier'].pk}",
        f"{LIST}?axe={axis.code}&quartier={peopled['quartier'].pk}",
        f"{LIST}?page=2",
        reverse("public:robots_txt"),
        *[detail_url(item) for item in peopled["items"]],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_the_public_pages_show_no_name_nor_e_mail_of_any_person(client, peopled):
    people = [*User.objects.all(), *Contact.objects.all()]
    assert len(people) >= 5
    forbidden = {"Pompadourin", "Zyglowska", "Quennevilliers", "Vercingetorixe", "Ouagadoubis"}
    for person in people:
        if person.first_name.strip() and person.last_name.strip():
            forbidden |= {f"{person.first_name} {person.last_name}", f"{person.last_name} {person.first_name}"}
        if person.email:
            forbidden.add(person.email)
    pages = list(public_pages(client, peopled))
    assert any("Action publique n° 1" in text for _, text in pages)  # the pages do show the fiches
    for url, text in pages:
        found = sorted(word for word in forbidden if word.lower() in text.lower())
        assert found == [], f"{url} shows {found}"


def test_the_public_summary_shows_the_structure_porteuse_publics_neighbourhoods_status_and_dates(client, peopled):
    page = html(client.get(detail_url(peopled["items"][0])))
    text = " ".join(page.select_one("main").get_text(" ").split())
    for expected in (
        "Action publique n° 0",
        "Un accompagnement des collégiens",
        "Centre social des Gâtines",
        "Valibout (QPV)",
        TargetPublic.objects.first().label,
        "En pause",
        "Du 4 janvier 2016 au 30 juin 2017",
        "Repérer plus tôt les collégiens",
        Axis.objects.get(code="DS").title,
    ):
        assert expected in text, expected


# Budget


def test_the_budget_shows_only_when_marked_public(client, coordinator):
    item = published(sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED))
    BudgetLine.objects.create(sheet=item, year=2016, label="Animation", planned=Decimal("12345.00"))
    FundingLine.objects.create(sheet=item, funder=Funder.objects.first(), year=2016, amount=Decimal("4000"))
    page = html(client.get(detail_url(item)))
    assert page.select_one("#public-budget") is None
    assert "345" not in page.select_one("main").get_text()
    published(item, public_budget=True)
    budget = html(client.get(detail_url(item))).select_one("#public-budget").get_text(" ")
    assert "Budget prévu" in budget and "345,00" in budget and "000,00" in budget
    # the list never shows amounts
    assert "345,00" not in client.get(LIST).content.decode()


# Filters


def test_the_list_filters_by_axis_and_by_neighbourhood_whole_commune_included(client):
    valibout, gatines = neighbourhood("Valibout", is_qpv=True), neighbourhood("Les Gâtines")
    ds_here = published(sheet(group("DS"), "Veille au Valibout", status=Status.VALIDATED))
    ds_here.neighbourhoods.add(valibout, gatines)  # in two neighbourhoods: still listed once
    hab_there = published(sheet(group("HAB"), "Relogement aux Gâtines", status=Status.VALIDATED))
    hab_there.neighbourhoods.add(gatines)
    published(sheet(group("HAB"), "Permanences dans toute la ville", status=Status.VALIDATED))
    everything = titles(client.get(LIST))
    assert sorted(everything) == ["Permanences dans toute la ville", "Relogement aux Gâtines", "Veille au Valibout"]
    assert titles(client.get(LIST, {"axe": "DS"})) == ["Veille au Valibout"]
    assert titles(client.get(LIST, {"quartier": valibout.pk})) == [
        "Veille au Valibout",
        "Permanences dans toute la ville",
    ]
    assert sorted(titles(client.get(LIST, {"quartier": gatines.pk}))) == sorted(everything)
    assert titles(client.get(LIST, {"axe": "HAB", "quartier": valibout.pk})) == ["Permanences dans toute la ville"]


def test_the_filter_form_is_a_labelled_get_form_and_shows_the_filters_in_use(client):
    published(sheet(group("DS"), "Veille au Valibout", status=Status.VALIDATED))
    page = html(client.get(LIST, {"axe": "DS"}))
    form = page.select_one("form[role=search]")
    assert form["method"] == "get" and form["aria-label"]
    for name in ("axe", "quartier"):
        field = form.select_one(f"select[name={name}]")
        assert page.select_one(f"label[for={field['id']}]") is not None
    assert form.select_one("select[name=axe] option[selected]")["value"] == "DS"
    assert "Axe" in page.select_one("main").get_text() and "retirer ce filtre" in page.get_text()


def test_an_unknown_filter_value_is_not_an_error(client):
    published(sheet(group("DS"), "Veille au Valibout", status=Status.VALIDATED))
    response = client.get(LIST, {"axe": "ZZ", "quartier": "abc", "page": "99"})
    assert response.status_code == 200


def test_the_list_is_paginated(client):
    for number in range(22):
        published(sheet(group("HAB"), f"Action {number:02d}", status=Status.VALIDATED))
    assert len(titles(client.get(LIST))) == 20
    second = client.get(LIST, {"page": 2})
    assert len(titles(second)) == 2
    assert "Page 2 sur 2" in second.content.decode()


# Query budgets


def test_the_list_makes_as_many_queries_with_1_and_10_fiches(client):
    valibout = neighbourhood("Valibout", is_qpv=True)
    publics = list(TargetPublic.objects.all()[:3])

    def add(count):
        for number in range(count):
            item = published(sheet(group("HAB"), f"Action {number}", status=Status.VALIDATED))
            item.neighbourhoods.add(valibout)
            item.target_publics.set(publics)

    add(1)
    # count + page + publics + neighbourhoods, the filter form's axes and neighbourhoods, the presentation's axes
    assert_query_budget(client, LIST, budget=7, grow=lambda: add(9))
    # + the two filter values checked
    assert_query_budget(client, f"{LIST}?axe=HAB&quartier={valibout.pk}", budget=9, grow=lambda: add(1))


def test_the_detail_makes_as_many_queries_with_1_and_10_publics_and_neighbourhoods(client):
    item = published(sheet(group("HAB"), "Permanences", status=Status.VALIDATED), public_budget=True)
    BudgetLine.objects.create(sheet=item, year=2016, label="Animation", planned=Decimal("100"))
    item.neighbourhoods.add(neighbourhood("Quartier 0"))
    item.target_publics.add(TargetPublic.objects.first())

    def grow():
        item.neighbourhoods.add(*[neighbourhood(f"Quartier {number}") for number in range(1, 10)])
        item.target_publics.set(TargetPublic.objects.all()[:10])
        for number in range(9):
            BudgetLine.objects.create(sheet=item, year=2016, label=f"Poste {number}", planned=Decimal("10"))

    # the sheet with its budget totals, its publics, its neighbourhoods
    assert_query_budget(client, detail_url(item), budget=3, grow=grow)


# Indexing


def test_only_the_public_pages_are_indexable(client, coordinator):
    item = published(sheet(group("HAB"), "Permanences", status=Status.VALIDATED))
    for url in (LIST, detail_url(item)):
        assert html(client.get(url)).select_one("meta[name=robots]")["content"] == "index, follow"
        assert html(client.get(url)).select_one("meta[name=description]")["content"]
    for url in (reverse("home"), reverse("legal_notice"), reverse("accounts:login"), "/page-inconnue/"):
        assert html(client.get(url)).select_one("meta[name=robots]")["content"] == "noindex, nofollow", url
    assert (
        html(client.get(detail_url(sheet(title="Brouillon")))).select_one("meta[name=robots]")["content"]
        == "noindex, nofollow"
    )
    client.force_login(coordinator)
    assert "noindex" in html(client.get(item.get_absolute_url())).select_one("meta[name=robots]")["content"]


def test_robots_txt_lets_search_engines_read_the_public_pages_only(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /actions/" in lines and "Disallow: /" in lines


# Links


def test_the_home_page_and_the_site_map_link_to_the_public_page(client, coordinator):
    for url in (reverse("home"), reverse("site_map")):
        assert LIST in {a["href"] for a in html(client.get(url)).select("main a[href]")}, url
    assert LIST in {a["href"] for a in html(client.get(reverse("home"))).select("header a[href]")}
    client.force_login(coordinator)
    assert LIST in {a["href"] for a in html(client.get(reverse("site_map"))).select("main a[href]")}


# The coordinator's decision


def test_set_publication_is_one_version_and_one_log_row_and_nothing_when_unchanged(coordinator):
    item = sheet(group("HAB"), "Permanences", status=Status.VALIDATED)
    versions = SheetVersion.objects.filter(sheet=item).count()
    item = services.set_publication(
        by=coordinator, sheet=item, is_publishable=True, public_budget=True, public_summary="  Pour tous.  "
    )
    assert (item.is_publishable, item.public_budget, item.public_summary) == (True, True, "Pour tous.")
    version = SheetVersion.objects.filter(sheet=item).latest("number")
    assert version.section == "publication" and version.saved_by == coordinator
    assert version.data["publication"]["Publiable sur la page publique"] == "Oui"
    assert AuditEntry.objects.about(item).filter(message="Page publique : publiable, budget public").count() == 1
    again = {"is_publishable": True, "public_budget": True, "public_summary": "Pour tous."}
    services.set_publication(by=coordinator, sheet=item, **again)
    assert SheetVersion.objects.filter(sheet=item).count() == versions + 1


def test_the_history_shows_the_publication(client, coordinator):
    item = sheet(group("HAB"), "Permanences", status=Status.VALIDATED)
    services.set_publication(by=coordinator, sheet=item, is_publishable=True)
    client.force_login(coordinator)
    text = client.get(reverse("actionsheets:sheet_history", kwargs={"pk": item.pk})).content.decode()
    assert "Publication sur la page publique" in text


def publication_url(item):
    return reverse("actionsheets:sheet_publication", kwargs={"pk": item.pk})


def test_the_coordinator_marks_a_fiche_publiable_from_its_page(client, coordinator):
    item = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    client.force_login(coordinator)
    page = html(client.get(item.get_absolute_url()))
    form = page.select_one("#publication form")
    assert form["action"] == publication_url(item)
    assert {field["name"] for field in form.select("input, textarea") if field.get("type") != "hidden"} == {
        "is_publishable",
        "public_budget",
        "public_summary",
    }
    response = client.post(publication_url(item), {"is_publishable": "on", "public_summary": "Pour les familles."})
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    client.logout()
    assert "Pour les familles." in client.get(detail_url(item)).content.decode()
    assert titles(client.get(LIST)) == ["Permanences logement"]


def test_an_invalid_publication_saves_nothing_and_says_why(client, coordinator):
    item = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    client.force_login(coordinator)
    response = client.post(publication_url(item), {"is_publishable": "on", "public_summary": "x" * 2001})
    assert response.status_code == 200
    page = html(response)
    assert page.select_one("#error-summary") is not None and len(page.find_all("h1")) == 1
    item.refresh_from_db()
    assert not item.is_publishable and item.public_summary == ""


def test_only_coordinators_publish(client):
    validated = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    foreign_draft = sheet(group("HAB"), "Relogement")
    for persona in ("partner", "reader", "outsider"):
        client.force_login(make_persona(persona))
        assert client.post(publication_url(validated), {"is_publishable": "on"}).status_code == 403, persona
        assert client.post(publication_url(foreign_draft), {"is_publishable": "on"}).status_code == 404, persona
        assert "publication-title" not in client.get(validated.get_absolute_url()).content.decode()
    client.logout()
    assert client.post(publication_url(validated), {"is_publishable": "on"}).status_code == 302
    validated.refresh_from_db()
    assert not validated.is_publishable
