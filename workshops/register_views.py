"""Diagnostic findings and the register of coordination obstacles (placeholders until written)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


finding_list = finding_create = finding_edit = _todo
obstacle_list = obstacle_create = obstacle_detail = obstacle_edit = _todo
