"""PDF documents rendered in-process by WeasyPrint from Django templates: A4, tagged (PDF/UA structure)."""

import hashlib

from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

CACHE_SECONDS = 24 * 3600


def _no_network(url, *args, **kwargs):
    """Printed documents never fetch anything: every style sits in the template and fonts are local."""
    raise ValueError(f"Ressource externe refusée dans un PDF : {url}")


def write_pdf(html):
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_no_network, base_url="/").write_pdf(pdf_tags=True)


def render_pdf(template, context, *, request=None, cached=False):
    """The PDF of `template`. With `cached`, PDFs are kept by the hash of their HTML in the shared "pdf" cache (a
    table every worker reads): the same HTML gives the same document, so a change anywhere in what the template
    shows makes a new one, and nothing has to be invalidated. For documents whose HTML carries no time finer than
    the day (the fiche action)."""
    html = render_to_string(template, context, request=request)
    if not cached:
        return write_pdf(html)
    cache = caches["pdf"]
    key = "pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = write_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def pdf_response(template, context, *, request, filename, cached=False):
    response = HttpResponse(
        render_pdf(template, context, request=request, cached=cached), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{slugify(filename)}.pdf"'
    return response
