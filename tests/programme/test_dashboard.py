"""The programme dashboard: figures per persona, links, exports read back, the cache and its stamp, query budget."""

import datetime
import importlib
import io
from decimal import Decimal, InvalidOperation

import openpyxl
import pytest
import tablib
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from actionsheets.enums import FollowUpFlag, FundingState, Status
from actionsheets.models import ActionSheet, BudgetLine, Funder, FundingLine, Indicator, Measurement, Milestone
from programme import dashboard
from programme.dashboard import TABLES
from programme.templatetags import programme_charts
from solidarites.settings import shared_cache
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import cold_and_warm_queries, count_queries, html
from tests.workshops.factories import contact, group, meeting, member
from workshops.enums import AttendanceStatus, FindingKind, ObstacleCategory
from workshops.models import Attendance, CoordinationObstacle, Finding, Invitation

URL = reverse("programme:dashboard")
FORMATS = ("csv", "xlsx", "ods")


def export_url(table, fmt):
    return reverse("programme:dashboard_export", kwargs={"table": table, "fmt": fmt})


def add_figures(item, n=1):
    """Budget, funding, an overdue step, an indicator measured below its target, a need it answers."""
    funder = Funder.objects.get(label="Commune")
    for i in range(n):
        BudgetLine.objects.create(sheet=item, year=2026, label=f"Poste {i}", planned=1000, actual=400)
        FundingLine.objects.create(sheet=item, funder=funder, year=2026, amount=600, state=FundingState.GRANTED)
        FundingLine.objects.create(sheet=item, funder=funder, year=2026, amount=100, state=FundingState.REQUESTED)
        Milestone.objects.create(sheet=item, label=f"Étape {i}", due_on=timezone.localdate() - datetime.timedelta(9))
        indicator = Indicator.objects.create(sheet=item, label=f"Jeunes suivis {i}", target=40)
        Measurement.objects.create(indicator=indicator, year=2026, value=10)
        need = Finding.objects.create(axis=item.axis, kind=FindingKind.NEED, source="interviews", title="Besoin")
        item.findings.add(need)


def held_session(of, invited=3, present=2):
    session = meeting(of, days=-5 - Invitation.objects.count(), title="Séance tenue")
    people = [contact("Invité", f"N{Invitation.objects.count()}-{i}") for i in range(invited)]
    for person in people:
        Invitation.objects.create(meeting=session, contact=person)
    for person in people[:present]:
        Attendance.objects.create(meeting=session, contact=person, status=AttendanceStatus.PRESENT)
    return session


@pytest.fixture
def programme(db):
    """The partner's group (DS) and another one (IPJ): validated and draft fiches in each; the other group's
    draft must not count for the partner."""
    partner = make_persona("partner")
    own, other = group("DS"), group("IPJ")
    member(own, partner.contact)
    late = {"follow_up_flag": FollowUpFlag.LATE, "progress": 30}
    validated = sheet(own, "Cellule de veille", status=Status.IN_PROGRESS, **late)
    add_figures(validated)
    own_draft = sheet(own, "Brouillon du groupe du partenaire")
    foreign_draft = sheet(other, "Brouillon d'un autre groupe", follow_up_flag=FollowUpFlag.BLOCKED)
    add_figures(foreign_draft)
    other_validated = sheet(other, "Chantiers éducatifs", status=Status.VALIDATED)
    held_session(own)
    CoordinationObstacle.objects.create(category=ObstacleCategory.SILOS, title="Travail en silo")
    return {
        "partner": partner,
        "validated": validated,
        "own_draft": own_draft,
        "foreign_draft": foreign_draft,
        "other_validated": other_validated,
    }


# The fragments cache (a database table now) is emptied before each test by tests/conftest.py.


def page_table(page, slug):
    """The rows of the table `slug` as shown: header, body and total rows, each a list of cell texts."""
    table = page.find("table", id=f"tableau-{slug}")
    return [[" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")]


def total_of(page, slug):
    return page_table(page, slug)[-1][-1]


def get_page(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return html(response)


def test_coordinator_and_reader_see_every_fiche(client, programme):
    for persona in ("coordinator", "reader"):
        page = get_page(client, make_persona(persona))
        assert total_of(page, "statuts") == "4"
        signalled = " ".join(page.find("section", attrs={"aria-labelledby": "signalements-titre"}).get_text().split())
        assert "Brouillon d'un autre groupe" in signalled and "Bloquée" in signalled
        assert page_table(page, "budget")[-1][1] == "2 000,00 €"


def test_partner_sees_validated_fiches_and_its_groups_only(client, programme):
    page = get_page(client, programme["partner"])
    assert total_of(page, "statuts") == "3"  # not the other group's draft
    text = page.get_text()
    assert "Brouillon d'un autre groupe" not in text
    assert page_table(page, "budget")[-1][1] == "1 000,00 €"
    assert [row[0] for row in page_table(page, "participation")[1:]] == ["Groupe Décrochage scolaire"]
    # no link to the pages of the project team
    assert not page.find("a", href=reverse("workshops:attendance_stats"))
    assert not page.find("a", href=reverse("programme:partner_map"))


@pytest.mark.parametrize("persona", ["outsider", "admin"])
def test_other_logged_in_personas_get_the_page(client, programme, persona):
    page = get_page(client, make_persona(persona))
    assert page.find("h1").get_text(strip=True) == "Tableau de bord du programme"


def test_status_counts_link_to_the_filtered_list(client, programme):
    page = get_page(client, make_persona("coordinator"))
    axis = programme["validated"].axis
    link = page.find("table", id="tableau-statuts").find("a", href=f"/fiches/?axe={axis.pk}&statut=in_progress")
    assert link.get_text(strip=True) == "1"
    late = page.find("a", href="/fiches/?signalement=late")
    assert "1" in late.get_text()
    overdue = page.find("table", id="tableau-etapes-en-retard")
    assert overdue.find("a", href=programme["validated"].get_absolute_url())
    assert page.find("a", href=reverse("workshops:attendance_stats"))
    assert page.find("a", href=reverse("programme:axis_detail", kwargs={"code": "DS"}))


def test_reader_gets_no_link_to_drafts(client, programme):
    page = get_page(client, make_persona("reader"))
    statuses = page.find("table", id="tableau-statuts")
    assert not statuses.find("a", href=lambda href: href and "statut=draft" in href)
    assert not page.find("a", href=programme["foreign_draft"].get_absolute_url())
    assert page.find("a", href=programme["validated"].get_absolute_url())


def test_every_chart_is_a_figure_with_caption_summary_and_table(client, programme):
    page = get_page(client, make_persona("coordinator"))
    charts = page.find_all("svg", class_="chart")
    assert len(charts) >= 5
    for chart in charts:
        figure = chart.find_parent("figure")
        assert figure.find("figcaption")
        assert chart["role"] == "img" and page.find(id=chart["aria-labelledby"])
        assert page.find(id=chart["aria-describedby"]).get_text(strip=True)
        assert not chart.has_attr("style") and not chart.find(attrs={"style": True})
    assert not page.find("script", src=None)
    for table in page.find_all("table"):
        assert all(th.has_attr("scope") for th in table.find_all("th"))


# Exports read back


def normalised(value):
    """A cell as comparable text: numbers without French spacing or units, dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    text = str(value).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if text in ("", "–"):
        return ""
    try:
        return f"{datetime.date.fromisoformat(text):%d/%m/%Y}"  # a date read back from CSV
    except ValueError:
        pass
    number = text.removesuffix("€").removesuffix("%").strip().replace(" ", "").replace(",", ".")
    try:
        return str(Decimal(number).normalize())
    except InvalidOperation:
        return text


def read_back(content, fmt):
    if fmt == "xlsx":
        sheet_ = openpyxl.load_workbook(io.BytesIO(content)).active
        return [list(row) for row in sheet_.iter_rows(values_only=True)]
    if fmt == "csv":
        data = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv", delimiter=";")
    else:
        data = tablib.Dataset().load(content, format="ods")
    return [list(data.headers), *[list(row) for row in data]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_exported_table_reads_back_as_the_page_shows_it(client, programme, fmt):
    page = get_page(client, make_persona("coordinator"))
    for slug in TABLES:
        response = client.get(export_url(slug, fmt))
        assert response.status_code == 200, slug
        exported = read_back(response.content, fmt)
        shown = page_table(page, slug) if page.find("table", id=f"tableau-{slug}") else None
        if shown is None:  # an empty table: only its header is exported
            assert len(exported) == 1, slug
            continue
        assert [[normalised(v) for v in row] for row in exported] == [[normalised(v) for v in row] for row in shown]


def test_unknown_table_or_format_is_404(client, programme):
    client.force_login(make_persona("coordinator"))
    assert client.get(export_url("inconnu", "csv")).status_code == 404
    assert client.get(export_url("statuts", "pdf")).status_code == 404
    assert client.post(URL).status_code == 405


# The cache and the programme stamp


def test_figures_change_right_after_a_change(client, programme):
    client.force_login(make_persona("coordinator"))
    before = dashboard.stamp()
    assert total_of(html(client.get(URL)), "statuts") == "4"
    assert total_of(html(client.get(URL)), "statuts") == "4"  # from the cache
    sheet(group("IPJ"), "Nouvelle fiche")
    assert dashboard.stamp() != before
    assert total_of(html(client.get(URL)), "statuts") == "5"
    Milestone.objects.filter(sheet=programme["validated"]).update(is_done=True)
    page = html(client.get(URL))
    assert programme["validated"].get_absolute_url() not in str(page.find("table", id="tableau-etapes-en-retard"))


def test_the_cache_is_used_and_keyed_by_audience(client, programme):
    coordinator = make_persona("coordinator")
    client.force_login(coordinator)
    cold = count_queries(client, URL)
    warm = count_queries(client, URL)
    assert warm < cold
    keys = {dashboard.audience(user, True) for user in (coordinator, make_persona("reader"), programme["partner"])}
    assert len(keys) == 3


@pytest.mark.django_db(transaction=True)
def test_another_connection_sees_the_new_stamp_at_once_and_at_commit():
    other = connection.copy()  # a second connection, as another worker process would have

    def seen():
        with other.cursor() as cursor:
            cursor.execute("SELECT last_value FROM programme_stamp")
            return cursor.fetchone()[0]

    try:
        start = seen()
        with transaction.atomic():
            sheet(group("DS"), "Fiche écrite dans une transaction")
            during = seen()
            assert during > start  # statement-level trigger: seen before the commit
            ActionSheet.objects.update(progress=10)
            before_commit = seen()
        after_commit = seen()
        assert after_commit == before_commit + 1  # one more bump at commit, once per transaction
    finally:
        other.close()


# Query budget


def grow_everything(rows=9):
    """Nine more of each thing the dashboard counts, in every group."""
    for i in range(rows):
        for code in ("DS", "IPJ"):
            item = sheet(
                group(code), f"Fiche {code} {i}", status=Status.VALIDATED, follow_up_flag=FollowUpFlag.TO_DISCUSS
            )
            add_figures(item)
            held_session(group(code))
        CoordinationObstacle.objects.create(category=ObstacleCategory.MEANS, title=f"Manque de moyens {i}")


@pytest.mark.parametrize("persona", ["coordinator", "partner"])
def test_query_budget_does_not_grow_with_the_data(client, programme, persona, settings, capsys):
    user = programme["partner"] if persona == "partner" else make_persona(persona)
    client.force_login(user)
    cold, warm = cold_and_warm_queries(client, URL, settings=settings, budget=25, grow=grow_everything)
    with capsys.disabled():
        print(f"\nprogramme:dashboard as {persona}: {cold} queries cold, {warm} with the figures cached")
    # Session, user, the stamp (+ the partner's groups), and the session's sliding expiry written back (an
    # UPDATE between a savepoint and its release): what the floor view makes, plus the stamp.
    assert warm <= (7 if persona == "partner" else 6)
    # The cache as configured, shared by every worker: PostgreSQL's database cache, whose read is one query more.
    settings.CACHES = {**settings.CACHES, "fragments": shared_cache("fragments", timeout=600, max_entries=500)}
    client.get(URL)
    shared = count_queries(client, URL)
    with capsys.disabled():
        print(f"programme:dashboard as {persona}: {shared} queries with the figures in the shared database cache")
    assert shared == warm + 1


def test_every_table_the_dashboard_reads_bumps_the_stamp(db):
    tables = importlib.import_module("programme.migrations.0001_dashboard_stamp").TABLES
    tables = tables + importlib.import_module("programme.migrations.0003_stamp_directory_tables").TABLES
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'programme_stamp%%'"
        )
        found = set(cursor.fetchall())
    assert {(table, name) for table in tables for name in ("programme_stamp", "programme_stamp_at_commit")} <= found
    for model in (Attendance, Invitation, Measurement, CoordinationObstacle):
        assert model._meta.db_table in tables
    before = dashboard.stamp()
    CoordinationObstacle.objects.create(category=ObstacleCategory.MEANS, title="Manque de moyens")
    assert dashboard.stamp() != before


def test_bar_lengths_are_proportional_svg_attributes():
    chart = {"id": "c", "series": ["Prévu", "Acquis"], "groups": [{"label": "DS", "bars": [(200, "200"), (50, "50")]}]}
    groups, height = programme_charts.layout(chart)
    first, second = groups[0]["bars"]
    assert first["length"] == programme_charts.BAR_AREA and second["length"] == programme_charts.BAR_AREA / 4
    assert second["text"] == "Acquis : 50" and height > second["y"]
    svg = programme_charts.bar_chart(chart, labelled_by="l")
    assert svg["width"] == programme_charts.WIDTH


def test_a_partner_exports_only_its_figures(client, programme):
    client.force_login(programme["partner"])
    rows = read_back(client.get(export_url("statuts", "csv")).content, "csv")
    assert rows[-1][0] == "Total" and normalised(rows[-1][-1]) == "3"
    flagged = read_back(client.get(export_url("signalements", "xlsx")).content, "xlsx")
    assert all("autre groupe" not in str(row[0]) for row in flagged)


def test_the_print_stylesheet_makes_an_a4_handout():
    css = (settings.BASE_DIR / "static" / "css" / "programme.css").read_text()
    handout = css[css.index("@media print") :]
    assert "size: A4" in handout and ".dashboard-export" in handout and "content: none" in handout
