"""The calendar page's periods: which month a query string asks for, the grid of a month with its meetings (and
the same month as a list of days, for phones), and the list of upcoming or past meetings."""

import calendar as pycalendar
from datetime import date, timedelta

from django.utils import timezone

from workshops.forms import day_bounds

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
LIST_LIMIT = 200


def month_of(value):
    """The first day of the month « YYYY-MM » of `value`; this month when it is missing or out of range."""
    try:
        year, month = (int(part) for part in value.split("-"))
        first = date(year, month, 1)
    except (AttributeError, ValueError):
        return timezone.localdate().replace(day=1)
    if not date(2000, 1, 1) <= first <= date(2100, 1, 1):
        return timezone.localdate().replace(day=1)
    return first


def label(day):
    return f"{MONTHS[day.month - 1]} {day.year}"


def in_month(meetings, first):
    """The meetings among `meetings` that start in the month of `first`, in order."""
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    return list(meetings.filter(starts_at__range=(start, end)).order_by("starts_at"))


def month_grid(meetings, first):
    """The context of the month view: weeks of days with their meetings (among `meetings`), the neighbours."""
    last = first.replace(day=pycalendar.monthrange(first.year, first.month)[1])
    shown = in_month(meetings, first)
    by_day = {}
    for meeting in shown:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    weeks = [
        [{"day": day, "in_month": day.month == first.month, "meetings": by_day.get(day, [])} for day in week]
        for week in pycalendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return {
        "weeks": weeks,
        # Below 768 px the grid is a list of the days that have meetings (same meetings, no other query).
        "days": [{"day": day, "meetings": by_day[day]} for day in sorted(by_day)],
        "weekdays": WEEKDAYS,
        "month_label": label(first),
        "previous": previous,
        "previous_label": label(previous),
        "following": following,
        "following_label": label(following),
        "meeting_count": len(shown),
    }


def meeting_list(meetings, when):
    """The context of the list view: the upcoming meetings (`when` « a-venir ») or the past ones (« passees »)."""
    now = timezone.now()
    if when == "passees":
        listed = meetings.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        when, listed = "a-venir", meetings.filter(ends_at__gte=now).order_by("starts_at")
    return {"meetings": listed[:LIST_LIMIT], "when": when}
