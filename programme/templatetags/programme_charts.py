"""Horizontal bar charts drawn on the server as SVG: no script, no style attribute (strict CSP), the geometry
given as SVG attributes and the look as classes (static/css/programme.css).

`{% bar_chart chart labelled_by=… described_by=… %}` where `chart` is
{"id": unique id, "series": [name…], "groups": [{"label": "DS", "bars": [(value, text)…]}]}, one bar per series
in each group. Each bar is followed by its value in words (with the series' name when there are several), and
the series differ by pattern as well as by colour, so colour is never the only cue. The page puts the same
figures in a table next to the chart.
"""

from django import template

register = template.Library()

WIDTH = 480
BAR_AREA = 280  # the longest bar; its value is written after it
LABEL = 18  # each group's label is written on its own line above its bars (long names need the whole width)
BAR = 16
GAP = 4
GROUP_GAP = 10
PADDING = 4


def number(value):
    try:
        return max(float(value or 0), 0.0)
    except (TypeError, ValueError):
        return 0.0


def layout(chart):
    """The groups of `chart` with their label's and each bar's position and length, and the drawing's height."""
    series = chart["series"]
    several = len(series) > 1
    largest = max((number(value) for group in chart["groups"] for value, _ in group["bars"]), default=0) or 1
    y, groups = PADDING, []
    for group in chart["groups"]:
        label_y, y = y + LABEL - 5, y + LABEL
        bars = []
        for index, (value, text) in enumerate(group["bars"]):
            length = round(BAR_AREA * number(value) / largest, 1)
            if number(value) and length < 1:
                length = 1
            bars.append(
                {
                    "series": index,
                    "y": y,
                    "length": length,
                    "text_x": length + 6,
                    "text_y": y + BAR - 3,
                    "text": f"{series[index]} : {text}" if several else text,
                }
            )
            y += BAR + GAP
        groups.append({"label": group["label"], "label_y": label_y, "bars": bars})
        y += GROUP_GAP
    return groups, y + PADDING


@register.inclusion_tag("programme/includes/chart_bars.html")
def bar_chart(chart, labelled_by="", described_by=""):
    groups, height = layout(chart)
    return {
        "chart": chart,
        "groups": groups,
        "height": height,
        "width": WIDTH,
        "bar_x": 0,
        "bar_height": BAR,
        "series": list(enumerate(chart["series"])),
        "several": len(chart["series"]) > 1,
        "labelled_by": labelled_by,
        "described_by": described_by,
    }
