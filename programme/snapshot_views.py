"""Closing a COPIL, programme snapshots and « ce qui a changé » (engineer « snapshots »)."""

from django.http import Http404


def copil_close(request, **kwargs):
    raise Http404("Pas encore construit.")


def snapshot_list(request, **kwargs):
    raise Http404("Pas encore construit.")


def snapshot_detail(request, **kwargs):
    raise Http404("Pas encore construit.")


def changes(request, **kwargs):
    raise Http404("Pas encore construit.")


def changes_export(request, **kwargs):
    raise Http404("Pas encore construit.")
