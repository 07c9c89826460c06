"""Exports of the directory: CSV for Excel (UTF-8 with BOM, « ; »), XLSX and ODS, with French headers."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst, slugify

from partners.models import Commune
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


# The project team's lists of accounts and of e-mails sent (accounts app), as the pages show them


def short_datetime(value):
    """« 09/04/2015 14:30 », local time, as the lists show it; empty when there is none."""
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def commune_stem(name):
    """« comptes-guyancourt »: the list, then the commune running the portal (until its name is filled in,
    the list alone)."""
    short_name = Commune.objects.current().short_name
    if short_name == Commune._meta.get_field("short_name").default:
        return name
    return f"{name}-{slugify(short_name)}".strip("-")


ACCOUNT_COLUMNS = [
    ("Nom", lambda a: a.get_full_name()),
    ("Adresse e-mail", lambda a: a.email),
    ("Rôle", lambda a: a.get_role_display()),
    ("État", lambda a: a.status_label),
]


def _email_about(email):
    if email.related_type_id is None:
        return ""
    if email.related_type.model == "user":
        return f"Compte n° {email.related_id}"
    return f"{capfirst(email.related_type.name)} n° {email.related_id}"


EMAIL_COLUMNS = [
    ("État", lambda e: e.get_status_display()),
    ("Envoyé le", lambda e: short_datetime(e.sent_at)),
    ("Créé le", lambda e: short_datetime(e.created_at)),
    ("Destinataires", lambda e: e.to),
    ("Objet", lambda e: e.subject),
    ("Dernière erreur", lambda e: e.last_error if e.status != "sent" else ""),
    ("Essais", lambda e: e.attempts),
    ("Concerne", _email_about),
]


def export_accounts(queryset, fmt):
    """The download and its number of rows (for the audit log)."""
    check_format(fmt)
    dataset = build_dataset(queryset, ACCOUNT_COLUMNS, "Comptes")
    return spreadsheet_response(dataset, fmt, commune_stem("comptes")), dataset.height


def export_emails(queryset, fmt):
    """The download and its number of rows (for the audit log)."""
    check_format(fmt)
    dataset = build_dataset(queryset, EMAIL_COLUMNS, "E-mails envoyés")
    return spreadsheet_response(dataset, fmt, commune_stem("e-mails-envoyes")), dataset.height
