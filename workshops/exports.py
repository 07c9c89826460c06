"""Exports of the workshops lists (sessions, a session's answers and attendance, participation figures,
findings, obstacles): the rows and columns each page shows, French headers, dates as the pages write them
(« 09/04/2015 », « 14h30 »), through the shared export layer (solidarites/lib/exports.py)."""

from django.utils import timezone
from django.utils.text import slugify

from solidarites.lib.exports import check_format, spreadsheet_response, table
from workshops.enums import AttendanceStatus


def object_stem(name, obj):
    """« presences-groupe-habitat-deuxieme-seance »: the list, then the object it belongs to."""
    return f"{name}-{slugify(str(obj))[:60]}".strip("-")


def day(value):
    return f"{timezone.localtime(value):%d/%m/%Y}" if value else ""


def hour(value):
    return f"{timezone.localtime(value):%H}h{timezone.localtime(value):%M}"


MEETING_COLUMNS = [
    ("Date", lambda m: day(m.starts_at)),
    ("Début", lambda m: hour(m.starts_at)),
    ("Fin", lambda m: hour(m.ends_at)),
    ("Séance", lambda m: m.title),
    ("Type de séance", lambda m: m.get_kind_display()),
    ("État", lambda m: m.get_status_display()),
    ("Groupes", lambda m: ", ".join(group.name for group in m.groups.all()) or "Tous"),
    ("Lieu", lambda m: m.venue.name if m.venue else "À préciser"),
]
INVITATION_COLUMNS = [
    ("Prénom", lambda i: i.contact.first_name),
    ("Nom", lambda i: i.contact.last_name),
    ("Structure", lambda i: i.contact.organisation.name),
    ("Réponse", lambda i: i.get_answer_display()),
    ("Représenté ou représentée par", lambda i: i.represented_by),
]
STATUS_LABELS = dict(AttendanceStatus.choices)
ATTENDANCE_COLUMNS = [  # rows: (form, contact, answer) of the check-in formset
    ("Prénom", lambda row: row[1].first_name),
    ("Nom", lambda row: row[1].last_name),
    ("Structure", lambda row: row[1].organisation.name),
    ("Réponse à l'invitation", lambda row: row[2]),
    ("Présence", lambda row: STATUS_LABELS.get(row[0].initial["status"], "")),
    ("Représenté ou représentée par", lambda row: row[0].initial["represented_by"]),
]
FINDING_COLUMNS = [
    ("Axe", lambda f: f"{f.axis.code} – {f.axis.short_title}"),
    ("Nature", lambda f: f.get_kind_display()),
    ("Constat", lambda f: f.title),
    ("Détail", lambda f: f.text),
    ("Source", lambda f: f.get_source_display()),
]
OBSTACLE_COLUMNS = [
    ("Frein", lambda o: str(o)),
    ("Catégorie", lambda o: o.get_category_display()),
    ("Axes", lambda o: ", ".join(axis.code for axis in o.axes.all())),
    ("Séance", lambda o: day(o.meeting.starts_at) if o.meeting else ""),
    ("État", lambda o: o.get_status_display()),
]
# The participation page's tables (workshops.reports.participation), by their name in the export's address
PARTICIPATION_TABLES = {
    "par-groupe": "by_group",
    "par-seance": "by_meeting",
    "par-structure": "by_organisation",
    "taux-par-groupe": "rate_by_group",
    "taux-par-structure": "rate_by_organisation",
    "jamais-presentes": "never_present",
}


def build_dataset(rows, columns, title):
    return table([header for header, _ in columns], ([value(row) for _, value in columns] for row in rows), title)


def respond(rows, columns, fmt, title, stem):
    """The download and its number of rows (for the audit log of personal data)."""
    check_format(fmt)
    dataset = build_dataset(rows, columns, title)
    return spreadsheet_response(dataset, fmt, stem), dataset.height


def figures_dataset(figures):
    """A figures table of the participation page (reports.Table) as shown: the object's name, then the cells."""
    rows = ([row["name"], *(value for value, _ in row["cells"])] for row in figures.rows)
    return table([heading for heading, _ in figures.columns], rows, figures.caption)
