"""The public page of validated actions (no login, indexable by search engines): the programme's presentation
and the fiches a coordinator marked « publiable », with their public summary only; and /robots.txt, which lets
search engines read these pages and nothing else of the portal."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actionsheets.models import ActionSheet
from actionsheets.public import PAGE_SIZE, PublicSheetFilter, public_sheet, public_sheets
from partners.models import Axis
from solidarites.lib import pagination
from solidarites.lib.filters import applied_filters
from solidarites.lib.text import readable

ROBOTS = "User-agent: *\nAllow: /actions/\nAllow: /static/\nAllow: /logo/\nDisallow: /\n"


@login_not_required
@require_safe
def action_list(request):
    filterset = PublicSheetFilter(request.GET, queryset=public_sheets())
    page = pagination.CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "chips": applied_filters(request, filterset),
        "axes": Axis.objects.thematic(),
    }
    return render(request, "public/action_list.html", context)


@login_not_required
@require_safe
def action_detail(request, pk):
    try:
        sheet = public_sheet(pk)
    except ActionSheet.DoesNotExist:
        raise Http404("Cette action n'est pas publiée.") from None
    budget = None
    if sheet.public_budget and (sheet.planned_total or sheet.granted_total or sheet.requested_total):
        budget = {
            "planned": readable(sheet.planned_total),
            "funded": readable(sheet.granted_total + sheet.requested_total),
        }
    return render(request, "public/action_detail.html", {"sheet": sheet, "budget": budget})


@login_not_required
@require_safe
def robots_txt(request):
    """Search engines may read the public page of actions (and the styles it needs); the rest of the portal is
    behind a login and says noindex on every page anyway (base.html)."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")
