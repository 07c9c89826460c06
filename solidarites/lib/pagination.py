"""Pagination without deep OFFSETs (quality.md §4): pages cover the first `max_rows` rows only."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_ROWS = 1000  # beyond, filters narrow the list and the exports give it all


class CappedPaginator(Paginator):
    """Pages over the first `max_rows` rows; `total` is the real number of rows, `capped` whether some are left
    out of the pages."""

    def __init__(self, object_list, per_page, max_rows=None, **kwargs):
        self.max_rows = MAX_ROWS if max_rows is None else max_rows
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def total(self):
        return Paginator.count.func(self)

    @cached_property
    def count(self):
        return min(self.total, self.max_rows)

    @property
    def capped(self):
        return self.total > self.max_rows
