"""The month calendar on a phone: below 768 px the same month is a list of the days that have meetings, each
with its meetings (time, title, groups, venue, status); the grid stays for wider screens (one of the two is
display:none, so a screen reader reads one). Both come from the same query: the count does not grow."""

from datetime import date

import pytest
from django.urls import reverse

from tests.utils import assert_query_budget, html
from tests.workshops.factories import group, local, meeting
from workshops.models import Meeting

pytestmark = pytest.mark.django_db

MONTH = date(2031, 5, 1)


def on(day, hour, title, *groups, **fields):
    when = MONTH.replace(day=day)
    return meeting(*groups, title=title, starts_at=local(when, hour), ends_at=local(when, hour + 2), **fields)


def month_page(client):
    return html(client.get(reverse("workshops:calendar"), {"mois": f"{MONTH:%Y-%m}"}))


def test_the_month_is_also_a_list_of_days_with_their_meetings(coordinator_client):
    ds, ipj = group("DS"), group("IPJ")
    on(12, 18, "Forum des métiers", ipj)
    on(5, 14, "Séance commune", ds, ipj)
    on(5, 9, "Cellule de veille", ds)
    on(21, 10, "Séance reportée", ds, status=Meeting.Status.CANCELLED)
    on(3, 10, "Plénière", kind=Meeting.Kind.PLENARY, venue=None)
    page = month_page(coordinator_client)
    days = page.select_one("[data-calendar-days]")
    assert "d-md-none" in days["class"]
    assert "d-none" in page.select_one("table.calendar-month").parent["class"]
    assert [h.get_text(strip=True) for h in days.select("h3")] == [
        "samedi 3 mai",
        "lundi 5 mai",
        "lundi 12 mai",
        "mercredi 21 mai",
    ]
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in days.select("li")]
    assert items[0] == "10 h 00 – 12 h 00 Plénière Tous les groupes Lieu à préciser Prévue"
    assert items[1].startswith("9 h 00 – 11 h 00 Cellule de veille " + ds.name)
    assert "La Mosaïque" in items[1] and items[1].endswith("Prévue")
    assert f"{ds.name} · {ipj.name}" in items[2]
    assert items[-1].endswith("Annulée")
    plenary = Meeting.objects.get(title="Plénière")
    assert days.select_one("li a")["href"] == reverse("workshops:meeting_detail", args=[plenary.pk])


def test_a_month_without_meetings_says_so(coordinator_client):
    days = month_page(coordinator_client).select_one("[data-calendar-days]")
    assert days.get_text(strip=True) == "Aucune séance en mai 2031."


def test_the_list_costs_no_query(coordinator_client):
    ds = group("DS")
    on(5, 9, "Cellule de veille", ds)
    count = assert_query_budget(
        coordinator_client,
        reverse("workshops:calendar") + f"?mois={MONTH:%Y-%m}",
        budget=20,
        grow=lambda: [on(day, 10, f"Séance {day}", ds, group("IPJ")) for day in range(6, 16)],
    )
    print(f"calendar month (grid + list of days): {count} queries")
