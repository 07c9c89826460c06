"""The COPIL dossier (engineer « dossier »): the page of a COPIL meeting's dossier, its fiches, its documents."""

from django.http import Http404


def copil_dossier(request, **kwargs):
    raise Http404("Pas encore construit.")


def copil_sheets(request, **kwargs):
    raise Http404("Pas encore construit.")


def copil_document(request, **kwargs):
    raise Http404("Pas encore construit.")
