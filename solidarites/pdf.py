"""PDF documents rendered in-process by WeasyPrint from Django templates: A4, tagged (PDF/UA structure)."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify


def _no_network(url, *args, **kwargs):
    """Printed documents never fetch anything: every style sits in the template and fonts are local."""
    raise ValueError(f"Ressource externe refusée dans un PDF : {url}")


def render_pdf(template, context, *, request=None):
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    return HTML(string=html, url_fetcher=_no_network, base_url="/").write_pdf(pdf_tags=True)


def pdf_response(template, context, *, request, filename):
    response = HttpResponse(render_pdf(template, context, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slugify(filename)}.pdf"'
    return response
