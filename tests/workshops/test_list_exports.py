"""Issue 14, item 4: every list exports, as CSV for Excel, XLSX and ODS, with French headers and dated names.

Each export is read back (tablib for CSV and ODS, openpyxl for XLSX) and compared with the table its page shows
(headers and cell texts); a planted formula comes out as text; the lists naming people are for those who
manage them and leave a line in the log; the number of queries of each export does not grow with its rows.
"""

import csv
import io
import itertools
import re
from datetime import timedelta

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partners.enums import AuditVerb
from partners.models import AuditEntry, SentEmail
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, local, meeting, member
from workshops.enums import AttendanceStatus, InvitationAnswer
from workshops.models import Attendance, CoordinationObstacle, Finding, Invitation, MembershipRole, ObstacleCategory

pytestmark = pytest.mark.django_db
FORMATS = ["csv", "xlsx", "ods"]
FORMULA = '=HYPERLINK("http://pirate.example/","Cliquez")'
TODAY = f"{timezone.localdate():%Y-%m-%d}"


def text(cell):
    """A cell as a page shows it: None empty, whole numbers without « .0 » (ODS reads numbers as floats)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def as_shown(cell):
    """A neutralised cell (« '=HYPERLINK(…) ») as the page shows it."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell


def read_back(response, fmt, raw=False):
    """[header, *rows] of a downloaded spreadsheet, every cell as text (as the page shows it unless `raw`)."""
    content = response.content
    if fmt == "csv":
        assert content.startswith("\ufeff".encode())
        dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv", delimiter=";")
        lines = [dataset.headers, *dataset]
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        lines = list(sheet.iter_rows(values_only=True))
    else:
        dataset = tablib.Dataset().load(content, format="ods")
        lines = [dataset.headers, *dataset]
    return [[text(cell) if raw else as_shown(text(cell)) for cell in line] for line in lines]


def squash(value):
    return re.sub(r"\s+", " ", value).strip()


def page_table(response, selector="table"):
    """[header, *rows] of a table of a page, each cell's text (spaces squashed)."""
    table = html(response).select_one(selector)
    header = [squash(th.get_text()) for th in table.select("thead th")]
    rows = [[squash(cell.get_text(" ")) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
    return [header, *rows]


def download(client, name, fmt, *args, query=None):
    response = client.get(reverse(name, args=[*args, fmt]), query or {})
    assert response.status_code == 200, response.status_code
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.endswith(f'-{TODAY}.{fmt}"')
    return response


def filename(response):
    return response["Content-Disposition"].split('"')[1]


def columns(lines, *headers):
    """The columns `headers` of [header, *rows], in that order."""
    index = [lines[0].index(header) for header in headers]
    return [[line[i] for i in index] for line in lines[1:]]


# The world: two groups, sessions this month and in the past, invitations, answers, attendance


@pytest.fixture
def world(db):
    own = group("DS", "Groupe Décrochage")
    other = group("IPJ", "Groupe Insertion")
    facilitator = contact("Paula", "Partenaire", "Association du partenaire", email="partenaire@example.org")
    member(own, facilitator, MembershipRole.FACILITATOR)
    people = [contact("Ana", f"Lyse {n}", f"Structure {n}") for n in range(3)]
    for person in people:
        member(own, person)
    today = timezone.localdate()
    soon = meeting(own, title=FORMULA, starts_at=local(today, 9), ends_at=local(today, 11))
    held = meeting(own, other, days=-40, title="Séance de lancement")
    answers = [InvitationAnswer.YES, InvitationAnswer.REPRESENTED, InvitationAnswer.NO]
    for person, answer in zip(people, answers, strict=True):
        by = "Léa Relais" if answer == InvitationAnswer.REPRESENTED else ""
        Invitation.objects.create(meeting=soon, contact=person, answer=answer, represented_by=by)
        Invitation.objects.create(meeting=held, contact=person, answer=answer)
    Attendance.objects.create(meeting=held, contact=people[0], status=AttendanceStatus.PRESENT)
    Attendance.objects.create(
        meeting=held, contact=people[1], status=AttendanceStatus.REPRESENTED, represented_by="Léa Relais"
    )
    Attendance.objects.create(
        meeting=held, contact=contact("Vic", "Venu", "Structure 9"), status="present", is_walk_in=True
    )
    return {"own": own, "other": other, "soon": soon, "held": held, "people": people}


def test_calendar_sessions_of_the_month_and_of_the_list_equal_the_page(coordinator_client, world):
    month = timezone.localdate().strftime("%Y-%m")
    page = coordinator_client.get(reverse("workshops:calendar"), {"vue": "mois", "mois": month})
    shown = [squash(a.get_text()) for a in html(page).select(".calendar-month a")]
    listed = coordinator_client.get(reverse("workshops:calendar"), {"vue": "liste", "periode": "passees"})
    listed_table = page_table(listed)
    for fmt in FORMATS:
        lines = read_back(download(coordinator_client, "workshops:calendar_export", fmt, query={"mois": month}), fmt)
        assert lines[0] == ["Date", "Début", "Fin", "Séance", "Type de séance", "État", "Groupes", "Lieu"]
        assert [f"{start} {title}" for start, title in columns(lines, "Début", "Séance")] == shown
        past = download(
            coordinator_client, "workshops:calendar_export", fmt, query={"vue": "liste", "periode": "passees"}
        )
        lines = read_back(past, fmt)
        assert len(lines) == len(listed_table)
        for (day, title, groups, venue), row in zip(
            columns(lines, "Date", "Séance", "Groupes", "Lieu"), listed_table[1:], strict=True
        ):
            assert row[0].startswith(day) and row[1].startswith(title) and row[3] == venue
            assert groups == {FORMULA: "Groupe Décrochage"}.get(title, "Groupe Décrochage, Groupe Insertion")
    print("calendar:", filename(past), len(lines) - 1, "past session(s)")


def test_a_group_page_exports_its_sessions_upcoming_then_past(coordinator_client, world):
    page = coordinator_client.get(world["own"].get_absolute_url())
    shown = [squash(a.get_text()) for a in html(page).select("ul.list-unstyled li.mb-2 > a")]
    assert html(page).select_one(
        f'a[href="{reverse("workshops:group_meetings_export", args=[world["own"].pk, "ods"])}"]'
    )
    for fmt in FORMATS:
        response = download(coordinator_client, "workshops:group_meetings_export", fmt, world["own"].pk)
        assert [title for (title,) in columns(read_back(response, fmt), "Séance")] == shown
    assert filename(response) == f"seances-groupe-decrochage-{TODAY}.ods"


def test_invitations_and_answers_equal_the_session_page_and_are_logged(coordinator_client, coordinator, world):
    soon = world["soon"]
    table = page_table(coordinator_client.get(soon.get_absolute_url()), "#answers table")
    assert table[0] == ["Invité", "Structure", "Réponse"]
    for fmt in FORMATS:
        lines = read_back(download(coordinator_client, "workshops:invitations_export", fmt, soon.pk), fmt)
        assert lines[0] == ["Prénom", "Nom", "Structure", "Réponse", "Représenté ou représentée par"]
        rebuilt = [
            [f"{first} {last}", organisation, f"{answer} ({by})" if by else answer]
            for first, last, organisation, answer, by in lines[1:]
        ]
        assert rebuilt == table[1:]
    entries = AuditEntry.objects.filter(verb=AuditVerb.EXPORTED, actor=coordinator)
    assert entries.count() == 3
    assert all("invitations et réponses" in entry.message and "3 lignes" in entry.message for entry in entries)
    print(entries.first().message)


def test_attendance_equals_the_check_in_page_and_is_logged(coordinator_client, coordinator, world):
    held = world["held"]
    page = coordinator_client.get(reverse("workshops:attendance", args=[held.pk]))
    rows = []
    # One item per person (a list that stacks on a tablet): name, structure, answer, the chosen button, by whom.
    for item in html(page).select('ul[aria-labelledby="attendance-list-title"] > li'):
        name = squash(item.select_one('p[id^="person-"]').get_text())
        organisation, answer = (squash(div.get_text()) for div in item.select("p[id^='person-'] ~ div.small"))
        checked = item.select_one("input[type=radio][checked]")
        status = squash(item.select_one(f'label[for="{checked["id"]}"]').get_text()) if checked else ""
        by = item.select_one('input[name$="represented_by"]').get("value", "")
        rows.append([name, organisation, answer.removeprefix("Réponse à l'invitation : "), status, by])
    assert len(rows) == 4  # three invitees and a walk-in
    for fmt in FORMATS:
        lines = read_back(download(coordinator_client, "workshops:attendance_export", fmt, held.pk), fmt)
        assert lines[0] == [
            "Prénom",
            "Nom",
            "Structure",
            "Réponse à l'invitation",
            "Présence",
            "Représenté ou représentée par",
        ]
        assert [[f"{first} {last}", *rest] for first, last, *rest in lines[1:]] == rows
    assert (
        AuditEntry.objects.filter(
            verb=AuditVerb.EXPORTED, target_id=str(held.pk), message__contains="présences"
        ).count()
        == 3
    )


def test_a_reader_gets_neither_file_nor_menu_of_a_sessions_people(persona_client, world):
    reader = persona_client("reader")
    for name in ("workshops:invitations_export", "workshops:attendance_export"):
        assert reader.get(reverse(name, args=[world["soon"].pk, "csv"])).status_code == 403
    assert not html(reader.get(world["soon"].get_absolute_url())).select('a[href*="/invitations/export/"]')
    assert not AuditEntry.objects.filter(verb=AuditVerb.EXPORTED).exists()


@pytest.mark.parametrize(
    "table", ["par-groupe", "par-seance", "par-structure", "taux-par-groupe", "taux-par-structure", "jamais-presentes"]
)
def test_each_participation_table_equals_the_page(coordinator_client, world, table):
    page = html(coordinator_client.get(reverse("workshops:attendance_stats")))
    link = page.select_one(f'a[href="{reverse("workshops:participation_export", args=[table, "csv"])}"]')
    shown = page_table_of(link.find_parent("div", class_="dropdown").find_next("table"))
    for fmt in FORMATS:
        response = download(coordinator_client, "workshops:participation_export", fmt, table)
        lines = [[squash(cell) for cell in line] for line in read_back(response, fmt)]
        assert lines == shown, (fmt, lines, shown)
    assert filename(response).startswith(f"participation-{table}-")
    print(table, lines)


def page_table_of(table):
    header = [squash(th.get_text()) for th in table.select("thead th")]
    rows = [[squash(cell.get_text()) for cell in tr.select("th, td")] for tr in table.select("tbody tr")]
    return [header, *(row for row in rows if len(row) == len(header))]  # not the « Aucune… » line


@pytest.fixture
def register(world):
    from partners.models import Axis

    ds, ipj = Axis.objects.get(code="DS"), Axis.objects.get(code="IPJ")
    Finding.objects.create(
        axis=ds, kind=Finding.Kind.NEED, source=Finding.Source.INTERVIEWS, title=FORMULA, text="+33 1 23"
    )
    Finding.objects.create(
        axis=ipj, kind=Finding.Kind.STRENGTH, source=Finding.Source.INTERVIEWS, title="Un réseau dense"
    )
    for n, category in enumerate((ObstacleCategory.SILOS, ObstacleCategory.SILOS, ObstacleCategory.values[-1])):
        obstacle = CoordinationObstacle.objects.create(category=category, title=f"Frein {n}", meeting=world["held"])
        obstacle.axes.set([ds, ipj][: n + 1])


def test_findings_with_their_filters_equal_the_page_and_formulas_stay_text(coordinator_client, register):
    for query in ({}, {"nature": Finding.Kind.NEED}):
        page = html(coordinator_client.get(reverse("workshops:finding_list"), query))
        shown = [squash(item.select_one("strong").get_text()) for item in page.select('li[id^="constat-"]')]
        for fmt in FORMATS:
            lines = read_back(
                download(coordinator_client, "workshops:finding_export", fmt, query=query), fmt, raw=True
            )
            assert lines[0] == ["Axe", "Nature", "Constat", "Détail", "Source"]
            titles = [title for (title,) in columns(lines, "Constat")]
            assert [title.removeprefix("'") for title in titles] == shown
            assert f"'{FORMULA}" in titles and "'+33 1 23" in [row[3] for row in lines[1:]]
    assert_formula_is_text(coordinator_client, "workshops:finding_export", "C")


def assert_formula_is_text(client, name, column, *args):
    """In XLSX the planted formula is a text cell (with its apostrophe), not a formula."""
    sheet = load_workbook(io.BytesIO(client.get(reverse(name, args=[*args, "xlsx"])).content)).active
    cells = [cell for cell in sheet[column] if isinstance(cell.value, str) and FORMULA in cell.value]
    assert cells and all(cell.data_type == "s" and cell.value == f"'{FORMULA}" for cell in cells)


def test_a_session_title_written_as_a_formula_comes_out_as_text(coordinator_client, world):
    assert_formula_is_text(coordinator_client, "workshops:group_meetings_export", "D", world["own"].pk)
    response = coordinator_client.get(reverse("workshops:calendar_export", args=["csv"]))
    row = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert row[0] == "Date"
    assert f"'{FORMULA}" in response.content.decode("utf-8-sig").replace('""', '"')


def test_obstacles_with_their_filters_equal_the_page(coordinator_client, register):
    for query in ({}, {"categorie": ObstacleCategory.SILOS}):
        shown = page_table(
            coordinator_client.get(reverse("workshops:obstacle_list"), query),
            'section[aria-labelledby="list-title"] table',
        )
        for fmt in FORMATS:
            lines = read_back(download(coordinator_client, "workshops:obstacle_export", fmt, query=query), fmt)
            assert lines[0] == shown[0] == ["Frein", "Catégorie", "Axes", "Séance", "État"]
            assert len(lines) == len(shown)
            for line, row in zip(lines[1:], shown[1:], strict=True):
                assert line[:2] == row[:2] and line[2].replace(",", "") == row[2] and row[3].startswith(line[3])
                assert line[4] == row[4]
    print("obstacles:", lines)


@pytest.fixture
def outbox(db):
    SentEmail.objects.create(to="ana@example.org", subject=FORMULA, status="failed", last_error="Refusé", attempts=4)
    SentEmail.objects.create(
        to="bob@example.org", subject="Invitation", status="sent", sent_at=timezone.now(), attempts=1
    )
    for n in range(3):
        UserFactory(email=f"compte{n}@example.org", first_name="Jean", last_name=f"Compte {n}")


def test_accounts_with_their_filters_equal_the_page_and_are_logged(coordinator_client, coordinator, outbox):
    for query in ({}, {"q": "Compte"}):
        shown = page_table(coordinator_client.get(reverse("accounts:account_list"), query))
        for fmt in FORMATS:
            lines = read_back(download(coordinator_client, "accounts:account_export", fmt, query=query), fmt)
            assert lines == shown
    assert filename(coordinator_client.get(reverse("accounts:account_export", args=["csv"]))).startswith("comptes-")
    entries = AuditEntry.objects.filter(
        verb=AuditVerb.EXPORTED, actor=coordinator, message__startswith="Export des comptes"
    )
    assert entries.count() == 7 and entries.filter(message__contains="q=Compte").count() == 3
    print(entries.filter(message__contains="q=Compte").first().message)


def test_sent_emails_with_their_state_equal_the_page_and_formulas_stay_text(coordinator_client, outbox):
    for query in ({}, {"etat": "failed"}):
        shown = page_table(coordinator_client.get(reverse("accounts:email_list"), query))
        for fmt in FORMATS:
            lines = read_back(download(coordinator_client, "accounts:email_export", fmt, query=query), fmt)
            assert len(lines) == len(shown)
            for state, created, to, subject, attempts, row in (
                [*line, row]
                for line, row in zip(
                    columns(lines, "État", "Créé le", "Destinataires", "Objet", "Essais"), shown[1:], strict=True
                )
            ):
                assert (
                    row[0].startswith(state)
                    and row[1:3] == [created, to]
                    and row[3].startswith(subject.removeprefix("'"))
                )
                assert row[4] == attempts
    assert_formula_is_text(coordinator_client, "accounts:email_export", "E")
    assert (
        AuditEntry.objects.filter(verb=AuditVerb.EXPORTED, message__startswith="Export des e-mails envoyés").count()
        == 7
    )


def test_partners_and_readers_get_no_menu_of_the_lists_of_people(persona_client, outbox):
    client = persona_client("reader")
    assert client.get(reverse("accounts:account_export", args=["csv"])).status_code == 403
    assert client.get(reverse("accounts:email_export", args=["csv"])).status_code == 403
    assert not AuditEntry.objects.filter(verb=AuditVerb.EXPORTED).exists()


def test_each_page_has_its_export_menu(coordinator_client, world, register):
    pages = {
        reverse("workshops:calendar"): "workshops:calendar_export",
        reverse("workshops:finding_list"): "workshops:finding_export",
        reverse("workshops:obstacle_list"): "workshops:obstacle_export",
        reverse("accounts:account_list"): "accounts:account_export",
        reverse("accounts:email_list"): "accounts:email_export",
        reverse("workshops:attendance", args=[world["held"].pk]): ("workshops:attendance_export", world["held"].pk),
        world["soon"].get_absolute_url(): ("workshops:invitations_export", world["soon"].pk),
    }
    for url, target in pages.items():
        name, *args = target if isinstance(target, tuple) else (target,)
        page = html(coordinator_client.get(url, {"groupe": world["own"].pk} if "calendrier" in url else {}))
        links = {a["href"] for a in page.select(".dropdown-menu a")}
        expected = {reverse(name, args=[*args, fmt]) for fmt in FORMATS}
        assert {link.split("?")[0] for link in links} >= expected, url
    page = html(coordinator_client.get(reverse("workshops:calendar"), {"groupe": world["own"].pk}))
    assert page.select_one(f'a[href$="?groupe={world["own"].pk}"]')  # the filter travels with the export


# Query budgets: the number of queries of each export does not grow with its rows


GROWN = itertools.count()


def grow_sessions(world):
    def grow():
        today = timezone.localdate()
        for n in (next(GROWN) for _ in range(5)):
            extra = meeting(
                world["own"], world["other"], title=f"Séance {n}", starts_at=local(today, 14), ends_at=local(today, 15)
            )
            person = contact("Nour", f"Nouveau {n}", f"Autre structure {n}")
            Invitation.objects.create(meeting=world["soon"], contact=person, answer=InvitationAnswer.YES)
            Invitation.objects.create(meeting=world["held"], contact=person)
            Attendance.objects.create(meeting=world["held"], contact=person, status=AttendanceStatus.PRESENT)
            extra.save()

    return grow


@pytest.mark.parametrize(
    "name,key,budget",
    [
        ("workshops:calendar_export", None, 12),
        ("workshops:group_meetings_export", "own", 14),
        ("workshops:invitations_export", "soon", 16),
        ("workshops:attendance_export", "held", 16),
        ("workshops:participation_export", "par-structure", 24),
    ],
)
def test_session_exports_query_budget(coordinator_client, world, name, key, budget):
    args = [] if key is None else [key if key.startswith("par-") else world[key].pk]
    for fmt in FORMATS:
        url = reverse(name, args=[*args, fmt])
        count = assert_query_budget(coordinator_client, url, budget=budget, grow=grow_sessions(world))
    print(name, count, "queries")


@pytest.mark.parametrize(
    "name,budget",
    [
        ("workshops:finding_export", 10),
        ("workshops:obstacle_export", 12),
        ("accounts:account_export", 10),
        ("accounts:email_export", 10),
    ],
)
def test_list_exports_query_budget(coordinator_client, world, register, outbox, name, budget):
    from partners.models import Axis

    def grow():
        axis = Axis.objects.get(code="DS")
        for n in range(5):
            Finding.objects.create(
                axis=axis, kind=Finding.Kind.NEED, source=Finding.Source.INTERVIEWS, title=f"Constat {n}"
            )
            obstacle = CoordinationObstacle.objects.create(
                category=ObstacleCategory.SILOS, title=f"Frein {n}", meeting=world["soon"]
            )
            obstacle.axes.set([axis])
            UserFactory(email=f"autre{n}@example.org")
            SentEmail.objects.create(
                to=f"x{n}@example.org", subject="Relance", status="sent", sent_at=timezone.now() - timedelta(days=n)
            )

    count = assert_query_budget(coordinator_client, reverse(name, args=["xlsx"]), budget=budget, grow=grow)
    print(name, count, "queries")


def test_file_names_carry_the_commune_once_it_is_named(coordinator_client, world):
    from django.core.cache import caches

    from partners.models import Commune

    response = coordinator_client.get(reverse("workshops:calendar_export", args=["csv"]))
    assert filename(response) == f"seances-{TODAY}.csv"  # « [à compléter] » is not a name
    commune = Commune.objects.order_by("pk").first() or Commune()
    commune.short_name = "Plaisir"
    commune.save()
    caches["local"].clear()
    for name, stem in (("workshops:calendar_export", "seances"), ("workshops:finding_export", "diagnostic")):
        response = coordinator_client.get(reverse(name, args=["xlsx"]))
        assert filename(response) == f"{stem}-plaisir-{TODAY}.xlsx"
    response = coordinator_client.get(reverse("workshops:attendance_export", args=[world["held"].pk, "csv"]))
    assert filename(response) == f"presences-seance-de-lancement-{TODAY}.csv"
