"""Spreadsheet downloads of a list: CSV for Excel (UTF-8 with BOM, « ; »), XLSX and ODS, dated file names."""

from django.http import Http404, HttpResponse
from django.utils import timezone

EXPORT_FORMATS = {
    "csv": ("CSV pour Excel", "text/csv; charset=utf-8"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("OpenDocument (ODS)", "application/vnd.oasis.opendocument.spreadsheet"),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format inconnu")


def safe_text(value):
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start: OWASP « CSV injection »)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_response(dataset, fmt, stem, content=None):
    """The tablib `dataset` as a download named `<stem>-<date>.<fmt>`; `content` replaces tablib's own output
    (an XLSX whose cells were formatted afterwards)."""
    check_format(fmt)
    if content is None:
        content = "\ufeff" + dataset.export("csv", delimiter=";") if fmt == "csv" else dataset.export(fmt)
    name = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
