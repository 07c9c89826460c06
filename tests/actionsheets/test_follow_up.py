"""The follow-up flag (« en retard », « bloquée », « à discuter ») and the progress percentage of a fiche:
set in the « Indicateurs et suivi » section by its pilot and the project team, refused in French when out of
range with nothing typed lost, kept in the history, shown on the page, the list, the PDF and the export."""

import csv
import io

import pytest
from django.urls import reverse

from actionsheets import documents
from actionsheets.diff import compare
from actionsheets.enums import FollowUpFlag
from actionsheets.models import ActionSheet, Milestone, SheetVersion, Status
from tests.actionsheets.factories import sheet
from tests.actionsheets.test_editor import edit_url, error_summary, field_error, form_values, logged_in, post_section
from tests.conftest import make_persona
from tests.utils import html
from tests.workshops.factories import group, member
from workshops.models import MembershipRole

pytestmark = pytest.mark.django_db

LIST = reverse("actionsheets:sheet_list")
RANGE = "L'avancement est un pourcentage entre 0 et 100."


@pytest.fixture
def validated(db):
    return sheet(group("DS"), "Cellule de veille partenariale", status=Status.IN_PROGRESS)


def flag(item, value, progress=None):
    ActionSheet.objects.filter(pk=item.pk).update(follow_up_flag=value, progress=progress)
    return item


def codes(response):
    return [cell.get_text(strip=True) for cell in html(response).select("main table tbody tr td:first-child")]


# The editor


def test_the_follow_up_section_offers_the_flag_and_the_progress(coordinator_client, validated):
    page = html(coordinator_client.get(edit_url(validated, "evaluation")))
    select = page.find("select", attrs={"name": "follow_up_flag"})
    assert [option.get_text(strip=True) for option in select.find_all("option")] == [
        "Aucun signalement",
        "En retard",
        "Bloquée",
        "À discuter",
    ]
    progress = page.find("input", attrs={"name": "progress"})
    assert (progress["type"], progress["min"], progress["max"]) == ("number", "0", "100")
    assert page.find("label", attrs={"for": progress["id"]}).get_text(strip=True).startswith("Avancement (%)")


def test_the_pilot_flags_the_sheet_late_at_40_percent_and_the_history_says_so(coordinator_client, validated):
    before = SheetVersion.objects.filter(sheet=validated).count()
    response = post_section(coordinator_client, validated, "evaluation", {"follow_up_flag": "late", "progress": "40"})
    assert response.status_code == 302, error_summary(response)
    fresh = ActionSheet.objects.get(pk=validated.pk)
    assert (fresh.follow_up_flag, fresh.progress) == (FollowUpFlag.LATE, 40)
    versions = list(SheetVersion.objects.filter(sheet=validated).order_by("number"))
    assert len(versions) == before + 1
    assert versions[-1].data["evaluation"]["Signalement"] == "En retard"
    assert versions[-1].data["evaluation"]["Avancement (%)"] == "40\u00a0%"
    changes = compare(versions[-2].data, versions[-1].data)
    evaluation = next(section for section in changes if section["slug"] == "evaluation")
    fields = {field["label"]: field for field in evaluation["fields"]}
    assert fields["Signalement"]["segments"] == [("ins", "En retard")]
    assert set(fields) == {"Signalement", "Avancement (%)"}  # nothing else of the section moved
    # the history page shows the change in words
    diff_url = reverse("actionsheets:sheet_diff", kwargs={"pk": validated.pk})
    page = coordinator_client.get(diff_url, {"de": versions[-2].number, "a": versions[-1].number})
    assert "Signalement" in page.content.decode() and "En retard" in page.content.decode()


def test_a_sheet_without_flag_keeps_its_history_quiet(validated):
    from actionsheets.snapshot import snapshot

    content = snapshot(validated)["evaluation"]
    assert content["Signalement"] == "" and content["Avancement (%)"] == ""


@pytest.mark.parametrize("typed", ["140", "-5"])
def test_a_progress_out_of_range_is_refused_next_to_the_field_with_nothing_lost(coordinator_client, validated, typed):
    response = post_section(
        coordinator_client,
        validated,
        "evaluation",
        {"follow_up_flag": "blocked", "progress": typed, "monitoring": "Point mensuel avec le pilote."},
    )
    assert response.status_code == 200
    assert field_error(response, "progress") == RANGE
    assert f"Avancement (%) : {RANGE}" in error_summary(response)
    kept = form_values(response)
    assert kept["progress"] == [typed]
    assert kept["follow_up_flag"] == ["blocked"]
    assert kept["monitoring"] == ["Point mensuel avec le pilote."]
    fresh = ActionSheet.objects.get(pk=validated.pk)
    assert (fresh.follow_up_flag, fresh.progress, fresh.monitoring) == ("", None, "")


def test_an_emptied_progress_is_no_progress(coordinator_client, validated):
    flag(validated, FollowUpFlag.TO_DISCUSS, 30)
    response = post_section(coordinator_client, validated, "evaluation", {"follow_up_flag": "", "progress": ""})
    assert response.status_code == 302, error_summary(response)
    fresh = ActionSheet.objects.get(pk=validated.pk)
    assert (fresh.follow_up_flag, fresh.progress) == ("", None)


def test_who_may_set_the_flag_on_a_sheet_being_carried_out(validated):
    outsider, reader = make_persona("outsider"), make_persona("reader")
    partner = make_persona("partner")
    assert logged_in(outsider).get(edit_url(validated, "evaluation")).status_code == 403
    assert logged_in(reader).get(edit_url(validated, "evaluation")).status_code == 403
    assert logged_in(partner).get(edit_url(validated, "evaluation")).status_code == 403
    member(group("DS"), partner.contact, MembershipRole.FACILITATOR)
    assert logged_in(partner).get(edit_url(validated, "evaluation")).status_code == 200
    ActionSheet.objects.filter(pk=validated.pk).update(pilot=outsider.contact)
    response = post_section(logged_in(outsider), validated, "evaluation", {"follow_up_flag": "blocked"})
    assert response.status_code == 302, error_summary(response)
    assert ActionSheet.objects.get(pk=validated.pk).follow_up_flag == "blocked"
    refused = logged_in(reader).post(edit_url(validated, "evaluation"), {"base_version": "1", "progress": "10"})
    assert refused.status_code == 403


# Where the flag shows


def test_the_sheet_page_shows_a_badge_with_an_icon_and_words_and_the_progress(coordinator_client, validated):
    flag(validated, FollowUpFlag.LATE, 40)
    page = html(coordinator_client.get(validated.get_absolute_url()))
    follow_up = page.select_one("#sheet-follow-up")
    badge = follow_up.select_one(".follow-up-badge")
    assert badge.get_text(strip=True) == "En retard" and badge.select_one("i.bi[aria-hidden=true]")
    bar = follow_up.select_one("progress")
    assert (bar["max"], bar["value"]) == ("100", "40") and bar.get("aria-label")
    assert "Avancement : 40 %" in " ".join(follow_up.get_text(" ").split())
    assert not page.find(attrs={"style": True})


def test_no_follow_up_line_without_a_flag_or_progress(coordinator_client, validated):
    assert html(coordinator_client.get(validated.get_absolute_url())).select_one("#sheet-follow-up") is None


def test_the_pdf_shows_the_flag_and_the_progress(validated):
    flag(validated, FollowUpFlag.BLOCKED, 75)
    parts = documents.sheet_pdf_parts(documents.pdf_sheet(validated.pk))
    rows = {row["label"]: row["value"] for section in parts["sections"] for row in section["rows"]}
    assert rows["Signalement"] == "Bloquée" and rows["Avancement (%)"] == "75\u00a0%"
    flag(validated, "", None)
    parts = documents.sheet_pdf_parts(documents.pdf_sheet(validated.pk))
    assert all(row["label"] != "Signalement" for section in parts["sections"] for row in section["rows"])


def test_the_list_shows_the_flag_and_filters_on_it(coordinator_client, validated):
    late = validated
    flag(late, FollowUpFlag.LATE, 40)
    blocked = flag(sheet(group("HAB"), "Relogement", status=Status.VALIDATED), FollowUpFlag.BLOCKED)
    quiet = sheet(group("IPJ"), "Forum emploi", status=Status.VALIDATED)
    response = coordinator_client.get(LIST)
    row = html(response).find("td", string=late.code).parent
    assert "En retard" in row.get_text() and row.select_one("progress")
    assert codes(coordinator_client.get(LIST, {"signalement": "late"})) == [late.code]
    assert sorted(codes(coordinator_client.get(LIST, {"signalement": "tout"}))) == sorted([late.code, blocked.code])
    response = coordinator_client.get(LIST, {"signalement": "blocked"})
    assert codes(response) == [blocked.code]
    chip = html(response).select_one("main a.btn-outline-secondary")
    assert " ".join(chip.get_text(" ").split()).startswith("Signalement : Bloquée")
    assert quiet.code in codes(coordinator_client.get(LIST + chip["href"]))


def test_the_list_filters_the_sheets_with_an_overdue_step(coordinator_client, validated):
    import datetime

    other = sheet(group("HAB"), "Relogement", status=Status.VALIDATED)
    long_ago = datetime.date(2016, 1, 1)
    Milestone.objects.create(sheet=validated, label="Convention", due_on=long_ago, is_done=False)
    Milestone.objects.create(sheet=other, label="Convention", due_on=long_ago, is_done=True)
    Milestone.objects.create(sheet=other, label="Bilan", due_on=datetime.date(2100, 1, 1), is_done=False)
    response = coordinator_client.get(LIST, {"jalons": "en-retard"})
    assert codes(response) == [validated.code]
    assert "Au moins une étape en retard" in html(response).select_one("main a.btn-outline-secondary").get_text()


def test_the_export_has_the_flag_and_the_progress(coordinator_client, validated):
    flag(validated, FollowUpFlag.TO_DISCUSS, 60)
    sheet(group("HAB"), "Relogement", status=Status.VALIDATED)
    response = coordinator_client.get(reverse("actionsheets:sheet_export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_code = {row["N° de fiche"]: row for row in rows}
    assert (by_code[validated.code]["Signalement"], by_code[validated.code]["Avancement (%)"]) == ("À discuter", "60")
    other = next(row for code, row in by_code.items() if code != validated.code)
    assert (other["Signalement"], other["Avancement (%)"]) == ("", "")


def test_the_list_leads_to_the_timeline(coordinator_client):
    timeline = reverse("programme:timeline")
    assert html(coordinator_client.get(LIST)).select_one(f"main a[href='{timeline}']").get_text(strip=True) == (
        "Chronologie"
    )
