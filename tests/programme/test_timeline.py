"""The timeline of actions (« Chronologie »): what each persona sees, overdue steps and the current month
marked with words, the period, the export read back equal to the page's table, a fixed query budget."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actionsheets.models import ActionSheet, Milestone, Status
from partners.models import Contact
from programme import timeline
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group, member

URL = reverse("programme:timeline")
TODAY = timezone.localdate()


def months_from_today(months, day=10):
    index = timeline.month_index(TODAY) + months
    return datetime.date(index // 12, index % 12 + 1, day)


def dated(item, start=-3, end=6, steps=()):
    """Dates around today (in months) and steps [(label, months from today, done)]."""
    ActionSheet.objects.filter(pk=item.pk).update(
        start_date=months_from_today(start, 1), planned_end_date=months_from_today(end, 28)
    )
    for label, months, done in steps:
        Milestone.objects.create(sheet=item, label=label, due_on=months_from_today(months), is_done=done)
    return item


@pytest.fixture
def programme(db):
    ds, hab = group("DS"), group("HAB")
    validated = dated(
        sheet(hab, "Permanences logement", status=Status.IN_PROGRESS),
        steps=[("Convention signée", -2, True), ("Premier bilan", -1, False), ("Forum", 2, False)],
    )
    draft_ds = dated(sheet(ds, "Cellule de veille collège"), start=0, end=4, steps=[("Charte", 1, False)])
    draft_hab = dated(sheet(hab, "Relogement accompagné"), start=-1, end=2)
    return {"validated": validated, "draft_ds": draft_ds, "draft_hab": draft_hab}


def table_rows(response):
    """The page's table as text, one list per fiche (the steps joined as in the export)."""
    rows = []
    for row in html(response).select("table.timeline-table tbody tr"):
        cells = row.find_all(["th", "td"])
        if len(cells) == 1:  # the axis heading
            continue
        texts = [" ".join(cells[0].a.get_text().split())]
        texts += [" ".join(cell.get_text().split()) for cell in cells[1:-1]]
        texts.append(" ; ".join(" ".join(item.get_text().split()) for item in cells[-1].find_all("li")))
        rows.append(texts)
    return rows


def test_the_coordinator_sees_every_fiche_per_axis_with_its_steps(client, programme):
    client.force_login(make_persona("coordinator"))
    response = client.get(URL)
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text(strip=True) == "Chronologie des actions"
    codes = [row[0].split(" – ")[0] for row in table_rows(response)]
    assert codes == [programme["draft_ds"].code, programme["validated"].code, programme["draft_hab"].code]
    axes = [th.get_text(" ", strip=True) for th in page.select("th[scope=rowgroup]")]
    assert axes[0].startswith("Axe DS") and axes[1].startswith("Axe HAB")
    # the chart: an SVG with a title, a description, and a caption with the same figures
    svg = page.select_one("figure svg.timeline-chart")
    assert svg["role"] == "img" and svg.title and svg.desc
    assert "3 fiches, 4 étapes dont 1 en retard" in svg.desc.get_text()
    assert "3 fiches" in page.figcaption.get_text(" ", strip=True)
    # the rows link to the fiches
    links = [a["href"] for a in page.select("table.timeline-table tbody th[scope=row] a")]
    assert programme["validated"].get_absolute_url() in links


def test_overdue_steps_are_marked_with_an_icon_and_words(client, programme):
    client.force_login(make_persona("coordinator"))
    page = html(client.get(URL))
    late = page.select("li.tl-step-item-late")
    assert len(late) == 1
    assert "Premier bilan" in late[0].get_text() and "(en retard)" in late[0].get_text()
    assert late[0].select_one("i.bi-exclamation-triangle-fill")
    done = page.find("li", string=lambda text: text and "Convention signée" in text) or page.select_one(
        "li.tl-step-item-done"
    )
    assert "(réalisée)" in done.get_text()
    # in the chart: a triangle with « ! », explained in the legend in words
    assert len(page.select("svg.timeline-chart polygon.tl-step-late")) == 1
    assert "Étape en retard" in page.select_one(".timeline-legend").get_text()


def test_the_current_month_is_shown_with_a_label(client, programme):
    client.force_login(make_persona("coordinator"))
    page = html(client.get(URL))
    assert len(page.select("svg.timeline-chart rect.tl-month-current")) == 1
    assert page.select_one("svg.timeline-chart text.tl-today-label").get_text() == "aujourd'hui"
    month = timeline.month_label(timeline.month_index(TODAY))
    assert f"mois en cours ({month})" in page.figcaption.get_text(" ", strip=True)
    assert not page.select("#timeline-today-note")


def test_another_year_says_where_the_current_month_lies(client, programme):
    client.force_login(make_persona("coordinator"))
    page = html(client.get(URL, {"annee": TODAY.year + 1}))
    note = page.select_one("#timeline-today-note").get_text(" ", strip=True)
    assert "est avant la période affichée" in note
    assert not page.select("rect.tl-month-current")


def test_the_default_period_follows_the_data_when_it_lies_far_from_today():
    today = datetime.date(2026, 11, 29)
    span = (datetime.date(2015, 10, 15), datetime.date(2018, 12, 31))
    first, last = timeline.default_window(span, today)
    assert (timeline.month_start(first), timeline.month_end(last)) == (
        datetime.date(2015, 10, 1),
        datetime.date(2017, 9, 30),
    )
    near = (datetime.date(2020, 1, 1), datetime.date(2030, 1, 1))
    first, last = timeline.default_window(near, today)
    assert last - first + 1 == timeline.MAX_MONTHS and first <= timeline.month_index(today) <= last
    assert timeline.default_window(None, today) == (2026 * 12, 2026 * 12 + 11)


def test_filters_by_axis_group_and_year(client, programme):
    client.force_login(make_persona("coordinator"))
    by_axis = table_rows(client.get(URL, {"axe": "DS"}))
    assert [row[0].split(" – ")[0] for row in by_axis] == [programme["draft_ds"].code]
    by_group = table_rows(client.get(URL, {"groupe": group("HAB").pk}))
    assert len(by_group) == 2
    old = sheet(group("DS"), "Ancienne action", status=Status.DONE)
    ActionSheet.objects.filter(pk=old.pk).update(
        start_date=datetime.date(TODAY.year - 3, 2, 1), planned_end_date=datetime.date(TODAY.year - 3, 6, 30)
    )
    assert [row[0] for row in table_rows(client.get(URL, {"annee": TODAY.year - 3}))] == [str(old)]
    assert table_rows(client.get(URL, {"annee": TODAY.year - 2})) == []  # a year between: nothing
    assert str(old) not in str(table_rows(client.get(URL)))  # the default period is around today


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("coordinator", {"validated", "draft_ds", "draft_hab"}),
        ("admin", {"validated", "draft_ds", "draft_hab"}),
        ("reader", {"validated"}),
        ("outsider", {"validated"}),
        ("partner", {"validated", "draft_ds"}),
    ],
)
def test_each_persona_sees_what_it_should(client, programme, persona, expected):
    user = make_persona(persona)
    if persona == "partner":  # a member of the DS group: its draft too
        member(group("DS"), Contact.objects.get(user=user))
    client.force_login(user)
    codes = {row[0].split(" – ")[0] for row in table_rows(client.get(URL))}
    assert codes == {programme[key].code for key in expected}


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_csv_export_reads_back_equal_to_the_table(client, programme):
    client.force_login(make_persona("coordinator"))
    shown = table_rows(client.get(URL))
    response = client.get(reverse("programme:timeline_export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"] == f'attachment; filename="chronologie-{TODAY:%Y-%m-%d}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == timeline.TABLE_HEADERS
    assert rows[1:] == shown
    assert any("(en retard)" in row[-1] for row in rows[1:])


def test_the_xlsx_export_reads_back_equal_to_the_filtered_table(client, programme):
    client.force_login(make_persona("coordinator"))
    shown = table_rows(client.get(URL, {"groupe": group("HAB").pk}))
    response = client.get(reverse("programme:timeline_export", kwargs={"fmt": "xlsx"}), {"groupe": group("HAB").pk})
    sheet_ = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell or "" for cell in row] for row in sheet_.iter_rows(values_only=True)]
    assert rows[1:] == shown


def test_an_unknown_export_format_is_404(client, programme):
    client.force_login(make_persona("coordinator"))
    assert client.get(reverse("programme:timeline_export", kwargs={"fmt": "pdf"})).status_code == 404


def test_the_query_budget_is_the_same_with_1_and_10_fiches(client, db):
    client.force_login(make_persona("coordinator"))
    hab = group("HAB")
    dated(sheet(hab, "Première", status=Status.VALIDATED), steps=[("Étape", 1, False)])

    def grow():
        for number in range(9):
            item = sheet(group("DS" if number % 2 else "HAB"), f"Fiche {number}", status=Status.VALIDATED)
            dated(item, steps=[("Une", -1, False), ("Deux", 1, True)])

    assert_query_budget(client, URL, budget=12, grow=grow)


def test_a_long_programme_is_drawn_page_by_page(client, monkeypatch, programme):
    monkeypatch.setattr(timeline, "PER_PAGE", 2)
    client.force_login(make_persona("coordinator"))
    page = html(client.get(URL))
    assert len(table_rows_of(page)) == 2
    assert "3 fiches sur la période" in page.select_one("#timeline-capped").get_text(" ", strip=True)
    assert len(table_rows(client.get(URL, {"page": 2}))) == 1


def table_rows_of(page):
    return [row for row in page.select("table.timeline-table tbody tr") if row.find("td")]


def test_the_page_prints_on_a4_landscape():
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "programme.css").read_text()
    assert "size: A4 landscape" in css and "body:has(.timeline-page)" in css


def test_an_unknown_filter_value_is_said_and_the_others_still_apply(client, programme):
    client.force_login(make_persona("coordinator"))
    response = client.get(URL, {"axe": "DS", "annee": "1900"})
    assert [row[0].split(" – ")[0] for row in table_rows(response)] == [programme["draft_ds"].code]
    assert html(response).select_one("#id_annee")["aria-invalid"] == "true"


def test_a_flagged_fiche_shows_its_flag_and_progress_in_the_table(client, programme):
    ActionSheet.objects.filter(pk=programme["validated"].pk).update(follow_up_flag="blocked", progress=40)
    client.force_login(make_persona("coordinator"))
    cell = html(client.get(URL)).find("a", string=str(programme["validated"])).parent
    assert "Bloquée" in cell.get_text() and "40 %" in cell.get_text()
    assert table_rows(client.get(URL))[1][0] == str(programme["validated"])  # the export's text is the link's
