"""The list of fiches actions: visibility, filters, sort, French full-text search with highlighted excerpts and
typo tolerance, exports with database totals, the PDF of one sheet, query budgets and index use."""

import csv
import datetime
import io
import random
import re
from decimal import Decimal

import pytest
import tablib
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from actionsheets import search
from actionsheets.filters import SheetFilter
from actionsheets.models import (
    ActionPartner,
    ActionSheet,
    AnnualReview,
    Attachment,
    BudgetLine,
    Framework,
    Funder,
    FundingLine,
    Indicator,
    Measurement,
    Milestone,
    Participation,
    Priority,
    Status,
    TargetPublic,
)
from partners.models import Axis, Commune, Contact, Neighbourhood, Organisation
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, member, structure
from workshops.models import CoordinationObstacle, Finding, ObstacleCategory

LIST = reverse("actionsheets:sheet_list")
NBSP = "\xa0"


def codes(response):
    return [cell.get_text(strip=True) for cell in html(response).select("main table tbody tr td:first-child")]


def export_url(fmt):
    return reverse("actionsheets:sheet_export", args=[fmt])


def flat(text):
    """Text with every kind of space as one plain space (PDF extraction and French number spaces)."""
    return " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split())


# A fully filled sheet (also used by scripts/bench_pdf.py)


def filled_sheet(by=None):
    """A validated sheet with every field and every kind of repeated item filled in, as the COPIL would see it."""
    ds = group("DS")
    pilot = Contact.objects.filter(email="nadia.pilote@example.org").first() or contact(
        "Nadia", "Pilote", organisation="Mission locale de Plaisir", email="nadia.pilote@example.org"
    )  # one pilot for several sheets (the plan's tests and scripts/bench_pdf.py make many)
    related = sheet(ds, "Accueil des collégiens temporairement exclus", status=Status.VALIDATED)
    item = sheet(
        ds,
        "Cellule de veille partenariale sur le décrochage scolaire",
        by=by,
        status=Status.IN_PROGRESS,
        copil_date=datetime.date(2015, 10, 8),
        pilot=pilot,
        elected_referent="Adjointe au maire déléguée à la jeunesse",
        lead_organisation=structure("Centre communal d'action sociale"),
        priority=Priority.HIGH,
        context="Au Valibout, 38 % des 16-25 ans sortent du système scolaire sans diplôme.",
        general_objective="Repérer tôt les jeunes en voie de décrochage et leur proposer un accompagnement.",
        operational_objectives="Réunir la cellule chaque mois ; suivre 40 jeunes par an.",
        expected_results="Une sortie positive pour deux jeunes suivis sur trois.",
        description="Le collège, le PRE et la Mission locale partagent leurs repérages en cellule de veille.",
        target_count=40,
        citizen_participation=Participation.CONSULTATION,
        human_resources="Une coordinatrice à mi-temps et les référents des structures.",
        fte=Decimal("1.50"),
        material_resources="Une salle à La Mosaïque un mardi par mois.",
        start_date=datetime.date(2015, 9, 1),
        planned_end_date=datetime.date(2017, 7, 7),
        is_recurring=True,
        monitoring="Tableau de bord trimestriel présenté au comité technique.",
        governance_body="Comité technique du contrat de ville",
        success_conditions="L'accord des familles pour le partage d'informations.",
    )
    item.findings.set([Finding.objects.create(axis=ds.axis, kind="need", source="interviews", title="Décrochage")])
    item.target_publics.set([TargetPublic.objects.get(label="Jeunes de 16 à 25 ans")])
    item.neighbourhoods.set([Neighbourhood.objects.get_or_create(name="Valibout", defaults={"is_qpv": True})[0]])
    obstacle = CoordinationObstacle.objects.create(
        category=ObstacleCategory.SILOS, title="Chacun suit les mêmes jeunes sans le savoir"
    )
    item.obstacles.set([obstacle])
    item.related_sheets.set([related])
    item.frameworks.set([Framework.objects.get(code="PRE")])
    ActionPartner.objects.create(
        sheet=item,
        organisation=structure("Collège Blaise-Pascal"),
        role=ActionPartner.Role.OPERATIONAL,
        contribution="Repérage des absentéistes",
    )
    BudgetLine.objects.create(
        sheet=item, year=2015, label="Coordination de la cellule", planned=Decimal("12500.00"), actual=Decimal("11800")
    )
    BudgetLine.objects.create(
        sheet=item, year=2016, kind=BudgetLine.Kind.INVESTMENT, label="Ordinateur portable", planned=Decimal("734.50")
    )
    FundingLine.objects.create(
        sheet=item, funder=Funder.objects.get(label="État"), year=2015, amount=Decimal("8000"), state="granted"
    )
    FundingLine.objects.create(
        sheet=item, funder=Funder.objects.get(label="CAF"), year=2016, amount=Decimal("3000"), state="requested"
    )
    FundingLine.objects.create(
        sheet=item, funder=Funder.objects.get(label="Région"), year=2016, amount=Decimal("1500"), state="refused"
    )
    Milestone.objects.create(sheet=item, label="Charte de partage d'informations signée", due_on="2015-11-30")
    indicator = Indicator.objects.create(
        sheet=item,
        label="Nombre de jeunes suivis",
        kind=Indicator.Kind.OUTPUT,
        unit="jeunes",
        baseline=Decimal("0"),
        target=Decimal("40"),
        source="Tableau de suivi de la cellule",
        frequency="Annuelle",
    )
    Measurement.objects.create(indicator=indicator, year=2016, value=Decimal("18"))
    # A file name only: nothing is written to MEDIA_ROOT (the benchmark runs on the development database).
    Attachment.objects.create(sheet=item, title="Charte signée", file="fiches/charte.pdf", size=20480)
    AnnualReview.objects.create(
        sheet=item, year=2016, qualitative="La cellule s'est réunie dix fois.", difficulties="Peu de familles."
    )
    return item


KEY_VALUES = [
    "Cellule de veille partenariale sur le décrochage scolaire",
    "En cours",
    "Nadia Pilote (Mission locale de Plaisir)",
    "Centre communal d'action sociale",
    "Élevée",
    "38 % des 16-25 ans",
    "Repérer tôt les jeunes",
    "suivre 40 jeunes par an",
    "Une sortie positive",
    "partagent leurs repérages",
    "Jeunes de 16 à 25 ans",
    "Valibout (QPV)",
    "Consultation",
    "1,50",
    "Une salle à La Mosaïque",
    "01/09/2015",
    "07/07/2017",
    "Charte de partage d'informations signée",
    "Tableau de bord trimestriel",
    "Comité technique du contrat de ville",
    "L'accord des familles",
    "Chacun suit les mêmes jeunes sans le savoir",
    "Accueil des collégiens temporairement exclus",
    "Programme de réussite éducative",
    "Collège Blaise-Pascal",
    "Partenaire opérationnel",
    "Coordination de la cellule",
    "12 500,00 €",
    "11 800,00 €",
    "13 234,50 €",  # planned total, summed by the database
    "8 000,00 €",
    "3 000,00 €",
    "1 500,00 €",
    "Nombre de jeunes suivis",
    "2016 : 18,00",
    "Charte signée",
    "La cellule s'est réunie dix fois.",
]


# The list


@pytest.fixture
def partner_in_ds(db):
    """The partner persona, plain member of the DS group."""
    user = make_persona("partner")
    member(group("DS"), Contact.objects.get(user=user))
    return user


def test_list_shows_code_title_group_status_pilot_and_date(coordinator_client):
    item = sheet(title="Forum emploi-jeunes", status=Status.VALIDATED, pilot=contact("Paul", "Pilote"))
    response = coordinator_client.get(LIST)
    page = html(response)
    assert page.select_one("h1").get_text(" ", strip=True) == "Fiches actions (1 fiche)"
    assert page.select_one("title").get_text(strip=True).startswith("Fiches actions – ")
    assert page.select_one("main table caption").get_text(strip=True).startswith("Fiches actions")
    assert [th["scope"] for th in page.select("main table thead th")] == ["col"] * 6
    row = [cell.get_text(" ", strip=True) for cell in page.select("main table tbody tr td")]
    assert row[0] == item.code and row[1] == "Forum emploi-jeunes"
    assert "Groupe" in row[2] and "DS" in row[2]
    assert row[3] == "Validée"  # the status in words, not only a colour
    assert row[4] == "Paul Pilote"
    assert row[5] == timezone.localdate().strftime("%d/%m/%Y")
    assert page.select_one("th[aria-sort=ascending]").get_text(" ", strip=True).startswith("N°")


def test_partner_sees_validated_sheets_and_the_drafts_of_its_groups(client, partner_in_ds):
    own = sheet(group("DS"), "Brouillon du groupe")
    validated = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    sheet(group("HAB"), "Brouillon d'un autre groupe")
    client.force_login(partner_in_ds)
    assert sorted(codes(client.get(LIST))) == sorted([own.code, validated.code])
    exported = client.get(export_url("csv")).content.decode("utf-8-sig")
    assert "Brouillon d'un autre groupe" not in exported and "Permanences logement" in exported


def test_reader_sees_validated_sheets_only(client, db):
    validated = sheet(title="Validée", status=Status.DONE)
    sheet(title="Encore en brouillon")
    client.force_login(make_persona("reader"))
    response = client.get(LIST)
    assert codes(response) == [validated.code]
    statuses = [option["value"] for option in html(response).select("select[name=statut] option") if option["value"]]
    assert Status.DRAFT not in statuses and Status.DONE in statuses


def test_new_sheet_button_for_coordinators_and_group_members_only(client, coordinator_client, partner_in_ds):
    create = reverse("actionsheets:sheet_create")
    assert html(coordinator_client.get(LIST)).select_one(f"main a[href='{create}']")
    client.force_login(make_persona("reader"))
    assert html(client.get(LIST)).select_one(f"main a[href='{create}']") is None
    client.force_login(make_persona("outsider"))
    assert html(client.get(LIST)).select_one(f"main a[href='{create}']") is None
    client.force_login(partner_in_ds)
    assert html(client.get(LIST)).select_one(f"main a[href='{create}']")


def facet_sheets():
    """Two sheets that differ on every filter: `hit` has the facet, `miss` has not."""
    hit = sheet(group("DS"), "Avec", status=Status.VALIDATED, pilot=contact("Ana", "Pilote", organisation="Pilotes"))
    miss = sheet(group("HAB"), "Sans", pilot=contact("Bob", "Autre", organisation="Autres"))
    hit.neighbourhoods.set([Neighbourhood.objects.create(name="Valibout", is_qpv=True)])
    hit.target_publics.set([TargetPublic.objects.get(label="Seniors")])
    hit.frameworks.set([Framework.objects.get(code="CTG")])
    ActionPartner.objects.create(sheet=hit, organisation=structure("Partenaire A"), role="operational")
    ActionPartner.objects.create(sheet=hit, organisation=structure("Partenaire B"), role="funder")
    ActionPartner.objects.create(sheet=miss, organisation=structure("Partenaire C"), role="funder")
    BudgetLine.objects.create(sheet=hit, year=2016, label="Animation", planned=100)
    FundingLine.objects.create(sheet=miss, funder=Funder.objects.first(), year=2017, amount=100)
    return hit, miss


FACETS = {
    "axe": lambda: Axis.objects.get(code="DS").pk,
    "groupe": lambda: group("DS").pk,
    "statut": lambda: Status.VALIDATED,
    "pilote": lambda: structure("Pilotes").pk,
    "partenaire": lambda: structure("Partenaire A").pk,
    "quartier": lambda: Neighbourhood.objects.get(name="Valibout").pk,
    "public": lambda: TargetPublic.objects.get(label="Seniors").pk,
    "dispositif": lambda: Framework.objects.get(code="CTG").pk,
    "annee": lambda: 2016,
}


@pytest.mark.parametrize("name", FACETS)
def test_each_filter_narrows_the_list_and_shows_a_removable_chip(coordinator_client, name):
    hit, miss = facet_sheets()
    response = coordinator_client.get(LIST, {name: FACETS[name]()})
    assert codes(response) == [hit.code]  # once, even when several partners match
    chip = html(response).select_one("main a.btn-outline-secondary")
    assert name not in chip["href"]
    assert len(codes(coordinator_client.get(LIST + chip["href"]))) == 2


def test_my_sheets_are_those_i_created_co_wrote_or_pilot(client, partner_in_ds):
    me = Contact.objects.get(user=partner_in_ds)
    created = sheet(group("DS"), "Créée par moi", by=partner_in_ds)
    co_written = sheet(group("DS"), "Co-écrite")
    co_written.co_authors.add(me, contact("Co", "Autrice"))
    piloted = sheet(group("HAB"), "Pilotée", status=Status.VALIDATED, pilot=me)
    sheet(group("DS"), "Celle d'un collègue")
    sheet(group("HAB"), "Validée, pas à moi", status=Status.VALIDATED)
    client.force_login(partner_in_ds)
    assert len(codes(client.get(LIST))) == 5
    assert sorted(codes(client.get(LIST, {"mes": "on"}))) == sorted([created.code, co_written.code, piloted.code])


def test_sort_by_title_and_by_date_with_aria_sort(coordinator_client):
    first = sheet(title="Zumba au Valibout")
    second = sheet(title="Atelier d'écriture")
    third = sheet(title="Écoute des familles")
    ActionSheet.objects.filter(pk=first.pk).update(updated_at=timezone.now() + datetime.timedelta(days=1))
    response = coordinator_client.get(LIST, {"tri": "intitule"})
    assert codes(response) == [second.code, third.code, first.code]  # « É » sorts with « E »
    assert html(response).select_one("th[aria-sort=ascending]").get_text(" ", strip=True).startswith("Intitulé")
    response = coordinator_client.get(LIST, {"tri": "-modification"})
    assert codes(response)[0] == first.code
    header = html(response).select_one("th[aria-sort=descending]")
    assert header.get_text(" ", strip=True).startswith("Modifiée le")
    assert "tri=modification" in header.a["href"]  # the next click sorts the other way
    assert codes(coordinator_client.get(LIST, {"tri": "-code"})) == [third.code, second.code, first.code]


def test_list_pages_and_caps_the_offset(coordinator_client, monkeypatch):
    from actionsheets import list_views

    monkeypatch.setattr(list_views, "PAGE_SIZE", 2)
    monkeypatch.setattr(list_views, "MAX_ROWS", 4)
    for number in range(5):
        sheet(title=f"Fiche {number}")
    page = html(coordinator_client.get(LIST, {"page": 2}))
    assert "Page 2 sur 2" in page.select_one("nav[aria-label=Pagination]").get_text(" ", strip=True)
    assert "(5 fiches)" in page.select_one("h1").get_text(" ", strip=True)
    assert "premières fiches" in page.select_one("main").get_text(" ", strip=True)
    assert len(codes(coordinator_client.get(LIST, {"page": 9}))) == 2  # past the cap: the last allowed page


def test_empty_states(coordinator_client):
    page = html(coordinator_client.get(LIST))
    assert "Aucune fiche pour l'instant" in page.select_one("main").get_text(" ", strip=True)
    sheet()
    page = html(coordinator_client.get(LIST, {"statut": Status.DONE}))
    assert "Aucune fiche action ne correspond à ces filtres." in page.select_one("main").get_text(" ", strip=True)


# Search


def test_search_for_decrocheurs_finds_sheets_about_decrochage_stemming_and_decrochage_accents(coordinator_client):
    """Search for "décrocheurs" finds sheets about "décrochage" (stemming) and "decrochage" (accents)."""
    stemmed = sheet(title="Cellule de veille", description="Prévenir le décrochage scolaire des collégiens.")
    unaccented = sheet(title="Prevention du decrochage au lycee")
    sheet(title="Permanences logement", description="Aide aux demandes de logement social.")
    response = coordinator_client.get(LIST, {"q": "décrocheurs"})
    assert sorted(codes(response)) == sorted([stemmed.code, unaccented.code])
    page = html(response)
    assert page.select_one("main tbody").find("mark", string="décrochage")  # the original, accented word
    assert page.select_one("main tbody").find("mark", string="decrochage")
    assert coordinator_client.get(LIST, {"q": "decrochage"}).status_code == 200
    assert sorted(codes(coordinator_client.get(LIST, {"q": "DÉCROCHAGE"}))) == sorted([stemmed.code, unaccented.code])


def test_search_ranks_title_matches_first_and_highlights_the_excerpt(coordinator_client):
    in_text = sheet(title="Cellule de veille", general_objective="Accompagner les familles monoparentales.")
    in_title = sheet(title="Accompagnement des familles", description="Des ateliers au centre social.")
    response = coordinator_client.get(LIST, {"q": "accompagnement familles"})
    assert codes(response) == [in_title.code, in_text.code]
    rows = html(response).select("main tbody tr")
    assert [mark.get_text() for mark in rows[0].select("td a mark")] == ["Accompagnement", "familles"]
    excerpt = rows[1].select_one("td p.small")
    assert [mark.get_text() for mark in excerpt.select("mark")] == ["Accompagner", "familles"]
    assert "Accompagner les familles monoparentales" in excerpt.get_text()


def test_search_excerpt_escapes_everything_but_the_marks(coordinator_client):
    sheet(
        title="Atelier",
        description="<script>alert('x')</script> Le décrochage & « les <b>familles</b> » œuvrent.",
    )
    body = coordinator_client.get(LIST, {"q": "décrochage familles"}).content.decode()
    assert "<script>alert" not in body and "<b>familles" not in body
    assert "alert(&#x27;x&#x27;)&lt;/script&gt; Le" in body
    assert "<mark>décrochage</mark> &amp; « les &lt;b&gt;<mark>familles</mark>&lt;/b&gt; » œuvrent" in body


def test_search_understands_phrases_or_and_exclusions(coordinator_client):
    college = sheet(title="Décrochage au collège")
    lycee = sheet(title="Décrochage au lycée")
    sheet(title="Permanences logement")
    assert codes(coordinator_client.get(LIST, {"q": "décrochage -collège"})) == [lycee.code]
    assert sorted(codes(coordinator_client.get(LIST, {"q": "collège or lycée"}))) == sorted([college.code, lycee.code])


def test_search_tolerates_typos_in_the_title_when_full_text_finds_nothing(coordinator_client):
    item = sheet(title="Cellule de veille éducative")
    sheet(title="Permanences logement")
    response = coordinator_client.get(LIST, {"q": "celulle de veile"})
    assert codes(response) == [item.code]
    assert "Voici les fiches dont l'intitulé s'en approche" in html(response).select_one("main").get_text(" ")
    assert codes(coordinator_client.get(LIST, {"q": "zq"})) == []


def test_search_respects_visibility_and_other_filters(client, partner_in_ds):
    sheet(group("HAB"), "Décrochage : brouillon d'un autre groupe")
    mine = sheet(group("DS"), "Décrochage : brouillon de mon groupe")
    validated = sheet(group("HAB"), "Décrochage validé", status=Status.VALIDATED)
    client.force_login(partner_in_ds)
    assert sorted(codes(client.get(LIST, {"q": "décrochage"}))) == sorted([mine.code, validated.code])
    assert codes(client.get(LIST, {"q": "décrochage", "statut": Status.VALIDATED})) == [validated.code]


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60))
def test_any_search_text_is_answered(coordinator, text):
    sheet(title="Cellule de veille : l'accompagnement des « décrocheurs »", description="Des & <balises> !")
    queryset, mode = search.search(ActionSheet.objects.all(), text)
    found = search.highlight(queryset, text)
    for item in found:
        for part in (item.title_html or "", item.excerpt_html or ""):
            assert "<" not in re.sub(r"</?mark>", "", str(part))


def test_restore_accents_maps_the_unaccented_headline_onto_the_original_text():
    original = "Le décrochage des élèves : « œuvrer » ensemble, à l'école."
    headline = f"des eleves : << {search.START}oeuvrer{search.STOP} >> ensemble"
    assert search.restore_accents(headline, original) == "… des élèves : « <mark>œuvrer</mark> » ensemble …"
    # Unalignable (the database's unaccent differs): the unaccented excerpt, escaped, still marked.
    assert search.restore_accents(f"<b> {search.START}x{search.STOP}", "y") == "&lt;b&gt; <mark>x</mark>"


def plan(queryset):
    return queryset.explain()


VOCABULARY = (
    "accompagnement jeunes familles quartier logement emploi santé parentalité sport culture numérique mobilité "
    "insertion formation atelier permanence médiation accès droits seniors isolement prévention éducation école "
    "centre social maison associations bénévoles habitants ville commune partenaires réseau orientation suivi bilan "
    "réunion comité projet action public cible objectif résultat indicateur budget financement subvention"
).split()


def test_search_queries_use_the_gin_indexes_at_100x_data(coordinator):
    """5,000 sheets of French text (the 100× scale of quality.md §4), analysed: the planner picks the indexes by
    itself for a selective search, for the full text and for the typo fallback."""
    rng = random.Random(2015)

    def words(count):
        return " ".join(rng.choice(VOCABULARY) for _ in range(count)) + "."

    axis, ds = Axis.objects.get(code="DS"), group("DS")
    ActionSheet.objects.bulk_create(
        ActionSheet(
            axis=axis,
            group=ds,
            number=number,
            code=f"DS-{number:04d}",
            title=words(8),
            general_objective=words(40),
            operational_objectives=words(60),
            description=words(250),
            expected_results=words(40),
            status=Status.VALIDATED,
        )
        for number in range(1, 5001)
    )
    sheet(ds, "Prévention du décrochage scolaire")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE actionsheets_actionsheet")
    fts = SheetFilter({"q": "décrocheurs"}, user=coordinator)
    fts_plan = plan(fts.qs[:25])
    assert fts.search_mode == "fts"
    print("\nEXPLAIN of the full-text search « décrocheurs » (5,001 sheets):\n" + fts_plan)
    assert "sheet_search_fts" in fts_plan
    similar = SheetFilter({"q": "prevantion decrochaje"}, user=coordinator)
    similar_plan = plan(similar.qs[:25])
    assert similar.search_mode == "similar"
    print("EXPLAIN of the typo fallback « prevantion decrochaje » (5,001 sheets):\n" + similar_plan)
    assert "sheet_title_trgm" in similar_plan


def test_search_query_uses_the_gin_index_when_sequential_scans_are_off(coordinator):
    sheet(title="Prévention du décrochage scolaire")
    with connection.cursor() as cursor:
        # With one row the planner may read the primary key and filter; leaving it only bitmap scans shows
        # whether the search condition can be answered by the GIN index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    assert "sheet_search_fts" in plan(SheetFilter({"q": "décrocheurs"}, user=coordinator).qs)


# Query budgets


def grow_sheets():
    pilot = contact("Paula", "Pilotine", organisation="Structure pilote")
    for number in range(9):
        item = sheet(
            group("DS" if number % 2 else "HAB"),
            f"Décrochage et accompagnement {number}",
            status=Status.VALIDATED,
            pilot=pilot,
            description="Repérer le décrochage des jeunes.",
        )
        item.neighbourhoods.set([Neighbourhood.objects.get_or_create(name="Valibout")[0]])
        BudgetLine.objects.create(sheet=item, year=2016, label="Animation", planned=100)


@pytest.mark.parametrize("query", ["", "?q=décrochage", "?q=decrochaje", "?mes=on&tri=-modification&annee=2016"])
def test_list_query_budget_is_the_same_with_1_and_10_sheets(coordinator_client, query):
    sheet(title="Décrochage", status=Status.VALIDATED, pilot=contact("Paul", "Pilote"))
    BudgetLine.objects.create(sheet=ActionSheet.objects.get(), year=2016, label="Animation", planned=100)
    count = assert_query_budget(coordinator_client, LIST + query, budget=20, grow=grow_sheets)
    print(f"\n{LIST + query}: {count} queries")


def test_partner_list_query_budget_is_the_same_with_1_and_10_sheets(client, partner_in_ds):
    sheet(group("DS"), "Décrochage", pilot=contact("Paul", "Pilote"))
    client.force_login(partner_in_ds)
    count = assert_query_budget(client, LIST + "?q=décrochage", budget=22, grow=grow_sheets)
    print(f"\npartner {LIST}?q=décrochage: {count} queries")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_query_budget_is_the_same_with_1_and_10_sheets(coordinator_client, fmt):
    sheet(title="Décrochage", status=Status.VALIDATED)
    count = assert_query_budget(coordinator_client, export_url(fmt), budget=14, grow=grow_sheets)
    print(f"\nexport {fmt}: {count} queries")


# Exports


@pytest.fixture
def budgeted(db):
    item = sheet(title="=Cellule de veille", status=Status.VALIDATED, start_date=datetime.date(2015, 9, 1))
    BudgetLine.objects.create(sheet=item, year=2015, label="Coordination", planned=Decimal("1234.50"), actual=1000)
    BudgetLine.objects.create(sheet=item, year=2016, label="Coordination", planned=Decimal("1000"))
    funder = Funder.objects.get(label="CAF")
    FundingLine.objects.create(sheet=item, funder=funder, year=2015, amount=Decimal("500.25"), state="requested")
    FundingLine.objects.create(sheet=item, funder=funder, year=2016, amount=Decimal("700"), state="requested")
    FundingLine.objects.create(sheet=item, funder=funder, year=2015, amount=Decimal("2000"), state="granted")
    FundingLine.objects.create(sheet=item, funder=funder, year=2015, amount=Decimal("9999"), state="refused")
    other = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    return item, other


def test_csv_export_for_excel_with_french_totals(coordinator_client, budgeted):
    response = coordinator_client.get(export_url("csv"), {"axe": Axis.objects.get(code="DS").pk})
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="fiches-actions-{today}.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1  # the filtered list only
    row = rows[0]
    assert row["Intitulé"] == "'=Cellule de veille"  # never run as a formula
    assert row["Budget prévu (€)"] == f"2{NBSP}234,50"
    assert row["Budget réalisé (€)"] == f"1{NBSP}000,00"
    assert row["Financements sollicités (€)"] == f"1{NBSP}200,25"
    assert row["Financements acquis (€)"] == f"2{NBSP}000,00"
    assert row["Date de début"] == "01/09/2015"
    assert row["Statut"] == "Validée" and row["Quartiers"] == "Toute la commune"


def test_year_filter_totals_that_year_only(coordinator_client, budgeted):
    response = coordinator_client.get(export_url("csv"), {"annee": 2016})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1
    assert rows[0]["Budget prévu 2016 (€)"] == f"1{NBSP}000,00"
    assert rows[0]["Budget réalisé 2016 (€)"] == ""  # nothing recorded yet
    assert rows[0]["Financements sollicités 2016 (€)"] == "700,00"
    assert rows[0]["Financements acquis 2016 (€)"] == "0,00"


def test_xlsx_export_has_numeric_and_date_cells(coordinator_client, budgeted):
    response = coordinator_client.get(export_url("xlsx"), {"tri": "code"})
    assert response["Content-Disposition"].endswith(f'fiches-actions-{timezone.localdate().isoformat()}.xlsx"')
    sheet_ = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet_[1]]
    row = dict(zip(headers, [cell for cell in sheet_[2]], strict=True))
    assert row["Budget prévu (€)"].value == Decimal("2234.50") or row["Budget prévu (€)"].value == 2234.5
    assert row["Budget prévu (€)"].data_type == "n" and row["Budget prévu (€)"].number_format == "#,##0.00"
    assert row["Financements acquis (€)"].value == 2000
    assert row["Date de début"].value.date() == datetime.date(2015, 9, 1)
    assert row["Intitulé"].data_type == "s"


def test_ods_export_has_numeric_cells(coordinator_client, budgeted):
    response = coordinator_client.get(export_url("ods"), {"tri": "code"})
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    dataset = tablib.Dataset().load(response.content, format="ods")
    assert dataset.headers[0] == "N° de fiche"
    assert dataset.dict[0]["Budget prévu (€)"] == 2234.5
    assert dataset.dict[0]["Financements sollicités (€)"] == 1200.25


def test_export_follows_the_search(coordinator_client, budgeted):
    response = coordinator_client.get(export_url("csv"), {"q": "logement"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [row["Intitulé"] for row in rows] == ["Permanences logement"]


# PDF of one sheet


def pdf_text(response):
    content = response.getvalue()  # a FileResponse (the plan, from the storage) streams, and is closed once read
    reader = PdfReader(io.BytesIO(content))
    return reader, flat(" ".join(page.extract_text() for page in reader.pages))


def test_pdf_of_a_fully_filled_sheet_shows_every_section_and_the_key_values(coordinator_client):
    from actionsheets.sections import SECTIONS

    Commune.objects.create(name="Ville de Plaisir", programme_name="Projet Ville Solidarités")
    item = filled_sheet()
    response = coordinator_client.get(reverse("actionsheets:sheet_pdf", args=[item.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'inline; filename="fiche-{item.code.lower()}-cellule')
    reader, text = pdf_text(response)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert "Ville de Plaisir" in text and "Projet Ville Solidarités" in text
    assert f"Fiche {item.code}" in text
    assert f"Page 1 sur {len(reader.pages)}" in text
    missing = [section.title for section in SECTIONS if flat(section.title) not in text]
    assert missing == []
    missing = [value for value in KEY_VALUES if flat(value) not in text]
    assert missing == []
    print(f"\nPDF of a fully filled sheet: {len(reader.pages)} pages, {len(response.content):,} bytes")


def test_pdf_leaves_out_the_empty_sections(coordinator_client):
    item = sheet(title="Fiche à peine commencée", description="Une idée.")
    _, text = pdf_text(coordinator_client.get(reverse("actionsheets:sheet_pdf", args=[item.pk])))
    assert "Identification" in text and "Description et publics" in text
    for title in ["Budget et plan de financement", "Indicateurs et suivi", "Calendrier et étapes", "Bilans annuels"]:
        assert title not in text
    assert "Participation des habitants" in text  # shown in a filled section, even at its default


def test_pdf_of_a_sheet_the_user_cannot_see_is_not_found(client, partner_in_ds):
    hidden = sheet(group("HAB"), "Brouillon d'un autre groupe")
    client.force_login(partner_in_ds)
    assert client.get(reverse("actionsheets:sheet_pdf", args=[hidden.pk])).status_code == 404


def test_pdf_escapes_what_people_typed(coordinator_client):
    item = sheet(title="Atelier <img src=http://example.org/x.png>", description="<link href='http://x'>")
    response = coordinator_client.get(reverse("actionsheets:sheet_pdf", args=[item.pk]))
    assert response.status_code == 200  # no network fetch was attempted (it would raise)
    assert "<img src=http://example.org/x.png>" in pdf_text(response)[1]


def test_pdf_is_made_again_when_anything_it_shows_changes_and_only_then(coordinator_client, monkeypatch):
    from solidarites.lib import pdf

    written = []
    real_write = pdf.write_pdf
    monkeypatch.setattr(pdf, "write_pdf", lambda html: written.append(html) or real_write(html))
    item = sheet(title="Forum des métiers au collège", description="Première version.")
    url = reverse("actionsheets:sheet_pdf", args=[item.pk])
    first = coordinator_client.get(url).content
    assert coordinator_client.get(url).content == first and len(written) == 1  # the same HTML: kept
    ActionSheet.objects.filter(pk=item.pk).update(description="Deuxième version.")
    assert "Deuxième version." in pdf_text(coordinator_client.get(url))[1] and len(written) == 2
    # Something shown but not stored on the sheet (the lead structure's name) changes the document too.
    lead = structure("Collège Jean-Racine")
    ActionSheet.objects.filter(pk=item.pk).update(lead_organisation=lead)
    coordinator_client.get(url)
    Organisation.objects.filter(pk=lead.pk).update(name="Collège Jean-Racine de Plaisir")
    assert "Collège Jean-Racine de Plaisir" in pdf_text(coordinator_client.get(url))[1] and len(written) == 4


PLAN = reverse("actionsheets:plan_pdf")
PLAN_REQUEST = reverse("background:document_request", args=["plan"])


def plan_download(client, query=""):
    """The plan d'actions as the list's button has it made: a POST that queues the build, the task (run at once
    in tests, once the request's transaction commits), then the download from the build's page."""
    from django.test import TestCase

    from background.models import DocumentBuild

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(PLAN_REQUEST + (f"?{query}" if query else ""))
    build = DocumentBuild.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("background:document_build", args=[build.pk])
    assert build.status == DocumentBuild.Status.READY, build.error
    return client.get(reverse("background:document_download", args=[build.pk]))


def test_plan_pdf_holds_the_filtered_sheets_in_full_with_a_table_of_contents(coordinator_client):
    Commune.objects.create(name="Ville de Plaisir", programme_name="Projet Ville Solidarités")
    full = filled_sheet()
    other = sheet(group("DS"), "Parrainage de collégiens", status=Status.VALIDATED, description="Des parrains.")
    housing = sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED)
    response = plan_download(coordinator_client, f"axe={full.axis.pk}")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="plan-d-actions-')
    reader, text = pdf_text(response)
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    assert "Plan d'actions – Projet Ville Solidarités" in text and "3 fiches actions" in text  # with the related sheet
    assert f"Axe : {full.axis.code}" in text  # the selection is named
    assert housing.title not in text
    # Table of contents: each sheet with the page it starts on; each sheet starts a page, in full.
    pages = [page.extract_text() for page in reader.pages]
    for item in (full, other):
        start = next(number for number, page in enumerate(pages, 1) if f"Fiche {item.code} –" in page)
        assert start > 1
        entry = next(line for line in pages[0].splitlines() if line.startswith(f"{item.code} –"))
        assert entry.split()[-1] == str(start), entry
    assert [value for value in KEY_VALUES if flat(value) not in text] == []
    print(f"\nPlan PDF of 3 sheets: {len(reader.pages)} pages")


def test_plan_pdf_is_offered_for_the_filtered_list_and_capped(coordinator_client, monkeypatch):
    from actionsheets import documents

    first = sheet(group("DS"), "Parrainage de collégiens", status=Status.VALIDATED)
    second = sheet(group("DS"), "Aide aux devoirs", status=Status.VALIDATED)
    button = html(coordinator_client.get(LIST, {"statut": Status.VALIDATED})).find(
        "button", string=re.compile("Plan d'actions")
    )
    form = button.find_parent("form")
    assert form["method"] == "post" and form["action"] == f"{PLAN_REQUEST}?statut={Status.VALIDATED}"
    monkeypatch.setattr(documents, "PLAN_MAX_SHEETS", 1)
    text = pdf_text(plan_download(coordinator_client, form["action"].split("?", 1)[1]))[1]
    assert "Seules les 1 premières fiches sur 2" in text
    assert (first.title in text) != (second.title in text)  # one of them, in the list's order


def test_plan_pdf_address_shows_the_selection_and_asks_for_the_build(coordinator_client):
    sheet(group("DS"), "Parrainage de collégiens", status=Status.VALIDATED)
    sheet(group("HAB"), "Permanences logement", status=Status.DRAFT)
    page = html(coordinator_client.get(PLAN, {"statut": Status.VALIDATED}))
    assert "1 fiche action sélectionnée : Statut : Validée" in " ".join(page.find("main").get_text().split())
    button = page.find(lambda tag: tag.name == "button" and "Préparer le plan d'actions" in tag.get_text())
    form = button.find_parent("form")
    assert form["method"] == "post" and form["action"] == f"{PLAN_REQUEST}?statut={Status.VALIDATED}"


def test_plan_pdf_address_query_budget_does_not_grow_with_the_sheets(coordinator_client):
    sheet(group("DS"), "Parrainage de collégiens", status=Status.VALIDATED)

    def grow():
        for number in range(9):
            sheet(group("DS"), f"Action {number}", status=Status.VALIDATED)

    count = assert_query_budget(coordinator_client, f"{PLAN}?statut={Status.VALIDATED}", budget=15, grow=grow)
    print(f"\nPlan request page: {count} queries with 1 and 10 sheets")


def test_plan_pdf_keeps_to_the_sheets_the_user_may_see(client, partner_in_ds):
    own = sheet(group("DS"), "Brouillon du groupe DS")
    hidden = sheet(group("HAB"), "Brouillon d'un autre groupe")
    client.force_login(partner_in_ds)
    text = pdf_text(plan_download(client))[1]
    assert own.title in text and hidden.title not in text


def test_plan_pdf_query_budget_does_not_grow_with_the_sheets(coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actionsheets import plan_document

    def prepare_queries():
        with CaptureQueriesContext(connection) as queries:
            plan_document.prepare(coordinator, {}, lambda done, total, step: None)
        return len(queries)

    filled_sheet()
    prepare_queries()
    before = prepare_queries()
    [filled_sheet() for _ in range(3)]
    after = prepare_queries()
    assert before == after <= 30, (before, after)
    print(f"\nPlan PDF: {after} queries to prepare 1 and 4 fully filled sheets")


def test_attachment_builder_writes_no_file(coordinator, settings):
    # filled_sheet() is used on the development database by scripts/bench_pdf.py: it must not write files.
    filled_sheet()
    assert not (settings.MEDIA_ROOT / "fiches").exists()
