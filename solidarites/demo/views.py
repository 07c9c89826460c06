"""The benchmark floor (quality.md §4): the cheapest page that still goes through the whole stack.

`/_perf/floor/` runs one primary-key query and renders a tiny template extending the real base.html, through
the same middleware and settings as every page; `scripts/bench` reports each page as rps(page) / rps(floor).
Like every page it needs a login (LoginRequiredMiddleware).
"""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from partners.models import User


@require_GET
def floor(request):
    account = User.objects.only("first_name", "last_name", "email").get(pk=request.user.pk)
    return render(request, "pages/perf_floor.html", {"account": account})


urlpatterns = [path("floor/", floor, name="perf_floor")]
