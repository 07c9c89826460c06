"""The timeline of actions (« Chronologie »): each fiche's start and planned end and its steps on a month scale,
per axis, over a period of at most 24 months; the same data as a table and as a spreadsheet.

The chart is drawn here as plain numbers (x, widths, rows) for a server-side SVG: no script, no inline style.
A fixed number of queries whatever the number of fiches: the period's bounds (one aggregate), the page's
count and fiches, their steps (one prefetch), the filter's choices.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django import forms
from django.core.paginator import Paginator
from django.db.models import Max, Min, Prefetch, Q
from django.utils import timezone

from actionsheets.models import ActionSheet, Milestone
from partners.models import Axis
from partners.picking import PickerChoiceField
from programme.permissions import programme_sheets
from workshops.models import WorkingGroup
from workshops.months import label

MAX_MONTHS = 24  # the longest period drawn: beyond, the months would be too narrow to read
PER_PAGE = 50  # fiches drawn per page (5,000 fiches at 100×: the filters and pages narrow them)
MONTH_WIDTH = 36  # SVG units
LABEL_WIDTH = 240
HEADER_HEIGHT = 58
ROW_HEIGHT = 26
AXIS_HEIGHT = 30
MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
STATE_DONE, STATE_LATE, STATE_TODO, STATE_UNDATED = "done", "late", "todo", "undated"
STATE_LABELS = {STATE_DONE: "réalisée", STATE_LATE: "en retard", STATE_TODO: "à venir", STATE_UNDATED: "sans date"}
TABLE_HEADERS = ["Fiche", "Axe", "Groupe de travail", "Statut", "Date de début", "Date de fin prévue", "Étapes"]


def month_index(day):
    return day.year * 12 + day.month - 1


def month_start(index):
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_end(index):
    start = month_start(index)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def month_label(index):
    return label(month_start(index))


# The filters


class TimelineFilterForm(forms.Form):
    axe = forms.ModelChoiceField(
        label="Axe", queryset=Axis.objects.active(), to_field_name="code", required=False, empty_label="Tous les axes"
    )
    groupe = PickerChoiceField(
        label="Groupe de travail", queryset=WorkingGroup.objects.none(), required=False, kind="groupes"
    )
    annee = forms.TypedChoiceField(
        label="Période",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Par défaut, la période autour du mois en cours (24 mois au plus).",
    )

    def __init__(self, data, *, sheets, years):
        super().__init__(data)
        self.fields["groupe"].queryset = WorkingGroup.objects.filter(sheets__in=sheets.values("pk")).distinct()
        self.fields["annee"].choices = [("", "Période en cours"), *((year, str(year)) for year in years)]


def timeline_sheets(user):
    """The fiches of the programme `user` sees and may open (each row links to its page)."""
    return programme_sheets(user).filter(pk__in=ActionSheet.objects.visible_to(user).values("pk"))


def data_span(sheets):
    """(first day, last day) of the fiches' dates and steps, or None: one query."""
    bounds = sheets.aggregate(
        start=Min("start_date"),
        end=Max("planned_end_date"),
        first_end=Min("planned_end_date"),
        last_start=Max("start_date"),
        first_step=Min("milestones__due_on"),
        last_step=Max("milestones__due_on"),
    )
    firsts = [bounds[name] for name in ("start", "first_end", "first_step") if bounds[name]]
    lasts = [bounds[name] for name in ("end", "last_start", "last_step") if bounds[name]]
    return (min(firsts), max(lasts)) if firsts else None


def default_window(span, today):
    """(first month, last month) shown by default: the current year and the months of the data around it, 24 at
    most, the current month in view; when every date lies far from today (an archive, the 2015 demo), the first 24
    months of the data, where the programme started."""
    now = month_index(today)
    year_start, year_end = now - today.month + 1, now - today.month + 12
    if span is None:
        return year_start, year_end
    first, last = month_index(span[0]), month_index(span[1])
    if last < now - MAX_MONTHS // 2 or first > now + MAX_MONTHS // 2:  # the data lies away from today
        return first, min(last, first + MAX_MONTHS - 1)
    low, high = min(first, year_start), max(last, year_end)
    if high - low + 1 <= MAX_MONTHS:
        return low, high
    start = min(max(now - MAX_MONTHS // 2 + 1, low), high - MAX_MONTHS + 1)
    return start, start + MAX_MONTHS - 1


def years_of(span, today):
    first, last = (span[0].year, span[1].year) if span else (today.year, today.year)
    return list(range(min(first, today.year), max(last, today.year) + 1))


# The selection


@dataclass
class Timeline:
    first: int  # month indexes
    last: int
    today: datetime.date
    page: object
    total: int
    chosen_year: int | None
    axes: list = field(default_factory=list)  # [{axis, sheets: [row…]}]

    @property
    def months(self):
        return range(self.first, self.last + 1)

    @property
    def start(self):
        return month_start(self.first)

    @property
    def end(self):
        return month_end(self.last)

    @property
    def period_label(self):
        first = month_label(self.first)
        of = "d'" if first[0] in "ao" else "de "  # d'avril, d'août, d'octobre
        return f"{of}{first} à {month_label(self.last)}"

    @property
    def today_label(self):
        return month_label(month_index(self.today))

    @property
    def current_month_shown(self):
        return self.first <= month_index(self.today) <= self.last

    @property
    def today_side(self):
        """Where the current month lies when it is not in the period: « avant » or « après »."""
        return "après" if month_index(self.today) > self.last else "avant"

    @property
    def rows(self):
        return [row for group in self.axes for row in group["sheets"]]

    @property
    def step_count(self):
        return sum(len(row["steps"]) for row in self.rows)

    @property
    def late_count(self):
        return sum(1 for row in self.rows for step in row["steps"] if step["state"] == STATE_LATE)


def in_period(sheets, start, end):
    """The fiches whose dates or steps meet the period (a fiche without an end date goes on)."""
    runs = Q(start_date__lte=end) & (Q(planned_end_date__gte=start) | Q(planned_end_date__isnull=True))
    ends_only = Q(start_date__isnull=True, planned_end_date__gte=start, planned_end_date__lte=end)
    steps = Milestone.objects.filter(due_on__gte=start, due_on__lte=end).values("sheet")
    return sheets.filter(runs | ends_only | Q(pk__in=steps))


def selected(sheets, form, today):
    """The fiches of the filters and their period, before paging."""
    form.is_valid()  # an unknown value is said next to its field; the other filters still apply
    data = form.cleaned_data
    if data.get("axe"):
        sheets = sheets.filter(axis=data["axe"])
    if data.get("groupe"):
        sheets = sheets.filter(group=data["groupe"])
    year = data.get("annee")
    if year:
        first, last = year * 12, year * 12 + 11
    else:
        first, last = default_window(data_span(sheets), today)
    chosen = in_period(sheets, month_start(first), month_end(last))
    return chosen, first, last, year


def step_state(step, today):
    if step.is_done:
        return STATE_DONE
    if step.due_on is None:
        return STATE_UNDATED
    return STATE_LATE if step.due_on < today else STATE_TODO


def build(user, data, page_number=None, today=None, *, paginate=True):
    """The timeline `user` asked for with the query string `data`: its form and its Timeline."""
    today = today or timezone.localdate()
    visible = timeline_sheets(user)
    years = years_of(data_span(visible), today)
    form = TimelineFilterForm(data, sheets=visible, years=years)
    sheets, first, last, year = selected(visible, form, today)
    sheets = sheets.select_related("axis", "group").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
    )
    sheets = sheets.order_by("axis__is_cross_cutting", "axis__position", "axis__code", "number")
    if paginate:
        paginator = Paginator(sheets, PER_PAGE)
        page = paginator.get_page(page_number)
        rows, total = list(page.object_list), paginator.count
    else:
        page, rows = None, list(sheets)
        total = len(rows)
    timeline = Timeline(first=first, last=last, today=today, page=page, total=total, chosen_year=year)
    timeline.axes = group_by_axis([sheet_row(sheet, timeline) for sheet in rows])
    return form, timeline


def group_by_axis(rows):
    axes = []
    for row in rows:
        if not axes or axes[-1]["axis"] != row["sheet"].axis:
            axes.append({"axis": row["sheet"].axis, "sheets": []})
        axes[-1]["sheets"].append(row)
    return axes


def sheet_row(sheet, timeline):
    steps = [
        {"step": step, "state": state, "state_label": STATE_LABELS[state]}
        for step in sheet.milestones.all()
        for state in [step_state(step, timeline.today)]
    ]
    return {"sheet": sheet, "steps": steps, "cells": table_cells(sheet, steps)}


# The table (the page's and the export's)


def date_text(day):
    return day.strftime("%d/%m/%Y") if day else ""


def step_text(entry):
    step = entry["step"]
    due = f" – {date_text(step.due_on)}" if step.due_on else ""
    return f"{step.label}{due} ({entry['state_label']})"


def table_cells(sheet, steps):
    """The table's cells of one fiche as text: exactly what the export writes."""
    return [
        f"{sheet.code} – {sheet.title}",
        f"{sheet.axis.code} – {sheet.axis.short_title}",
        sheet.group.name,
        sheet.get_status_display(),
        date_text(sheet.start_date),
        date_text(sheet.planned_end_date),
        " ; ".join(step_text(entry) for entry in steps),
    ]


# The chart


def x_of(day, timeline):
    """The SVG abscissa of a day, clipped to the period."""
    if day < timeline.start:
        return LABEL_WIDTH
    if day > timeline.end:
        return LABEL_WIDTH + len(timeline.months) * MONTH_WIDTH
    days = calendar.monthrange(day.year, day.month)[1]
    offset = month_index(day) - timeline.first + (day.day - 1) / days
    return round(LABEL_WIDTH + offset * MONTH_WIDTH, 1)


def chart(timeline):
    """Everything the SVG draws, in SVG units: months, the current month, one line per axis and per fiche."""
    months = []
    for position, index in enumerate(timeline.months):
        start = month_start(index)
        x = LABEL_WIDTH + position * MONTH_WIDTH
        months.append(
            {
                "x": x,
                "middle": x + MONTH_WIDTH / 2,
                "year_x": x + 3,
                "label": MONTHS[start.month - 1][:1].upper(),
                "name": month_label(index),
                "year": start.year if start.month == 1 or position == 0 else None,
                "current": index == month_index(timeline.today),
                "even": position % 2 == 0,
            }
        )
    lines, y = [], HEADER_HEIGHT
    for group in timeline.axes:
        lines.append({"kind": "axis", "y": y, "text_y": y + 20, "axis": group["axis"]})
        y += AXIS_HEIGHT
        for row in group["sheets"]:
            lines.append(sheet_line(row, timeline, y))
            y += ROW_HEIGHT
    width = LABEL_WIDTH + len(months) * MONTH_WIDTH
    current = next((month for month in months if month["current"]), None)
    return {
        "width": width,
        "height": y + 8,
        "month_width": MONTH_WIDTH,
        "months": months,
        "lines": lines,
        "current": current,
        "bottom": y,
    }


def sheet_line(row, timeline, y):
    sheet = row["sheet"]
    title = f"{sheet.code} – {sheet.title}"
    line = {"kind": "sheet", "y": y, "text_y": y + 17, "label": title if len(title) <= 34 else title[:33] + "…"}
    start, end = sheet.start_date, sheet.planned_end_date
    if start or end:
        begin = start or end
        finish = end or timeline.end
        if finish >= timeline.start and begin <= timeline.end:
            x1, x2 = x_of(begin, timeline), x_of(finish, timeline)
            line["bar"] = {
                "x": x1,
                "width": max(x2 - x1, 3),
                "y": y + 7,
                "open_end": end is None,
                "cut_before": begin < timeline.start,
                "cut_after": finish > timeline.end,
            }
    marks = []
    for entry in row["steps"]:
        due = entry["step"].due_on
        if due and timeline.start <= due <= timeline.end:
            x, middle = x_of(due, timeline), y + ROW_HEIGHT / 2
            marks.append(
                {
                    "x": x,
                    "sign_y": middle + 5,
                    "state": entry["state"],
                    "points": f"{x},{middle - 7} {x + 7},{middle} {x},{middle + 7} {x - 7},{middle}",
                    "warning": f"{x},{middle - 8} {x + 8},{middle + 6} {x - 8},{middle + 6}",
                }
            )
    line["marks"] = marks
    return line
