"""Placeholder: replaced by the engineer who builds these pages."""

from django.http import Http404


def partner_map(request, **kwargs):
    raise Http404


def partner_map_export(request, **kwargs):
    raise Http404
