"""Every spreadsheet download: CSV for Excel (UTF-8 BOM, « ; »), XLSX, ODS, dated names, each cell neutralised."""

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
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format inconnu")


def neutralise(value):
    """OWASP « CSV injection »: text starting like a formula (full-width forms too) gets a leading apostrophe;
    numbers (negative amounts too) and dates stay typed."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def table(headers, rows, title):
    """The tablib Dataset of an export, every cell neutralised (`rows`: iterables of cells)."""
    dataset = tablib.Dataset(headers=[neutralise(cell) for cell in headers], title=title[:31])
    dataset.extend([neutralise(cell) for cell in row] for row in rows)
    return dataset


def csv_content(dataset):
    """CSV for Excel: UTF-8 with a BOM (spreadsheets read the accents), « ; » between cells."""
    return "\ufeff" + dataset.export("csv", delimiter=";")


def spreadsheet_response(dataset, fmt, stem, finish_xlsx=None):
    """`dataset`, neutralised again (idempotent), as `<stem>-<date>.<fmt>`; `finish_xlsx(worksheet)` formats XLSX."""
    check_format(fmt)
    dataset = table(dataset.headers or [], dataset, dataset.title or "Export")
    content = csv_content(dataset) if fmt == "csv" else dataset.export(fmt)
    if fmt == "xlsx" and finish_xlsx:
        workbook = load_workbook(io.BytesIO(content))
        finish_xlsx(workbook.active)
        workbook.save(output := io.BytesIO())
        content = output.getvalue()
    name = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
