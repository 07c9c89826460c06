"""The rights of the people the portal knows (GDPR): « Mes données », erasure by anonymisation, retention.

The data of one person is spread over every app; this module, in the lowest app that knows people, holds the
registries the apps fill from their AppConfig.ready() (a lower app never imports a higher one):

- `register(section, collect=fn(person) -> rows, anonymise=fn(person, alias), label=…, about=…)`: a section of
  the export (`<section>.json`, plus `<section>.csv` when its rows are flat) and what anonymisation does to the
  rows of that app that point at the person (delete what has no use without them, rewrite what copies them);
- `register_retention(name, setting=…, label=…, purge=fn(cutoff) -> count)`: a retention rule, its duration in
  days read from the settings (the « Données personnelles » page prints the same settings).

`person` bundles the account and/or the directory interlocutor (`Person.of_user`, `Person.of_contact`).
Anonymisation (`anonymise`) replaces the identity by « Personne supprimée n° N » (N: the Erasure row's number),
runs every registered `anonymise`, then rewrites every copy of the name or e-mail kept as text in any table
(`scrub_everywhere`: the full name either way round and the e-mail, in every text and JSON column), deletes
the person's sessions, connection logs and stored documents, and clears the shared caches.
"""

import io
import json
import logging
import re
import zipfile
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from solidarites.lib.exports import csv_content, table

logger = logging.getLogger("partners.personal_data")
ALIAS = "Personne supprimée n° {number}"
PLACEHOLDER_EMAIL = "personne-supprimee-{number}@anonyme.invalid"  # .invalid: never deliverable (RFC 2606)


@dataclass
class Section:
    name: str
    label: str
    about: str
    collect: object
    anonymise: object = None


@dataclass
class Retention:
    name: str
    setting: str  # the settings name of the duration in days ("" when the rule has no duration of its own)
    label: str
    purge: object  # purge(cutoff) -> number of rows purged or anonymised
    duration: str = ""  # in French, for a rule without a setting in days


SECTIONS: dict[str, Section] = {}
RETENTIONS: dict[str, Retention] = {}
# Tables the final rewrite leaves alone, with the reason (e.g. the programme snapshots, immutable by a trigger,
# whose registration states that they copy no personal data: the anonymisation test proves it).
UNTOUCHED_TABLES: dict[str, str] = {}


def register(section, *, collect, anonymise=None, label="", about=""):
    SECTIONS[section] = Section(section, label or section, about, collect, anonymise)


def register_retention(name, *, label, purge, setting="", duration=""):
    RETENTIONS[name] = Retention(name, setting, label, purge, duration)


def leave_untouched(table, reason):
    UNTOUCHED_TABLES[table] = reason


@dataclass
class Person:
    """One person: their account, their interlocutor card, or both."""

    user: object = None
    contact: object = None
    names: list = field(default_factory=list)  # the identity before anonymisation, for the text rewrite
    parts: list = field(default_factory=list)  # the first and last names alone, for the rows about them only

    @classmethod
    def of_user(cls, user):
        from partners.models import Contact

        return cls(user=user, contact=Contact.objects.filter(user=user).first())

    @classmethod
    def of_contact(cls, contact):
        return cls(user=contact.user, contact=contact)

    def __str__(self):
        return str(self.contact or self.user)

    @property
    def is_anonymised(self):
        if self.user is not None:
            return self.user.email.endswith(PLACEHOLDER_EMAIL.split("@")[1])
        return self.contact.first_name == ALIAS.split(" n° ")[0] and self.contact.last_name.startswith("n° ")

    @property
    def emails(self):
        found = {self.user.email if self.user else "", self.contact.email if self.contact else ""}
        return sorted(email.lower() for email in found if email)

    def identities(self):
        """The strings that name this person: e-mails, full names either way round."""
        found = set(self.emails)
        for holder in (self.user, self.contact):
            if holder and holder.first_name and holder.last_name:
                found |= {f"{holder.first_name} {holder.last_name}", f"{holder.last_name} {holder.first_name}"}
        return sorted(found, key=len, reverse=True)

    def name_parts(self):
        """First and last names alone, for the rows that are about this person only (their e-mails, their log)."""
        parts = {
            part for holder in (self.user, self.contact) if holder for part in (holder.first_name, holder.last_name)
        }
        return sorted((part for part in parts if len(part) >= 3), key=len, reverse=True)


# --- Export -------------------------------------------------------------------------------------------------


def collect(person):
    """{section: rows} for every registered section."""
    return {name: list(section.collect(person)) for name, section in SECTIONS.items()}


def _flat(rows):
    """Rows whose values are all scalars (no list, no dict) make a table: they get a CSV too."""
    return bool(rows) and not any(isinstance(value, dict | list) for row in rows for value in row.values())


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, str):
        return value  # neutralised by table(): no formula runs from a name or a subject in a spreadsheet
    if isinstance(value, int | float):
        return value
    return DjangoJSONEncoder().default(value)  # dates, times, decimals, UUIDs as in the JSON files


def _csv(rows):
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return csv_content(table(columns, ([_cell(row.get(key)) for key in columns] for row in rows), "Données"))


def readme(person, data, files):
    lines = [
        "Vos données personnelles sur le portail",
        "=" * 40,
        "",
        f"Export produit le {timezone.localtime():%d/%m/%Y à %H:%M} pour : {person}.",
        "Chaque rubrique est un fichier JSON (lisible par tout logiciel) ; les rubriques en tableau ont aussi",
        "un fichier CSV (séparateur « ; », encodage UTF-8) qui s'ouvre dans un tableur.",
        "Une rubrique vide ([]) signifie que le portail ne détient rien à votre sujet dans cette rubrique.",
        "",
        "Contenu :",
    ]
    for name, section in SECTIONS.items():
        lines.append(f"- {' et '.join(files[name])} ({len(data[name])} élément(s)) : {section.label}.")
        if section.about:
            lines.append(f"    {section.about}")
    lines += ["", "Pour faire corriger ou effacer ces données, écrivez au délégué à la protection des données (DPO)"]
    lines += ["dont l'adresse figure sur la page « Données personnelles » du portail."]
    return "\n".join(lines) + "\n"


def export_zip(person):
    """The ZIP of everything the portal holds about `person`: one JSON per section, a CSV for the flat ones."""
    data = collect(person)
    buffer = io.BytesIO()
    files = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in data.items():
            archive.writestr(f"{name}.json", json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            files[name] = [f"{name}.json"]
            if _flat(rows):
                archive.writestr(f"{name}.csv", _csv(rows))
                files[name].append(f"{name}.csv")
        archive.writestr("README.txt", readme(person, data, files))
    return buffer.getvalue()


def export_filename(person):
    number = f"compte-{person.user.pk}" if person.user else f"interlocuteur-{person.contact.pk}"
    return f"donnees-personnelles-{number}-{timezone.localdate():%Y-%m-%d}.zip"


@transaction.atomic
def record_export(*, person, by):
    """The log row of an export: who produced it, for whom (the person themself or a coordinator)."""
    from partners.enums import AuditVerb
    from partners.services import log_action

    who = "par la personne elle-même" if by == person.user else "par l'équipe projet (demande écrite)"
    log_action(actor=by, verb=AuditVerb.DATA_EXPORTED, target=person.user or person.contact, message=who)


# --- Anonymisation ------------------------------------------------------------------------------------------


class AlreadyAnonymised(Exception):
    """Anonymising twice would rename « Personne supprimée n° 1 » into « n° 2 »: refused."""


def anonymise(*, person, by):
    """Replace the person's identity everywhere by « Personne supprimée n° N »; returns N."""
    from partners.enums import AuditVerb
    from partners.models import Erasure
    from partners.services import log_action

    with transaction.atomic():
        person = _locked(person)
        if person.is_anonymised:
            raise AlreadyAnonymised(str(person))
        person.names = person.identities()
        parts = person.name_parts()
        person.parts = parts
        erasure = Erasure.objects.create(by=by, had_account=bool(person.user), had_contact=bool(person.contact))
        alias = ALIAS.format(number=erasure.pk)
        for section in SECTIONS.values():
            if section.anonymise:
                section.anonymise(person, alias)
        _erase_identity(person, erasure.pk)
        scrub_rows(person, alias, parts)
        scrubbed = scrub_everywhere(person.names, alias)
        target = person.user or person.contact
        log_action(actor=by, verb=AuditVerb.ANONYMISED, target=target, message=alias)
        erasure.columns_rewritten = scrubbed
        erasure.save(update_fields=["columns_rewritten"])
    transaction.on_commit(clear_shared_caches)
    logger.info("person anonymised as n° %s by user %s", erasure.pk, getattr(by, "pk", None))
    return erasure.pk


def _locked(person):
    from partners.models import Contact, User

    user = User.objects.select_for_update().get(pk=person.user.pk) if person.user else None
    contact = Contact.objects.select_for_update().get(pk=person.contact.pk) if person.contact else None
    return Person(user=user, contact=contact)


def _erase_identity(person, number):
    alias_first, alias_last = "Personne supprimée", f"n° {number}"  # printed together: ALIAS
    if person.contact:
        contact = person.contact
        contact.first_name, contact.last_name, contact.civility = alias_first, alias_last, ""
        contact.email = contact.phone = contact.function = ""
        contact.is_active = contact.is_primary = False
        contact.version += 1
        contact.save()
    if person.user:
        user = person.user
        _forget_logins(user)
        user.first_name, user.last_name = alias_first, alias_last
        user.email = PLACEHOLDER_EMAIL.format(number=number)
        user.is_active = False
        user.set_unusable_password()
        user.follow_up_reminders, user.weekly_digest = False, False
        user.version += 1
        user.save()


def _forget_logins(user):
    """The person's sessions, and the connection logs that name them (axes keeps the e-mail as username)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=user.email).delete()


def variants(needles):
    """Each needle as written, in capitals and in lower case (« QUETZALCOATL Zéphyrine » in a list of
    attendees): PostgreSQL folds the case of accented letters only under some locales; these do not depend
    on it. Longest first, so that a full name goes before its parts."""
    found = {form for needle in needles if needle for form in (needle, needle.upper(), needle.lower())}
    return sorted(found, key=len, reverse=True)


def python_pattern(needles):
    """The needles as whole words: « ann@x.org » is not rewritten inside « joann@x.org », nor « Ann Lee »
    inside « Joann Leeds »."""
    words = "|".join(re.escape(needle) for needle in variants(needles))
    return re.compile(rf"(?<![\w.+-])(?:{words})(?![\w-])", re.IGNORECASE)


def sql_pattern(needles):
    """The same whole-word pattern for PostgreSQL's regular expressions (lookbehind: PostgreSQL ≥ 9.6)."""
    words = "|".join(re.escape(needle) for needle in variants(needles))
    return rf"(?<![[:alnum:]_.+-])(?:{words})(?![[:alnum:]_-])"


def scrub_rows(person, alias, parts):
    """The rows that are about this person only lose even the first or last name alone (the journal of their
    account and card); their e-mails lose their address, and their content when they were the only recipient;
    their imported lists lose their content; generated documents are deleted."""
    from django.contrib.contenttypes.models import ContentType

    from partners.models import AuditEntry

    _scrub_emails(person, alias)
    if person.names:
        about = python_pattern([*person.names, *parts])
        for holder in (person.user, person.contact):
            if holder is None:
                continue
            kind = ContentType.objects.get_for_model(holder)
            for entry in AuditEntry.objects.filter(target_type=kind, target_id=str(holder.pk)):
                entry.message = about.sub(alias, entry.message)
                entry.save(update_fields=["message"])
    _scrub_import_batches(person, [*person.names, *parts])
    _delete_documents(person)


def emails_sent_to(person):
    """The outbox rows addressed to this person (an address of theirs as a whole address: « ann@x.org » does
    not pick « joann@x.org »'s mail)."""
    from partners.models import SentEmail

    if not person.emails:
        return SentEmail.objects.none()
    addresses = "|".join(re.escape(email) for email in person.emails)
    return SentEmail.objects.filter(to__iregex=rf"(^|[\s,<])({addresses})($|[\s,>])")


def _scrub_emails(person, alias):
    mine = {email.lower() for email in person.emails}
    names = python_pattern(person.names)
    for sent in emails_sent_to(person):
        recipients = {key: value for key, value in (sent.recipients or {}).items() if isinstance(value, list)}
        others = [address for value in recipients.values() for address in value if address.lower() not in mine]
        recipients = {key: [alias if a.lower() in mine else a for a in value] for key, value in recipients.items()}
        sent.recipients = recipients or {"to": [alias]}
        sent.to = names.sub(alias, sent.to)
        sent.subject = names.sub(alias, sent.subject)
        if others:  # a message to several people: only this person's name and address go
            sent.body = names.sub(alias, sent.body)
            sent.alternatives = [[names.sub(alias, content), kind] for content, kind in sent.alternatives]
        else:  # their own message: nothing of it is needed any more
            sent.body, sent.alternatives, sent.attachments, sent.content_kept = "", [], [], False
        sent.headers = {}
        sent.save()


def _scrub_import_batches(person, needles):
    """An imported list holds whole lines of people: the content of a list that names this person is emptied."""
    from partners.imports import ImportFileError, read_table
    from partners.models import ImportBatch

    lowered = [needle.lower() for needle in variants(needles)]
    for batch in ImportBatch.objects.exclude(content=b""):
        try:
            headers, rows = read_table(batch.file_name, bytes(batch.content))
            text = "\n".join(" ".join(row) for row in [headers, *rows]).lower()
        except ImportFileError:
            text = bytes(batch.content).decode("utf-8", "replace").lower()
        if any(needle in text for needle in lowered):
            emptied = {"content": b"", "table": [], "summary": "Contenu effacé (anonymisation)"}
            ImportBatch.objects.filter(pk=batch.pk).update(**emptied)


def _delete_documents(person):
    """Generated documents are caches (rebuilt on demand) and may show the person's name: all are deleted."""
    from background.models import DocumentBuild, StoredDocument

    if person.user:
        DocumentBuild.objects.filter(requested_by=person.user).delete()
    for document in StoredDocument.objects.all():
        document.file.delete(save=False)
        document.delete()


def text_columns(cursor):
    """(table, column, type, maximum length or None) of every text, JSON and binary column of the tables of the
    current schema (the only schema the portal uses)."""
    cursor.execute(
        """
        SELECT c.table_name, c.column_name, c.data_type, c.character_maximum_length
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
          AND c.is_generated = 'NEVER'
        ORDER BY c.table_name, c.ordinal_position
        """
    )
    return cursor.fetchall()


def scrub_everywhere(needles, alias):
    """Rewrite every copy of `needles` (case-insensitive) in every text and JSON column; the number of columns
    changed. Binary columns are the registered sections' business (import batches are emptied above)."""
    if not needles:
        return 0
    pattern = sql_pattern(needles)
    changed = 0
    with connection.cursor() as cursor:
        for table, column, kind, length in text_columns(cursor):
            if kind == "bytea" or table in UNTOUCHED_TABLES:
                continue
            value = f'"{column}"::text' if kind in ("json", "jsonb") else f'"{column}"'
            new = f"regexp_replace({value}, %s, %s, 'gi')"
            if kind in ("json", "jsonb"):
                new = f"{new}::{kind}"
            elif length:  # the alias may be longer than the name it replaces: cut to the column's size
                new = f"left({new}, {int(length)})"
            cursor.execute(
                f'UPDATE "{table}" SET "{column}" = {new} WHERE {value} ~* %s',  # noqa: S608 (names from the catalogue)
                [pattern, alias.replace("\\", ""), pattern],
            )
            changed += 1 if cursor.rowcount else 0
    return changed


def clear_shared_caches():
    """Rendered fragments and PDFs may show the name: the shared caches are emptied (they fill again)."""
    for name in ("default", "fragments", "pdf", "local"):
        caches[name].clear()


# --- Retention ----------------------------------------------------------------------------------------------


def retention_days(rule):
    return int(getattr(settings, rule.setting)) if rule.setting else 0


def duration_label(days):
    if days % 365 == 0:
        years = days // 365
        return f"{years} an{'s' if years > 1 else ''} ({days} jours)"
    return f"{days} jour{'s' if days > 1 else ''}"


def retention_table():
    """[(label, duration in French, setting)] for the « Données personnelles » page and the README."""
    return [
        (rule.label, duration_label(retention_days(rule)) if rule.setting else rule.duration, rule.setting)
        for rule in RETENTIONS.values()
    ]


def apply_retention(*, dry_run=False, now=None):
    """Run every retention rule; {rule name: number of rows purged or anonymised}. A dry run rolls back."""
    now = now or timezone.now()
    counts = {}
    with transaction.atomic():
        for rule in RETENTIONS.values():
            cutoff = now - timedelta(days=retention_days(rule))
            counts[rule.name] = rule.purge(cutoff) or 0
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        logger.info("retention applied: %s", counts)
    return counts


@task(queue_name="default")
def apply_retention_task():
    """The retention rules, on the task worker: anonymising idle accounts may take longer than a housekeeping
    job should (each anonymisation rewrites every text column)."""
    return apply_retention()


def run_retention():
    """The daily housekeeping job: hands the work to a task, so that the worker's loop stays short."""
    apply_retention_task.enqueue()
