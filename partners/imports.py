"""Reading a partner list (CSV, XLSX, ODS) and checking it row by row before anything is written.

A row describes a structure and, optionally, one of its interlocutors. Structures match existing ones on
their normalised name and type, interlocutors on their e-mail: importing the same file twice creates nothing.
"""

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import connection
from django.db.models.functions import Lower
from openpyxl import load_workbook

from partners.matching import NameIndex, Vocabulary, axis_names, fold, split_list, type_names
from partners.models import (
    Axis,
    Contact,
    ImportedName,
    Neighbourhood,
    Organisation,
    OrganisationType,
    Unaccent,
    normalise,
)
from partners.validators import PHONE_VALIDATOR

MAX_BYTES = 2 * 1024 * 1024
EXTENSIONS = ("csv", "xlsx", "ods")
# Caps checked while reading, before anything is kept: a 2 MB file may still declare 16,384 columns, repeat a
# row a million times or inflate to gigabytes.
MAX_ROWS = 5000  # rows of data, the header not counted
MAX_COLUMNS = 60
MAX_CELLS = 150_000
MAX_INFLATED_BYTES = 20 * 1024 * 1024  # what the members of an XLSX or ODS zip declare once decompressed
ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


class ImportFileError(Exception):
    """The file cannot be read at all; the message is shown to the user as it is."""


# target -> (label, header aliases), in the order of the mapping form
TARGETS = {
    "name": ("Structure (nom)", ["structure", "nom de la structure", "organisme", "raison sociale"]),
    "acronym": ("Sigle", ["sigle", "acronyme"]),
    "type": ("Type de structure", ["type", "type de structure", "categorie"]),
    "parent": ("Structure de rattachement", ["structure de rattachement", "structure parente", "rattachement"]),
    "address": ("Adresse", ["adresse", "adresse postale"]),
    "postal_code": ("Code postal", ["code postal", "cp"]),
    "city": ("Commune", ["commune", "ville"]),
    "phone": ("Téléphone de la structure", ["telephone", "tel", "telephone structure"]),
    "email": ("E-mail de la structure", ["e-mail", "email", "courriel", "e-mail structure", "mail"]),
    "website": ("Site internet", ["site internet", "site web", "site"]),
    "missions": ("Missions", ["missions", "mission"]),
    "axes": ("Axes (codes ou intitulés)", ["axes", "axes d'intervention", "axe"]),
    "neighbourhoods": ("Quartiers", ["quartiers", "quartier", "quartiers d'intervention"]),
    "contact_civility": ("Civilité", ["civilite"]),
    "contact_first_name": ("Prénom de l'interlocuteur", ["prenom", "prenom interlocuteur"]),
    "contact_last_name": ("Nom de l'interlocuteur", ["nom", "nom interlocuteur", "nom du contact"]),
    "contact_function": ("Fonction", ["fonction", "poste"]),
    "contact_email": (
        "E-mail de l'interlocuteur",
        ["e-mail interlocuteur", "email interlocuteur", "courriel interlocuteur", "e-mail contact"],
    ),
    "contact_phone": (
        "Téléphone de l'interlocuteur",
        ["telephone interlocuteur", "tel interlocuteur", "telephone contact"],
    ),
    "contact_primary": ("Interlocuteur principal (oui/non)", ["interlocuteur principal", "principal"]),
}
ORGANISATION_FIELDS = ["name", "acronym", "address", "postal_code", "city", "phone", "email", "website", "missions"]
CONTACT_FIELDS = ["civility", "first_name", "last_name", "function", "email", "phone", "is_primary"]
YES = {"oui", "o", "yes", "x", "1", "vrai"}


@dataclass
class Table:
    """A partner list as read: the header row, the data rows with their line numbers in the file, and how it was
    read (encoding and separator of a CSV, the lines left out and why)."""

    headers: list
    rows: list
    numbers: list
    encoding: str = ""
    separator: str = ""
    notes: list = field(default_factory=list)

    def reading(self):
        """What ImportBatch.reading keeps (the rows themselves go to ImportBatch.table)."""
        return {"encoding": self.encoding, "separator": self.separator, "notes": self.notes, "numbers": self.numbers}


def read_table(file_name, content):
    """(headers, rows) of the file's first sheet; ImportFileError with a French message when unreadable."""
    table = read_file(file_name, content)
    return table.headers, table.rows


def read_file(file_name, content):
    """The Table of the file's first sheet: encoding and separator found without asking, title lines above the
    header, blank lines and « Total » lines after the data left out with a note; ImportFileError when unreadable."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in EXTENSIONS:
        raise ImportFileError("Format non pris en charge : choisissez un fichier CSV, XLSX ou ODS.")
    if not content:
        raise ImportFileError("Le fichier est vide.")
    if len(content) > MAX_BYTES:
        raise ImportFileError("Le fichier dépasse la taille maximale de 2 Mo : découpez-le en plusieurs fichiers.")
    encoding = separator = ""
    if extension == "csv":
        text, encoding = decode(content)
        delimiter = guess_delimiter(text)
        separator = SEPARATORS[delimiter]
        rows = _capped(_numbered(csv.reader(io.StringIO(text), delimiter=delimiter)))
    else:
        rows = _read_sheet(content, extension)
    if not rows:
        raise ImportFileError("Le fichier ne contient aucune ligne.")
    table = _frame(rows)
    table.encoding, table.separator = encoding, separator
    return table


def batch_table(batch):
    """(headers, rows) of an uploaded batch, as read on upload (older batches: read again)."""
    if batch.table:
        return batch.table[0], batch.table[1:]
    return read_table(batch.file_name, bytes(batch.content))


def batch_reading(batch):
    """The Table of an uploaded batch, as read on upload (older batches: read again)."""
    if not batch.table:
        return read_file(batch.file_name, bytes(batch.content))
    reading = batch.reading or {}
    rows = batch.table[1:]
    return Table(
        headers=batch.table[0],
        rows=rows,
        numbers=reading.get("numbers") or list(range(2, len(rows) + 2)),
        encoding=reading.get("encoding", ""),
        separator=reading.get("separator", ""),
        notes=reading.get("notes", []),
    )


# Encodings tried in turn: UTF-8 (strictly), then what French Excel writes (Windows-1252); ISO-8859-15 when the file
# has its euro sign or œ and none of the bytes Windows-1252 uses for them.
LATIN9_ONLY = set(b"\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe")
WINDOWS_ONLY = set(range(0x80, 0xA0))
SEPARATORS = {";": "point-virgule", ",": "virgule", "\t": "tabulation"}


def decode(content):
    """(text, the encoding's name as the preview shows it)."""
    if content.startswith(codecs.BOM_UTF8):
        try:
            return content[3:].decode("utf-8"), "UTF-8 avec BOM"
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    present = set(content)
    if present & LATIN9_ONLY and not present & WINDOWS_ONLY:
        return content.decode("iso-8859-15"), "ISO-8859-15"
    try:
        return content.decode("cp1252"), "Windows-1252 (Excel)"
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
        return content.decode("iso-8859-15"), "ISO-8859-15"


def guess_delimiter(text):
    """« ; », « , » or a tab: the one that splits the first lines into the most columns, most often."""
    sample = [line for line in text[:65536].splitlines()[:50] if line.strip()]

    def score(delimiter):
        counts = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter) if len(row) > 1)
        if not counts:
            return (0, 0)
        width, times = max(counts.items(), key=lambda item: (item[1], item[0]))
        return (width, times)

    return max(SEPARATORS, key=score)  # max keeps the first of equals: « ; » as French Excel writes


def _numbered(rows):
    """(line number, row) of each row of a reader, counted as a spreadsheet counts them (from 1)."""
    return enumerate(rows, start=1)


TOTAL = re.compile(r"^(sous )?(total|totaux)\b")


def _is_total(row):
    """A line of totals: its first filled cell says « Total » (« TOTAL », « Sous-total : »…), or it holds only
    numbers (the sums of a column, under an empty name)."""
    filled = [cell for cell in row if cell]
    return bool(TOTAL.match(fold(filled[0]))) or all(re.fullmatch(r"[\d\s.,]+", cell) for cell in filled)


def _frame(rows):
    """Find the header among the first lines (the one naming the most known columns), leave out the lines above it
    (titles) and the blank and « Total » lines after the data, with a note for each."""
    scores = [sum(1 for cell in row if guess_target(cell)) for _, row in rows[:10]]
    if not any(scores):
        raise ImportFileError(
            "Le fichier ne contient aucun en-tête reconnu dans ses premières lignes. Une ligne doit nommer les "
            "colonnes, par exemple « Structure », « Type », « Prénom », « Nom »."
        )
    start = scores.index(max(scores))
    notes = []
    for number, row in rows[:start]:
        filled = sum(1 for cell in row if cell)
        notes.append(f"Ligne {number} ignorée : {'titre' if filled == 1 else 'au-dessus de l’en-tête'}")
    header_number, headers = rows[start]
    data = rows[start + 1 :]
    end = len(data)
    while end and _is_total(data[end - 1][1]):
        end -= 1
    totals, data = data[end:], data[:end]
    if not data:
        raise ImportFileError("Le fichier ne contient que la ligne d'en-tête : aucune structure à importer.")
    previous = header_number
    for number, _ in [*data, *totals]:
        if number - previous == 2:
            notes.append(f"Ligne {previous + 1} ignorée : vide")
        elif number - previous > 2:
            notes.append(f"Lignes {previous + 1} à {number - 1} ignorées : vides")
        previous = number
    notes += [f"Ligne {number} ignorée : total" for number, _ in totals]
    notes.sort(key=lambda note: int(note.split()[1]))
    return Table(headers=headers, rows=[row for _, row in data], numbers=[number for number, _ in data], notes=notes)


def _capped(rows):
    """The non-empty (line number, row) pairs, rows as text, trailing empty cells trimmed (the true dimension,
    whatever the file declares); ImportFileError as soon as a cap is passed, so nothing bigger is ever held."""
    kept, cells = [], 0
    for number, raw in rows:
        row = [_cell(value) for value in raw]
        while row and not row[-1]:
            row.pop()
        if not row:
            continue
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(
                f"Une ligne du fichier compte {len(row)} colonnes : {MAX_COLUMNS} au plus. Supprimez les colonnes "
                "inutiles, puis déposez-le de nouveau."
            )
        cells += len(row)
        kept.append((number, row))
        if len(kept) > MAX_ROWS + 1 or cells > MAX_CELLS:
            raise ImportFileError(
                f"Le fichier compte plus de {MAX_ROWS:,} lignes ou {MAX_CELLS:,} cellules : découpez-le en "
                "plusieurs fichiers.".replace(",", "\u202f")
            )
    width = max((len(row) for _, row in kept), default=0)
    return [(number, row + [""] * (width - len(row))) for number, row in kept]


def _read_sheet(content, extension):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(item.file_size for item in archive.infolist()) > MAX_INFLATED_BYTES:
            raise ImportFileError(
                "Le classeur est trop volumineux une fois décompressé : découpez-le en plusieurs fichiers."
            )
        return _capped(_numbered(_xlsx_rows(content)) if extension == "xlsx" else _ods_rows(archive))
    except ImportFileError:
        raise
    except Exception:  # zipfile, openpyxl and the XML parser raise many kinds of errors on a damaged file
        raise ImportFileError(f"Le fichier n'a pas pu être lu comme un classeur {extension.upper()}.") from None


def _xlsx_rows(content):
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the dimension the file declares is not believed (A1:XFD1048576…)
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _ods_rows(archive):
    """(line number, row) of the first sheet, read as a stream; repeated rows and cells are expanded within the
    caps, repeated empty rows only counted."""
    parents, number = [], 0
    with archive.open("content.xml") as source:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            if element.tag == ODS_TABLE + "table-row":
                row = _ods_row(element)
                repeat = int(element.get(ODS_TABLE + "number-rows-repeated", "1"))
                if any(row):
                    yield from ((number + offset, row) for offset in range(1, min(repeat, MAX_ROWS + 2) + 1))
                number += repeat
                parents[-1].remove(element)  # read: a million empty rows never pile up in memory
            elif element.tag == ODS_TABLE + "table":
                return  # the first sheet only


def _ods_row(element):
    cells, position = [], 0
    for cell in element:
        if cell.tag not in (ODS_TABLE + "table-cell", ODS_TABLE + "covered-table-cell"):
            continue
        value = _ods_value(cell)
        repeat = int(cell.get(ODS_TABLE + "number-columns-repeated", "1"))
        if value and position + repeat > MAX_COLUMNS:
            return [*cells, *[""] * (MAX_COLUMNS - len(cells)), value]  # one column too many: refused by _capped
        if value or position + repeat <= MAX_COLUMNS:
            cells += [value] * min(repeat, MAX_COLUMNS - position)
        position += repeat
    return cells


def _ods_value(cell):
    kind = cell.get(ODS_OFFICE + "value-type", "")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(ODS_OFFICE + "value"))
    if kind == "date":
        return cell.get(ODS_OFFICE + "date-value", "")
    return "\n".join(_ods_text(paragraph) for paragraph in cell.findall(ODS_TEXT + "p"))  # not the comments


def _ods_text(node):
    """The text of a paragraph, its spans included and its spacing elements (text:s, tab, line-break) as spaces."""
    parts = [node.text or ""]
    for child in node:
        spacing = child.tag in (ODS_TEXT + "s", ODS_TEXT + "tab", ODS_TEXT + "line-break")
        parts += [" " if spacing else _ods_text(child), child.tail or ""]
    return "".join(parts)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def guess_target(header):
    """The field a column header names (« Axes d’intervention : » is « axes »), or None."""
    words = fold(header)
    return next((target for target, (_, aliases) in TARGETS.items() if words in map(fold, aliases)), None)


def guess_mapping(headers):
    """target -> column index, from the French headers; each column is used once."""
    mapping = {}
    for index, header in enumerate(headers):
        target = guess_target(header)
        if target and target not in mapping:
            mapping[target] = index
    return mapping


# Checks the model does not carry (the edit forms add them too).
EXTRA_VALIDATORS = {"phone": [PHONE_VALIDATOR]}


def check_cell(result, target, model_field, value):
    """The validators of the model field (length, e-mail, website…) on one non-empty cell: one French message."""
    if not value:
        return
    messages = []
    validators = [*model_field.validators, *EXTRA_VALIDATORS.get(model_field.name, [])]
    if model_field.max_length:  # a TextField's max_length is not among its validators
        validators.append(MaxLengthValidator(model_field.max_length))
    for validator in validators:
        try:
            validator(value)
        except ValidationError as error:
            messages += error.messages
    if messages:
        result.error(target, " ".join(dict.fromkeys(messages)))


@dataclass
class RowResult:
    number: int  # as in a spreadsheet: the header is line 1
    name: str = ""
    organisation_action: str = ""  # "create", "update", "same" or "" (error)
    contact_action: str = ""
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (column label, message)
    organisation: dict = field(default_factory=dict)
    contact: dict = field(default_factory=dict)
    type_id: int | None = None
    parent_name: str = ""
    axis_ids: list = field(default_factory=list)
    neighbourhood_ids: list = field(default_factory=list)
    # Probable duplicates: (choice value, label) of each structure this row could be merged with (« org-12 »: one of
    # the directory, « row-4 »: the one of an earlier row); the coordinator picks one or « créer quand même ».
    duplicates: list = field(default_factory=list)
    grouped_with: int | None = None  # the earlier row naming the same structure, its name written otherwise
    merged_before: str = ""  # the structure this name was merged into by an earlier import (ImportedName)

    def error(self, target, message):
        self.errors.append((TARGETS[target][0], message))


def database_keys(names):
    """{name: lower(f_unaccent(name))}, as the unique constraint on structures compares names; one query."""
    names = sorted(name for name in names if name)
    if not names:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, lower(f_unaccent(name)) FROM unnest(%s::text[]) AS name", [names])
        return dict(cursor.fetchall())


class Analysis:
    """Check every row against the file itself and the database, without writing anything."""

    def __init__(self, rows, mapping, numbers=None):
        self.mapping = {target: int(index) for target, index in mapping.items() if index not in (None, "")}
        self._load_reference_data()
        self.keys = database_keys({self.value(row, target) for row in rows for target in ("name", "parent")})
        numbers = numbers or range(2, len(rows) + 2)
        self.results = [self._check(number, row) for number, row in zip(numbers, rows, strict=True)]
        self._check_parents()

    def _load_reference_data(self):
        self.types = Vocabulary(OrganisationType.objects.all(), type_names)
        self.axes = Vocabulary(Axis.objects.all(), axis_names)
        self.neighbourhoods = Vocabulary(Neighbourhood.objects.all(), lambda place: [place.name])
        organisations = (
            Organisation.objects.filter(merged_into=None)
            .select_related("type")
            .annotate(normalised=Lower(Unaccent("name")))
        )
        self.organisations = {(org.normalised, org.type_id): org for org in organisations}
        self.organisation_names = {org.normalised for org in organisations}
        self.by_pk, self.directory, self.in_file = {}, NameIndex(), NameIndex()
        for org in self.organisations.values():
            self.by_pk[org.pk] = org
            self.directory.add(org.name, f"org-{org.pk}")
        names = ImportedName.objects.filter(organisation__merged_into=None).annotate(
            normalised=Lower(Unaccent("name"))
        )
        # The same instances as above: a structure reached by its name and by a merged one is changed once.
        self.imported = {(item.normalised, item.type_id): self.by_pk[item.organisation_id] for item in names}
        self.contacts, self.contacts_by_name = {}, {}
        for contact in Contact.objects.all():
            if contact.email:
                self.contacts[contact.email.lower()] = contact
            name = normalise(f"{contact.first_name} {contact.last_name}")
            self.contacts_by_name[(name, contact.organisation_id)] = contact
        self.seen_organisations, self.seen_emails, self.by_number = {}, set(), {}

    def value(self, row, target):
        index = self.mapping.get(target)
        return row[index].strip() if index is not None and index < len(row) else ""

    def _check(self, number, row):
        result = RowResult(number=number)
        data = {name: self.value(row, name) for name in ORGANISATION_FIELDS}
        result.name = data["name"]
        if not data["name"]:
            result.error("name", "Le nom de la structure est obligatoire.")
        self._check_type(result, self.value(row, "type"))
        self._check_formats(result, data)
        result.axis_ids = self._codes(result, "axes", self.value(row, "axes"), self.axes)
        result.neighbourhood_ids = self._codes(
            result, "neighbourhoods", self.value(row, "neighbourhoods"), self.neighbourhoods
        )
        result.parent_name = self.value(row, "parent")
        result.organisation = data
        self._check_contact(result, row)
        if not result.errors:
            self._decide_organisation(result)
        return result

    def _check_type(self, result, raw):
        kind, could_be = self.types.find(raw)
        if kind is not None:
            result.type_id = kind.pk
        elif could_be:
            labels = " ; ".join(item.label for item in could_be)
            result.error("type", f"« {raw} » peut désigner plusieurs types : {labels}. Précisez le type.")
        else:
            message = f"Type inconnu : « {raw} »." if raw else "Le type de structure est obligatoire."
            labels = ", ".join(sorted(item.label for item in self.types.items))
            result.error("type", f"{message} Types possibles : {labels}.")

    def _check_formats(self, result, data):
        if data["website"] and ":" not in data["website"]:
            data["website"] = "https://" + data["website"]  # « www.ville.fr », as the edit form does
        for name, value in data.items():
            check_cell(result, name, Organisation._meta.get_field(name), value)

    def _codes(self, result, target, raw, vocabulary):
        found = []
        for code in split_list(raw):
            item, could_be = vocabulary.find(code)
            if item is not None:
                found.append(item.pk)
            elif could_be:
                names = " ; ".join(str(other) for other in could_be)
                result.error(target, f"« {code} » peut désigner plusieurs valeurs : {names}. Précisez.")
            else:
                result.error(target, f"Valeur inconnue : « {code} ».")
        return list(dict.fromkeys(found))

    def _check_contact(self, result, row):
        data = {name: self.value(row, f"contact_{name}") for name in CONTACT_FIELDS if name != "is_primary"}
        if not any(data.values()):
            return
        data["is_primary"] = normalise(self.value(row, "contact_primary")) in YES
        data["civility"] = {"mme": "Mme", "madame": "Mme", "m.": "M.", "m": "M.", "monsieur": "M."}.get(
            normalise(data["civility"]), ""
        )
        for target in ("contact_first_name", "contact_last_name"):
            if not data[target.removeprefix("contact_")]:
                result.error(target, "Obligatoire pour un interlocuteur.")
        email = data["email"] = data["email"].lower()
        for name in ("first_name", "last_name", "function", "email", "phone"):
            check_cell(result, f"contact_{name}", Contact._meta.get_field(name), data[name])
        if email:
            if email in self.seen_emails:
                result.error("contact_email", "Cette adresse figure déjà plus haut dans le fichier.")
            self.seen_emails.add(email)
        result.contact = data

    def _decide_organisation(self, result):
        key = (self.key(result.name), result.type_id)
        existing = self.existing(key)
        if key in self.seen_organisations:
            result.organisation_action = "same"  # already handled by an earlier row of the file
        elif existing is None:
            result.organisation_action = "create"
        else:
            if key not in self.organisations:  # merged into another by an earlier import: only fills its blanks
                result.merged_before = existing.name
                result.changes = [
                    name for name, value in result.organisation.items() if value and not getattr(existing, name)
                ]
            else:
                result.changes = [
                    name for name, value in result.organisation.items() if value and getattr(existing, name) != value
                ]
            result.organisation_action = "update" if result.changes else "same"
        first = self.seen_organisations.setdefault(key, result)
        if first is not result and first.name != result.name:
            result.grouped_with = first.number
        if result.organisation_action == "create" and first is result:
            self._find_duplicates(result)
        if result.contact:
            known = self.known_contact(result.contact, existing)
            if known is None:
                result.contact_action = "create"
            elif any(value and getattr(known, name) != value for name, value in result.contact.items()):
                result.contact_action = "update"
            else:
                result.contact_action = "same"

    def _find_duplicates(self, result):
        """The structures of the directory and of the earlier rows whose name is close to this new one's."""
        for value in self.directory.similar(result.name):
            org = self.by_pk[int(value.removeprefix("org-"))]
            result.duplicates.append((value, f"Fusionner avec « {org.name} » ({org.type}, déjà dans l'annuaire)"))
        for value in self.in_file.similar(result.name):
            earlier = self.by_number[int(value.removeprefix("row-"))]
            result.duplicates.append((value, f"Fusionner avec « {earlier.name} » (ligne {earlier.number})"))
        self.in_file.add(result.name, f"row-{result.number}")
        self.by_number[result.number] = result

    def key(self, name):
        """A structure's name as the database compares it (lower(f_unaccent()): « – » is « - » there, and more)."""
        return self.keys.get(name) or normalise(name)

    def existing(self, key):
        """The structure of the directory a (normalised name, type) stands for: its own, or one it was merged into."""
        return self.organisations.get(key) or self.imported.get(key)

    @property
    def duplicates(self):
        """The rows flagged as probable duplicates, each waiting for a choice."""
        return [result for result in self.results if result.duplicates and not result.errors]

    def known_contact(self, data, organisation):
        """The interlocutor this row describes: same e-mail, or without e-mail same name in the same structure."""
        if data["email"]:
            return self.contacts.get(data["email"])
        if organisation is None:
            return None
        return self.contacts_by_name.get((normalise(f"{data['first_name']} {data['last_name']}"), organisation.pk))

    def _check_parents(self):
        names = self.organisation_names | {name for name, _ in self.imported}
        names |= {self.key(result.name) for result in self.results}
        for result in self.results:
            if result.parent_name and self.key(result.parent_name) not in names:
                result.error("parent", f"Structure de rattachement introuvable : « {result.parent_name} ».")
                result.organisation_action = result.contact_action = ""

    @property
    def rows_with_errors(self):
        return [result for result in self.results if result.errors]

    def count(self, action):
        return sum(1 for result in self.results if result.organisation_action == action)

    def count_contacts(self, action):
        return sum(1 for result in self.results if result.contact_action == action)

    def summary(self):
        """What the import would do: structures created, updated, unchanged; interlocutors created, updated."""
        counts = {action: self.count(action) for action in ("create", "update", "same")}
        counts.update(contacts_create=self.count_contacts("create"), contacts_update=self.count_contacts("update"))
        return counts
