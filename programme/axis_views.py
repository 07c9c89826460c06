"""Placeholder: replaced by the engineer who builds these pages."""

from django.http import Http404


def axis_detail(request, **kwargs):
    raise Http404
