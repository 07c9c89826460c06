from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


sheet_create = sheet_detail = sheet_authors = sheet_move = _todo
