"""Placeholder until written."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


sheet_list = sheet_export = sheet_pdf = _todo
