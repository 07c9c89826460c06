"""The public page of validated actions (no login, engineer « public »)."""

from django.http import Http404


def action_list(request, **kwargs):
    raise Http404("Pas encore construit.")


def action_detail(request, **kwargs):
    raise Http404("Pas encore construit.")
