"""Exports of the filtered list of fiches actions: CSV for Excel (UTF-8 with BOM, « ; », French numbers),
XLSX and ODS (numeric and date cells), French headers, dated file names, budget totals summed by the database."""

import datetime

from django.utils import timezone
from openpyxl.styles import Font

from solidarites.lib.exports import check_format, spreadsheet_response, table
from solidarites.lib.text import readable

STEM = "fiches-actions"


def for_export(queryset, year=None):
    queryset = queryset.select_related("axis", "group", "pilot__organisation", "lead_organisation")
    queryset = queryset.prefetch_related("partners__organisation", "neighbourhoods", "target_publics", "frameworks")
    return queryset.with_totals(year)


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
        ("Signalement", lambda s: s.get_follow_up_flag_display() if s.follow_up_flag else "", "text"),
        ("Avancement (%)", lambda s: s.progress, "number"),
        ("Date de début", lambda s: s.start_date, "date"),
        ("Date de fin prévue", lambda s: s.planned_end_date, "date"),
        (f"Budget prévu{of_year} (€)", lambda s: s.planned_total, "money"),
        (f"Budget réalisé{of_year} (€)", lambda s: s.actual_total, "money"),
        (f"Financements sollicités{of_year} (€)", lambda s: s.requested_total, "money"),
        (f"Financements acquis{of_year} (€)", lambda s: s.granted_total, "money"),
        ("Date du COPIL", lambda s: s.copil_date, "date"),
        ("Modifiée le", lambda s: _local_date(s.updated_at), "date"),
    ]


def cell(value, kind, fmt):
    if value is None:
        return ""
    if kind == "text":
        return str(value)  # made safe by the shared export layer
    if fmt != "csv":
        return value  # Decimal → numeric cell, date → date cell
    if kind == "money":
        return readable(value)  # « 1 234,50 » (no-break space, decimal comma)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def build_dataset(sheets, fmt, year=None):
    spec = columns(year)
    rows = ([cell(value(sheet), kind, fmt) for _, value, kind in spec] for sheet in sheets)
    return table([header for header, _, _ in spec], rows, "Fiches actions")


def _format_xlsx(worksheet, year=None):
    """French display formats on the typed cells of tablib's workbook (values are untouched)."""
    for index, (_, _, kind) in enumerate(columns(year), start=1):
        number_format = {"money": "#,##0.00", "date": "DD/MM/YYYY"}.get(kind)
        if number_format:
            for (cell_,) in worksheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell_.number_format = number_format
    for header in worksheet[1]:
        header.font = Font(bold=True)
    worksheet.freeze_panes = "A2"


def export_sheets(queryset, fmt, year=None):
    check_format(fmt)
    dataset = build_dataset(for_export(queryset, year), fmt, year)
    return spreadsheet_response(dataset, fmt, STEM, finish_xlsx=lambda worksheet: _format_xlsx(worksheet, year))
