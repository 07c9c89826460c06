"""Placeholder: replaced by the engineer who builds these pages."""

from django.http import Http404


def overlap_list(request, **kwargs):
    raise Http404


def overlap_decide(request, **kwargs):
    raise Http404
