"""The benchmark floor (quality.md §4): the cheapest page that still goes through the whole stack.

`/_perf/floor/` runs one primary-key query and renders a tiny template extending the real base.html, through
the same middleware and settings as every page; `scripts/bench` reports each page as rps(page) / rps(floor).
Like every page it needs a login (LoginRequiredMiddleware). Routed only where the demo app is installed.
"""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from partners.models import User


@require_safe
def floor(request):
    account = User.objects.only("first_name", "last_name", "email").get(pk=request.user.pk)
    return render(request, "demo/perf_floor.html", {"account": account})
