"""Exports of the directory: CSV for Excel (UTF-8 with BOM, « ; »), XLSX and ODS, with French headers."""

import tablib
from django.http import Http404, HttpResponse
from django.utils import timezone

EXPORT_FORMATS = {
    "csv": ("CSV pour Excel", "text/csv; charset=utf-8"),
    "xlsx": ("Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "ods": ("OpenDocument (ODS)", "application/vnd.oasis.opendocument.spreadsheet"),
}
ORGANISATION_COLUMNS = [
    ("Structure", lambda o: o.name),
    ("Sigle", lambda o: o.acronym),
    ("Type", lambda o: o.type.label),
    ("Structure de rattachement", lambda o: o.parent.name if o.parent else ""),
    ("Adresse", lambda o: o.address),
    ("Code postal", lambda o: o.postal_code),
    ("Commune", lambda o: o.city),
    ("Téléphone", lambda o: o.phone),
    ("E-mail", lambda o: o.email),
    ("Site internet", lambda o: o.website),
    ("Axes", lambda o: ", ".join(axis.code for axis in o.axes.all())),
    ("Missions", lambda o: o.missions),
    ("Partenaire depuis", lambda o: o.since.strftime("%d/%m/%Y") if o.since else ""),
    ("Active", lambda o: "oui" if o.is_active else "non"),
]
CONTACT_COLUMNS = [
    ("Civilité", lambda c: c.civility),
    ("Prénom", lambda c: c.first_name),
    ("Nom", lambda c: c.last_name),
    ("Fonction", lambda c: c.function),
    ("Structure", lambda c: c.organisation.name),
    ("Type de structure", lambda c: c.organisation.type.label),
    ("E-mail", lambda c: c.email),
    ("Téléphone", lambda c: c.phone),
    ("Interlocuteur principal", lambda c: "oui" if c.is_primary else "non"),
]


def build_dataset(rows, columns, title):
    dataset = tablib.Dataset(headers=[header for header, _ in columns], title=title)
    for row in rows:
        dataset.append([value(row) for _, value in columns])
    return dataset


def file_response(dataset, fmt, stem):
    if fmt == "csv":
        content = "\ufeff" + dataset.export("csv", delimiter=";")
    else:
        content = dataset.export(fmt)
    name = f"{stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    return HttpResponse(
        content, content_type=EXPORT_FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def check_format(fmt):
    if fmt not in EXPORT_FORMATS:
        raise Http404("Format inconnu")


def export_organisations(queryset, fmt):
    check_format(fmt)
    return file_response(build_dataset(queryset, ORGANISATION_COLUMNS, "Structures"), fmt, "structures")


def export_contacts(queryset, fmt):
    check_format(fmt)
    return file_response(build_dataset(queryset, CONTACT_COLUMNS, "Interlocuteurs"), fmt, "interlocuteurs")
