"""The COPIL's decisions per fiche, recorded in one form (engineer « decisions »)."""

from django.http import Http404


def copil_decisions(request, **kwargs):
    raise Http404("Pas encore construit.")
