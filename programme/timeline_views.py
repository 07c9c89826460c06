"""The timeline of actions (« Chronologie »): the page and the export of its table (programme/timeline.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from programme import timeline as data
from solidarites.lib.exports import check_format, spreadsheet_response, table


@require_safe
def timeline(request):
    form, built = data.build(request.user, request.GET, request.GET.get("page"))
    context = {
        "form": form,
        "timeline": built,
        "chart": data.chart(built),
        "headers": data.TABLE_HEADERS,
    }
    return render(request, "programme/timeline.html", context)


@require_safe
def timeline_export(request, fmt):
    check_format(fmt)
    _, built = data.build(request.user, request.GET, paginate=False)
    dataset = table(data.TABLE_HEADERS, (row["cells"] for row in built.rows), "Chronologie")
    return spreadsheet_response(dataset, fmt, "chronologie")
