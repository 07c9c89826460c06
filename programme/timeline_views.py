"""Placeholder: replaced by the engineer who builds these pages."""

from django.http import Http404


def timeline(request, **kwargs):
    raise Http404


def timeline_export(request, **kwargs):
    raise Http404
