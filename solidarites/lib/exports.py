"""Spreadsheet downloads of a list: CSV for Excel (UTF-8 with BOM, « ; »), XLSX and ODS, dated file names.

The one place of the portal that builds a tabular file: every cell of every export goes through `neutralise`,
so a new export cannot forget it (tests/partners/test_export_injection.py checks no other module builds one)."""

import io

import tablib
from django.http import Http404, HttpResponse
from django.utils import timezone
from openpyxl import load_workbook

EXPORT_FORMATS = {
    "csv": ("CSV pour Excel", "text/csv; charset=utf-8"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("OpenDocument (ODS)", "application/vnd.oasis.opendocument.spreadsheet"),
}
# OWASP « CSV injection »: the starts a spreadsheet reads as a formula, and their full-width forms, which some
# spreadsheets (and East Asian input methods) fold into the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format inconnu")


def safe_text(value):
    """Text a spreadsheet will not run as a formula: a leading apostrophe before a formula start."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def neutralise(value):
    """A cell as written: text made safe, anything else (numbers, negative amounts, dates, None) untouched."""
    return safe_text(value) if isinstance(value, str) else value


def table(headers, rows, title):
    """The tablib Dataset of an export, every cell neutralised (`rows`: iterables of cells)."""
    dataset = tablib.Dataset(headers=[neutralise(header) for header in headers], title=title[:31])
    for row in rows:
        dataset.append([neutralise(cell) for cell in row])
    return dataset


def _neutralised(dataset):
    """A copy of any dataset with its cells neutralised: idempotent, so a table() costs only a copy."""
    return table(dataset.headers or [], (list(row) for row in dataset), dataset.title or "Export")


def _xlsx(dataset, finish):
    content = dataset.export("xlsx")
    if finish is None:
        return content
    workbook = load_workbook(io.BytesIO(content))
    finish(workbook.active)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def spreadsheet_response(dataset, fmt, stem, finish_xlsx=None):
    """The tablib `dataset` as a download named `<stem>-<date>.<fmt>`, every cell neutralised;
    `finish_xlsx(worksheet)` formats the XLSX cells afterwards (display formats, bold headers)."""
    check_format(fmt)
    dataset = _neutralised(dataset)
    if fmt == "csv":
        content = "\ufeff" + dataset.export("csv", delimiter=";")
    else:
        content = _xlsx(dataset, finish_xlsx) if fmt == "xlsx" else dataset.export(fmt)
    name = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
