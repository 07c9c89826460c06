"""Placeholder until written."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


sheet_history = sheet_diff = _todo
