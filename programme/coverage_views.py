"""Placeholder: replaced by the engineer who builds these pages."""

from django.http import Http404


def coverage(request, **kwargs):
    raise Http404


def coverage_export(request, **kwargs):
    raise Http404


def finding_sheets(request, **kwargs):
    raise Http404
