"""Closing a COPIL and the programme's snapshots: the snapshot's rows match the fiches, the database refuses to
change them, a COPIL closes once; « ce qui a changé » between two snapshots (exactly the COPIL's moves) and
between a snapshot and now; the exports read back; fixed query counts with 1 and 10 fiches."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
import tablib
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actionsheets import services as sheet_services
from actionsheets.models import ActionSheet, BudgetLine, Funder, FundingLine, Indicator, Measurement, Milestone, Status
from partners.models import AuditEntry
from programme import snapshots
from programme.models import CopilDossier, ProgrammeSnapshot, SnapshotRow
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, count_queries, html
from tests.workshops.factories import group, meeting
from workshops.enums import ObstacleCategory
from workshops.models import CoordinationObstacle, Meeting

TODAY = timezone.localdate()
COPIL_DAY = datetime.date(2026, 10, 8)


def copil(days=-1, title="COPIL"):
    item = meeting(days=days, title=title, kind=Meeting.Kind.COPIL)
    return CopilDossier.objects.create(meeting=item)


def funder():
    return Funder.objects.get_or_create(label="Caisse d'allocations familiales (essai)")[0]


def furnished(item, planned="1000.00", granted="600.00"):
    """Budget, funding, a measured indicator, one milestone done and one overdue, an open obstacle."""
    BudgetLine.objects.create(sheet=item, year=2026, label="Animation", planned=Decimal(planned))
    FundingLine.objects.create(
        sheet=item, funder=funder(), year=2026, amount=Decimal(granted), state=FundingLine.State.GRANTED
    )
    FundingLine.objects.create(sheet=item, funder=funder(), year=2027, amount=Decimal("50.00"))
    indicator = Indicator.objects.create(sheet=item, label="Jeunes accompagnés", unit="jeunes")
    Measurement.objects.create(indicator=indicator, year=2024, value=Decimal("12"))
    Measurement.objects.create(indicator=indicator, year=2025, value=Decimal("20"))
    Milestone.objects.create(sheet=item, label="Charte", due_on=TODAY - datetime.timedelta(days=30), is_done=True)
    Milestone.objects.create(sheet=item, label="Bilan", due_on=TODAY - datetime.timedelta(days=3))
    Milestone.objects.create(sheet=item, label="Forum", due_on=TODAY + datetime.timedelta(days=30))
    obstacle = CoordinationObstacle.objects.create(category=ObstacleCategory.SILOS, title="Pas de référent")
    item.obstacles.add(obstacle)
    return item


def validate(by, item):
    return sheet_services.move(by=by, sheet=item, action="validate", copil_date=COPIL_DAY, notify=False)


def soup(text):
    return BeautifulSoup(text, "html.parser")


@pytest.fixture
def coordinator(db):
    return make_persona("coordinator")


@pytest.fixture
def three_forwarded(db):
    return [sheet(group("DS"), f"Fiche transmise {n}", status=Status.FORWARDED) for n in (1, 2, 3)]


# Closing


def test_closing_freezes_a_snapshot_whose_rows_match_the_fiches(coordinator):
    running = furnished(sheet(group("DS"), "Cellule de veille", status=Status.IN_PROGRESS))
    ActionSheet.objects.filter(pk=running.pk).update(follow_up_flag="late", progress=40)
    draft = sheet(group("HAB"), "Relogement accompagné")
    dossier = copil()

    taken = snapshots.close_copil(by=coordinator, dossier=dossier)

    dossier.refresh_from_db()
    assert dossier.closed_at == taken.taken_at and dossier.closed_by == coordinator
    assert taken.taken_by == coordinator and taken.label.startswith("COPIL du ")
    rows = {row.sheet_id: row for row in taken.rows.all()}
    assert set(rows) == {running.pk, draft.pk}
    row = rows[running.pk]
    assert (row.code, row.title, row.axis_code, row.group_name) == (
        running.code,
        "Cellule de veille",
        "DS",
        running.group.name,
    )
    assert row.status == Status.IN_PROGRESS
    assert (row.planned_total, row.funding_secured, row.funding_requested, row.actual_total) == (
        Decimal("1000.00"),
        Decimal("600.00"),
        Decimal("50.00"),
        None,
    )
    assert [(v["label"], v["year"], v["value"], v["count"]) for v in row.indicators.values()] == [
        ("Jeunes accompagnés", 2025, "20.00", 2)
    ]
    assert (row.milestones_done, row.milestones_overdue) == (1, 1)
    assert (row.follow_up_flag, row.progress) == ("late", 40)
    assert row.open_obstacles == list(running.obstacles.values_list("pk", flat=True))
    assert rows[draft.pk].status == Status.DRAFT and rows[draft.pk].planned_total == 0
    assert list(taken.obstacles.values()) == [{"title": "Pas de référent", "status": "open"}]
    entry = AuditEntry.objects.about(dossier).get()
    assert entry.actor == coordinator and "instantané" in entry.message


def test_the_database_refuses_to_update_or_delete_a_snapshot(coordinator):
    sheet(group("DS"), "Cellule de veille", status=Status.VALIDATED)
    taken = snapshots.close_copil(by=coordinator, dossier=copil())
    attempts = [
        lambda: ProgrammeSnapshot.objects.filter(pk=taken.pk).update(label="Retouché"),
        lambda: SnapshotRow.objects.filter(snapshot=taken).update(status=Status.DONE),
        lambda: taken.save(),
        lambda: SnapshotRow.objects.filter(snapshot=taken).delete(),
    ]
    raw = [
        "UPDATE programme_snapshotrow SET title = 'Retouchée'",
        "UPDATE programme_programmesnapshot SET taken_at = now()",
        "DELETE FROM programme_snapshotrow",
        "DELETE FROM programme_programmesnapshot",
    ]
    for attempt in attempts:
        with pytest.raises(IntegrityError, match="ne se modifie pas"), transaction.atomic():
            attempt()
    for sql in raw:
        with pytest.raises(IntegrityError, match="ne se modifie pas"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    row = taken.rows.get()
    assert (row.title, row.status) == ("Cellule de veille", Status.VALIDATED)
    assert ProgrammeSnapshot.objects.get().label == taken.label


def test_a_copil_closes_once(coordinator, client):
    sheet(group("DS"), status=Status.FORWARDED)
    dossier = copil()
    first = snapshots.close_copil(by=coordinator, dossier=dossier)
    with pytest.raises(snapshots.CopilAlreadyClosed):
        snapshots.close_copil(by=coordinator, dossier=dossier)
    client.force_login(coordinator)
    response = client.post(reverse("programme:copil_close", kwargs={"pk": dossier.meeting_id}), follow=False)
    assert response.status_code == 302
    assert response.url == reverse("programme:copil_dossier", kwargs={"pk": dossier.meeting_id})
    assert ProgrammeSnapshot.objects.get() == first and SnapshotRow.objects.count() == 1
    dossier.refresh_from_db()
    assert dossier.closed_at == first.taken_at


def test_the_close_form_posts_for_coordinators_only(coordinator, client):
    dossier = copil()
    reader = make_persona("reader")
    form = render_to_string("programme/copil_close_form.html", {"dossier": dossier, "can_close": True})
    url = reverse("programme:copil_close", kwargs={"pk": dossier.meeting_id})
    assert soup(form).find("form")["action"] == url
    readonly = render_to_string("programme/copil_close_form.html", {"dossier": dossier, "can_close": False})
    assert soup(readonly).find("form") is None
    client.force_login(reader)
    assert client.post(url).status_code == 403
    client.force_login(coordinator)
    assert client.post(url).status_code == 302
    dossier.refresh_from_db()
    closed = render_to_string("programme/copil_close_form.html", {"dossier": dossier, "can_close": True})
    assert soup(closed).find("form") is None
    assert soup(closed).find("a")["href"] == reverse("programme:snapshot_detail", kwargs={"pk": dossier.snapshot.pk})


# « Ce qui a changé »


def test_the_changes_after_a_copil_are_exactly_its_moves(coordinator, three_forwarded, client):
    validated, reworked, postponed = three_forwarded
    untouched = sheet(group("HAB"), "Permanences logement", status=Status.IN_PROGRESS)
    before = snapshots.close_copil(by=coordinator, dossier=copil(-40, "COPIL de juin"))
    validate(coordinator, validated)
    sheet_services.move(
        by=coordinator,
        sheet=reworked,
        action="copil_rework",
        comment="Préciser le public",
        copil_date=COPIL_DAY,
        notify=False,
    )
    after = snapshots.close_copil(by=coordinator, dossier=copil(-1, "COPIL d'octobre"))

    changes = snapshots.compare(snapshots.snapshot_side(before), snapshots.snapshot_side(after))
    assert [(m["row"].sheet_id, m["before"], m["after"]) for m in changes.moves] == [
        (validated.pk, "Transmise au COPIL", "Validée"),
        (reworked.pk, "Transmise au COPIL", "À retravailler"),
    ]
    assert postponed.pk not in {m["row"].sheet_id for m in changes.moves}
    assert untouched.pk not in {m["row"].sheet_id for m in changes.moves}
    assert not (changes.added or changes.removed or changes.money or changes.indicators or changes.obstacles)

    client.force_login(coordinator)
    response = client.get(reverse("programme:changes"), {"depuis": before.pk, "jusqu_a": after.pk})
    table = html(response).find(id="changes-moves-table")
    shown = [[" ".join(cell.get_text().split()) for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]
    assert shown == [
        [f"{validated.code} – Fiche transmise 1", "Transmise au COPIL", "Validée"],
        [f"{reworked.code} – Fiche transmise 2", "Transmise au COPIL", "À retravailler"],
    ]


def test_the_changes_since_a_snapshot_until_now(coordinator, client):
    running = furnished(sheet(group("DS"), "Cellule de veille", status=Status.IN_PROGRESS))
    since = snapshots.close_copil(by=coordinator, dossier=copil())
    added = sheet(group("HAB"), "Relogement accompagné")
    BudgetLine.objects.filter(sheet=running).update(planned=Decimal("1500.00"))
    indicator = Indicator.objects.get(sheet=running)
    Measurement.objects.create(indicator=indicator, year=2026, value=Decimal("31"))
    Milestone.objects.filter(sheet=running, label="Bilan").update(is_done=True)
    Milestone.objects.create(sheet=running, label="Comité local", due_on=TODAY - datetime.timedelta(days=1))
    CoordinationObstacle.objects.create(category=ObstacleCategory.KNOWLEDGE, title="Dispositifs méconnus")

    changes = snapshots.compare(snapshots.snapshot_side(since), snapshots.now_side())

    assert [row.sheet_id for row in changes.added] == [added.pk]
    assert changes.moves == []
    assert [(m["row"].sheet_id, m["what"], m["before"], m["after"], m["delta"]) for m in changes.money] == [
        (running.pk, "Budget prévu", Decimal("1000.00"), Decimal("1500.00"), Decimal("500.00"))
    ]
    assert [(a["code"], a["what"], a["delta"]) for a in changes.axes] == [("DS", "Budget prévu", Decimal("500.00"))]
    assert [(i["label"], i["year"], i["value"], i["previous"]["value"]) for i in changes.indicators] == [
        ("Jeunes accompagnés", 2026, "31.00", "20.00")
    ]
    assert [m["label"] for m in changes.milestones_reached] == ["Bilan"]
    assert [m["label"] for m in changes.milestones_late] == ["Comité local"]
    assert [o["title"] for o in changes.obstacles] == ["Dispositifs méconnus"]

    client.force_login(coordinator)
    page = html(client.get(reverse("programme:changes")))  # by default: since the last snapshot, until now
    assert "Relogement accompagné" in page.find(id="changes-added").parent.get_text()
    assert "Dispositifs méconnus" in page.find(id="changes-obstacles").parent.get_text()
    assert "aujourd'hui" in page.find(class_="lead").get_text()


def test_the_changes_page_without_snapshot_and_with_a_wrong_order(coordinator, client):
    client.force_login(coordinator)
    page = html(client.get(reverse("programme:changes")))
    assert "Aucun COPIL n'a encore été clos" in page.get_text()
    assert client.get(reverse("programme:changes_export", kwargs={"fmt": "csv"})).status_code == 404
    first = snapshots.close_copil(by=coordinator, dossier=copil(-40))
    second = snapshots.close_copil(by=coordinator, dossier=copil(-1))
    response = client.get(reverse("programme:changes"), {"depuis": second.pk, "jusqu_a": first.pk})
    assert response.status_code == 200
    assert "Choisissez un instantané pris après" in html(response).find(class_="invalid-feedback").get_text()
    assert html(response).find(id="changes-moves") is None


def read_back(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    if fmt == "xlsx":
        sheet_ = load_workbook(io.BytesIO(response.content)).active
        return [["" if cell is None else str(cell) for cell in row] for row in sheet_.iter_rows(values_only=True)]
    data = tablib.Dataset().load(response.content, format="ods")
    return [list(data.headers)] + [["" if cell is None else str(cell) for cell in row] for row in data]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
def test_the_export_reads_back_as_the_changes(fmt, coordinator, three_forwarded, client):
    validated = three_forwarded[0]
    before = snapshots.close_copil(by=coordinator, dossier=copil(-40))
    validate(coordinator, validated)
    BudgetLine.objects.create(sheet=validated, year=2026, label="Salle", planned=Decimal("250.00"))
    client.force_login(make_persona("reader"))
    url = reverse("programme:changes_export", kwargs={"fmt": fmt})
    response = client.get(url, {"depuis": before.pk})
    assert response.status_code == 200
    rows = read_back(response, fmt)
    assert rows[0] == snapshots.EXPORT_HEADERS
    body = [[cell.strip() for cell in row] for row in rows[1:]]
    assert ["Changement de statut", validated.code, validated.title, "DS", "Transmise au COPIL", "Validée", ""] in body
    budget = next(row for row in body if row[0] == "Budget prévu")
    assert budget[1] == validated.code and Decimal(budget[5]) == Decimal("250.00")
    assert any(row[0] == "Budget prévu de l'axe" and row[3] == "DS" for row in body)
    assert len(body) == 3


def test_changes_since_last_copil_for_the_dossier(coordinator, three_forwarded):
    partner_context = snapshots.changes_since_last_copil(make_persona("partner"))
    assert partner_context == {"can_see_changes": False}
    assert render_to_string("programme/changes_summary.html", partner_context).strip() == ""
    nothing_yet = snapshots.changes_since_last_copil(coordinator)
    assert nothing_yet["changes_since"] is None
    assert "Aucun COPIL" in render_to_string("programme/changes_summary.html", nothing_yet)
    taken = snapshots.close_copil(by=coordinator, dossier=copil())
    sheet_services.move(
        by=coordinator, sheet=three_forwarded[0], action="validate", copil_date=COPIL_DAY, notify=False
    )
    context = snapshots.changes_since_last_copil(coordinator)
    assert context["changes_since"] == taken and context["changes_counts"]["moves"] == 1
    summary = soup(render_to_string("programme/changes_summary.html", context))
    assert "changements de statut : 1" in summary.get_text()
    assert summary.find("a")["href"] == f"{reverse('programme:changes')}?depuis={taken.pk}"


def test_the_summary_of_a_closed_copil_stops_at_its_own_snapshot(coordinator, three_forwarded):
    first_dossier, second_dossier = copil(-40), copil(-1)
    first = snapshots.close_copil(by=coordinator, dossier=first_dossier)
    validate(coordinator, three_forwarded[0])
    second = snapshots.close_copil(by=coordinator, dossier=second_dossier)
    validate(coordinator, three_forwarded[1])  # after the second COPIL: not on its page
    context = snapshots.changes_since_last_copil(coordinator, dossier=second_dossier)
    assert (context["changes_since"], context["changes_until"]) == (first, second)
    assert context["changes_counts"]["moves"] == 1
    link = soup(render_to_string("programme/changes_summary.html", context)).find("a")["href"]
    assert link == f"{reverse('programme:changes')}?depuis={first.pk}&jusqu_a={second.pk}"
    oldest = snapshots.changes_since_last_copil(coordinator, dossier=first_dossier)
    assert oldest["changes_since"] is None
    assert "premier COPIL clos" in render_to_string("programme/changes_summary.html", oldest)
    now = snapshots.changes_since_last_copil(coordinator, dossier=copil(10))  # an open dossier: since the last
    assert (now["changes_since"], now["changes_until"], now["changes_counts"]["moves"]) == (second, None, 1)


# Pages


def test_the_snapshot_pages(coordinator, client):
    furnished(sheet(group("DS"), "Cellule de veille", status=Status.IN_PROGRESS))
    taken = snapshots.close_copil(by=coordinator, dossier=copil())
    client.force_login(make_persona("reader"))
    listing = html(client.get(reverse("programme:snapshot_list")))
    assert listing.find("a", string=taken.label)["href"] == taken.get_absolute_url()
    detail = html(client.get(taken.get_absolute_url()))
    row = detail.find("table", class_="snapshot-table").tbody.tr
    cells = [" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])]
    assert cells[2:8] == ["En cours", "1 000,00 €", "600,00 €", "—", "1", "1"]
    client.force_login(make_persona("partner"))
    assert client.get(taken.get_absolute_url()).status_code == 403


# Query budgets


def grow_programme(count):
    def grow():
        for n in range(count):
            furnished(sheet(group("HAB"), f"Fiche ajoutée {n}", status=Status.VALIDATED))

    return grow


def test_closing_makes_a_fixed_number_of_queries(coordinator):
    furnished(sheet(group("DS"), status=Status.VALIDATED))
    ContentType.objects.get_for_model(CopilDossier)  # the log row's content type, cached for the process
    counts = []
    for grow in (lambda: None, grow_programme(9)):
        grow()
        dossier = copil()
        with CaptureQueriesContext(connection) as queries:
            snapshots.close_copil(by=coordinator, dossier=dossier)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # savepoint, lock, update of the dossier, the register of obstacles, the snapshot, the fiches with their
    # totals, their milestones, indicators, measurements and open obstacles, the rows, the log row, release
    assert counts[1] <= 13, counts


def test_query_budgets_with_1_and_10_fiches(coordinator, client):
    furnished(sheet(group("DS"), status=Status.VALIDATED))
    snapshots.close_copil(by=coordinator, dossier=copil(-40))
    client.force_login(coordinator)
    assert_query_budget(client, reverse("programme:changes"), budget=16, grow=grow_programme(9))
    small = snapshots.latest_snapshot()
    large = snapshots.close_copil(by=coordinator, dossier=copil(-1))
    assert large.rows.count() == 10 and small.rows.count() == 1
    assert count_queries(client, small.get_absolute_url()) == count_queries(client, large.get_absolute_url())
    assert count_queries(client, large.get_absolute_url()) <= 8
    list_url = reverse("programme:snapshot_list")

    def more_snapshots():
        for n in range(2, 11):
            snapshots.close_copil(by=coordinator, dossier=copil(-n))

    assert_query_budget(client, list_url, budget=8, grow=more_snapshots)
