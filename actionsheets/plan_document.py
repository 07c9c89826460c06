"""The plan d'actions as a long document: every fiche of the list's selection that the person may see, in full,
built by a background task (background.documents) instead of inside the request.

Registered in ActionsheetsConfig.ready(). The selection is the list's filters (the query string of the request);
the audience is what the person may see of the fiches, so two coordinators asking for the same selection get
the same document, laid out once.
"""

from types import SimpleNamespace

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.text import slugify

from actionsheets import documents
from actionsheets.filters import SheetFilter
from actionsheets.models import ActionSheet
from actionsheets.permissions import sheets_audience
from background.documents import Builder, Prepared
from background.pdf_progress import pages_laid_out
from solidarites.lib.filters import applied_filters
from solidarites.lib.pdf import write_pdf

KIND = "plan"
# A fully filled fiche takes about three pages (scripts/bench_pdf.py: 152 pages for 50): the progress bar's guess.
PAGES_PER_SHEET = 3


def params(query):
    """The list's filters in use, as a dict of strings (the page number and unknown parameters are dropped)."""
    return {name: query.get(name) for name in SheetFilter.base_filters if query.get(name)}


def selection(data, user):
    """(filterset, criteria) of the list's filters `data` for `user`: the sheets they may see, as the list
    shows them, and the filters as « label : value » lines."""
    query = data if isinstance(data, QueryDict) else _query(data)
    queryset = ActionSheet.objects.select_related("axis", "group", "pilot")
    filterset = SheetFilter(query, user=user, queryset=queryset)
    _ = filterset.qs  # validates the filters: the chips read their cleaned values
    chips = applied_filters(SimpleNamespace(GET=query), filterset, skip=("tri",))
    return filterset, [f"{chip['label']} : {chip['value']}" for chip in chips]


def _query(data):
    query = QueryDict(mutable=True)
    query.update(data)
    return query


def audience(user, data):
    # « Seulement mes fiches » makes a selection of one person's own.
    return f"user:{user.pk}" if data.get("mes") else sheets_audience(user)


def prepare(user, data, progress):
    filterset, criteria = selection(data, user)

    def on_sheet(done, total):
        progress(done, total, f"Préparation des fiches : {done} sur {total}")

    context = documents.plan_context(filterset.qs, criteria, on_sheet=on_sheet)
    html = render_to_string(documents.PLAN_TEMPLATE, context)
    return Prepared(source=html, filename=f"{slugify(documents.plan_name())}.pdf")


def render(html, progress):
    expected = 1 + PAGES_PER_SHEET * html.count('class="plan-sheet"')

    def on_page(number):
        progress(number, max(expected, number + 1), f"Mise en page : page {number}")

    with pages_laid_out(on_page):
        return write_pdf(html)


BUILDER = Builder(
    kind=KIND,
    title="Plan d'actions",
    name="le plan d'actions",
    params=params,
    audience=audience,
    prepare=prepare,
    render=render,
)
