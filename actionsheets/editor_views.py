"""Placeholder until written."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


section_edit = section_row = section_draft = attachment_download = _todo
