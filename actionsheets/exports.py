"""Exports of the filtered list of fiches actions: CSV for Excel (UTF-8 with BOM, « ; », French numbers),
XLSX and ODS (numeric and date cells), French headers, dated file names, budget totals summed by the database."""

import datetime
import io
from decimal import Decimal

import tablib
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.utils import timezone

from actionsheets.models import BudgetLine, FundingLine
from actionsheets.services import display

EXPORT_FORMATS = {
    "csv": ("CSV pour Excel", "text/csv; charset=utf-8"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("OpenDocument (ODS)", "application/vnd.oasis.opendocument.spreadsheet"),
}
STEM = "fiches-actions"
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _total(model, field, year, **conditions):
    lines = model.objects.filter(sheet=OuterRef("pk"), **conditions)
    if year:
        lines = lines.filter(year=year)
    summed = lines.order_by().values("sheet").annotate(total=Sum(field)).values("total")
    return Subquery(summed, output_field=MONEY_FIELD)


def with_totals(queryset, year=None):
    """Budget and funding totals of each sheet (of `year` only, when given), summed by the database.

    One subquery per total: summing two child tables in one join would multiply the rows. `actual_total` stays
    empty while no actual amount is recorded."""
    zero = Value(Decimal("0.00"), output_field=MONEY_FIELD)
    return queryset.annotate(
        planned_total=Coalesce(_total(BudgetLine, "planned", year), zero),
        actual_total=_total(BudgetLine, "actual", year),
        requested_total=Coalesce(_total(FundingLine, "amount", year, state=FundingLine.State.REQUESTED), zero),
        granted_total=Coalesce(_total(FundingLine, "amount", year, state=FundingLine.State.GRANTED), zero),
        refused_total=Coalesce(_total(FundingLine, "amount", year, state=FundingLine.State.REFUSED), zero),
    )


def for_export(queryset, year=None):
    queryset = queryset.select_related("axis", "group", "pilot__organisation", "lead_organisation")
    queryset = queryset.prefetch_related("partners__organisation", "neighbourhoods", "target_publics", "frameworks")
    return with_totals(queryset, year)


def _names(items):
    return ", ".join(str(item) for item in items)


def _local_date(value):
    return timezone.localtime(value).date() if value else None


def columns(year=None):
    """(header, value of a sheet, kind): kind "money" and "date" cells are typed in XLSX/ODS."""
    of_year = f" {year}" if year else ""
    return [
        ("N° de fiche", lambda s: s.code, "text"),
        ("Intitulé", lambda s: s.title, "text"),
        ("Axe", lambda s: str(s.axis), "text"),
        ("Groupe de travail", lambda s: s.group.name, "text"),
        ("Statut", lambda s: s.get_status_display(), "text"),
        ("Priorité", lambda s: s.get_priority_display(), "text"),
        ("Pilote", lambda s: str(s.pilot) if s.pilot else "", "text"),
        ("Structure du pilote", lambda s: s.pilot.organisation.name if s.pilot else "", "text"),
        ("Structure porteuse", lambda s: s.lead_organisation.name if s.lead_organisation else "", "text"),
        ("Structures partenaires", lambda s: _names(p.organisation.name for p in s.partners.all()), "text"),
        ("Quartiers", lambda s: _names(s.neighbourhoods.all()) or "Toute la commune", "text"),
        ("Publics cibles", lambda s: _names(s.target_publics.all()), "text"),
        ("Dispositifs", lambda s: _names(s.frameworks.all()), "text"),
        ("Date de début", lambda s: s.start_date, "date"),
        ("Date de fin prévue", lambda s: s.planned_end_date, "date"),
        (f"Budget prévu{of_year} (€)", lambda s: s.planned_total, "money"),
        (f"Budget réalisé{of_year} (€)", lambda s: s.actual_total, "money"),
        (f"Financements sollicités{of_year} (€)", lambda s: s.requested_total, "money"),
        (f"Financements acquis{of_year} (€)", lambda s: s.granted_total, "money"),
        ("Date du COPIL", lambda s: s.copil_date, "date"),
        ("Modifiée le", lambda s: _local_date(s.updated_at), "date"),
    ]


def safe_text(value):
    """Text a spreadsheet will not run as a formula (=, +, -, @ at the start: OWASP « CSV injection »)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value, kind, fmt):
    if value is None:
        return ""
    if kind == "text":
        return safe_text(str(value))
    if fmt != "csv":
        return value  # Decimal → numeric cell, date → date cell
    if kind == "money":
        return display(value)  # « 1 234,50 » (no-break space, decimal comma)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def build_dataset(sheets, fmt, year=None):
    spec = columns(year)
    dataset = tablib.Dataset(headers=[header for header, _, _ in spec], title="Fiches actions")
    for sheet in sheets:
        dataset.append([cell(value(sheet), kind, fmt) for _, value, kind in spec])
    return dataset


def _formatted_xlsx(content, year=None):
    """French display formats on the typed cells of tablib's workbook (values are untouched)."""
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    workbook = load_workbook(io.BytesIO(content))
    worksheet = workbook.active
    for index, (_, _, kind) in enumerate(columns(year), start=1):
        number_format = {"money": "#,##0.00", "date": "DD/MM/YYYY"}.get(kind)
        if number_format:
            for (cell_,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell_.number_format = number_format
    for header in worksheet[1]:
        header.font = Font(bold=True)
    worksheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_sheets(queryset, fmt, year=None):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format inconnu")
    dataset = build_dataset(for_export(queryset, year), fmt, year)
    if fmt == "csv":
        content = "\ufeff" + dataset.export("csv", delimiter=";")
    elif fmt == "xlsx":
        content = _formatted_xlsx(dataset.export("xlsx"), year)
    else:
        content = dataset.export("ods")
    name = f"{STEM}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
