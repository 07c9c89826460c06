"""Exports of the directory: CSV for Excel (UTF-8 with BOM, « ; »), XLSX and ODS, with French headers."""

from solidarites.lib.exports import check_format, spreadsheet_response, table
from solidarites.lib.text import readable

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
    ("Partenaire depuis", lambda o: readable(o.since)),
    ("Active", lambda o: readable(o.is_active)),
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
    ("Interlocuteur principal", lambda c: readable(c.is_primary)),
]


def build_dataset(rows, columns, title):
    return table([header for header, _ in columns], ([value(row) for _, value in columns] for row in rows), title)


def export_organisations(queryset, fmt):
    check_format(fmt)  # before reading the structures
    return spreadsheet_response(build_dataset(queryset, ORGANISATION_COLUMNS, "Structures"), fmt, "structures")


def export_contacts(queryset, fmt):
    """The download and its number of rows (for the audit log)."""
    check_format(fmt)
    dataset = build_dataset(queryset, CONTACT_COLUMNS, "Interlocuteurs")
    return spreadsheet_response(dataset, fmt, "interlocuteurs"), dataset.height
