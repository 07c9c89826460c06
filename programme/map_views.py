"""The partner × axis map (« Cartographie des partenaires ») and its export: coordinators and readers.

A page of the map is rendered once per programme stamp, day and query string (programme.partner_map), for
every reader alike: the map shows active structures and every fiche, whoever reads it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from partners.models import Organisation
from programme import partner_map as mapping
from programme.forms import PartnerMapFilter
from programme.permissions import can_see_partner_map
from solidarites.lib.exports import check_format, spreadsheet_response
from solidarites.lib.filters import applied_filters
from solidarites.lib.pagination import CappedPaginator

PAGE_SIZE = 25


def _map(request):
    """The columns, the filters and the sorted structures the query string asks for."""
    if not can_see_partner_map(request.user):
        raise PermissionDenied
    axes = mapping.map_axes()
    queryset = Organisation.objects.active().select_related("type")
    filterset = PartnerMapFilter(request.GET, queryset=queryset, axes=axes)
    sort = request.GET.get("tri", "")
    sort = sort if sort in mapping.SORTS else mapping.DEFAULT_SORT
    return axes, filterset, sort, mapping.sorted_organisations(filterset.qs, sort, axes)


@require_safe
def partner_map(request):
    axes, filterset, sort, organisations = _map(request)
    chips, highlights = applied_filters(request, filterset), mapping.highlights(axes)

    def build():
        paginator = CappedPaginator(organisations, PAGE_SIZE)
        if not chips:  # every active structure: their number is one of the cached figures
            paginator.total = highlights["structures"]
        page = paginator.get_page(request.GET.get("page"))
        rows = mapping.rows_for(list(page.object_list), axes)
        context = {"axes": axes, "headers": mapping.sort_headers(sort), "page": page, "rows": rows}
        return {
            "table": render_to_string("programme/partner_map_table.html", context, request=request),
            "paginator": {"total": paginator.total, "capped": paginator.capped, "max_rows": paginator.max_rows},
        }

    shown = mapping.cached_page(request.GET, build)
    context = {"filter": filterset, "chips": chips, "sort": sort, "highlights": highlights, "page": shown}
    return render(request, "programme/partner_map.html", context)


@require_safe
def partner_map_export(request, fmt):
    axes, _, _, organisations = _map(request)
    check_format(fmt)
    return spreadsheet_response(mapping.export_dataset(organisations, axes), fmt, "cartographie-partenaires")
