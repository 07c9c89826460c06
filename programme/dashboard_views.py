"""The programme dashboard (`/programme/`) and the export of each of its tables (programme/dashboard.py)."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from programme import dashboard as data
from programme.permissions import can_see_overlaps, can_see_partner_map
from solidarites.lib.exports import check_format, spreadsheet_response
from solidarites.lib.exports import table as export_table
from workshops.permissions import can_see_attendance_stats


def links(user):
    """Which of the other pages the dashboard links to, for this person."""
    return {
        "can_see_attendance": can_see_attendance_stats(user),
        "can_see_map": can_see_partner_map(user),
        "can_see_overlaps": can_see_overlaps(user),
    }


@require_safe
def dashboard(request):
    allowed = links(request.user)

    def build():
        context = {"tables": data.Figures(request.user).tables(), **allowed}
        return render_to_string("programme/includes/dashboard_figures.html", context)

    figures = data.cached(data.audience(request.user, *allowed.values()), build)
    return render(request, "programme/dashboard.html", {"figures": figures, **allowed})


@require_safe
def dashboard_export(request, table, fmt):
    check_format(fmt)
    if table not in data.TABLES:
        raise Http404("Tableau inconnu")
    figures = getattr(data.Figures(request.user), data.TABLES[table])()
    dataset = export_table([heading for heading, _ in figures.columns], figures.export_rows(), figures.slug)
    return spreadsheet_response(dataset, fmt, f"programme-{figures.slug}")
