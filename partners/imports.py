"""Reading a partner list (CSV, XLSX, ODS) and checking it row by row before anything is written.

A row describes a structure and, optionally, one of its interlocutors. Structures match existing ones on
their normalised name and type, interlocutors on their e-mail: importing the same file twice creates nothing.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from defusedxml.ElementTree import iterparse
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models.functions import Lower
from openpyxl import load_workbook

from partners.models import Axis, Contact, Neighbourhood, Organisation, OrganisationType, Unaccent, normalise
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
    "axes": ("Axes (codes)", ["axes", "axes d'intervention", "axe"]),
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


def read_table(file_name, content):
    """(headers, rows) of the file's first sheet; ImportFileError with a French message when unreadable."""
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if extension not in EXTENSIONS:
        raise ImportFileError("Format non pris en charge : choisissez un fichier CSV, XLSX ou ODS.")
    if not content:
        raise ImportFileError("Le fichier est vide.")
    if len(content) > MAX_BYTES:
        raise ImportFileError("Le fichier dépasse la taille maximale de 2 Mo : découpez-le en plusieurs fichiers.")
    rows = _read_csv(content) if extension == "csv" else _read_sheet(content, extension)
    rows = _capped(rows)
    if not rows:
        raise ImportFileError("Le fichier ne contient aucune ligne.")
    headers = rows[0]
    if not any(guess_target(header) for header in headers):
        raise ImportFileError(
            "La première ligne ne contient aucun en-tête reconnu. Elle doit nommer les colonnes, par exemple "
            "« Structure », « Type », « Prénom », « Nom »."
        )
    if len(rows) == 1:
        raise ImportFileError("Le fichier ne contient que la ligne d'en-tête : aucune structure à importer.")
    return headers, rows[1:]


def batch_table(batch):
    """(headers, rows) of an uploaded batch, as read on upload (older batches: read again)."""
    if batch.table:
        return batch.table[0], batch.table[1:]
    return read_table(batch.file_name, bytes(batch.content))


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "Le fichier n'est pas encodé en UTF-8. Dans Excel, choisissez « Enregistrer sous » puis "
            "« CSV UTF-8 (délimité par des virgules) » ; dans LibreOffice, le jeu de caractères « Unicode (UTF-8) »."
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def _capped(rows):
    """The non-empty rows as text, trailing empty cells trimmed (the true dimension, whatever the file declares);
    ImportFileError as soon as a cap is passed, so nothing bigger is ever held."""
    kept, cells = [], 0
    for raw in rows:
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
        kept.append(row)
        if len(kept) > MAX_ROWS + 1 or cells > MAX_CELLS:
            raise ImportFileError(
                f"Le fichier compte plus de {MAX_ROWS:,} lignes ou {MAX_CELLS:,} cellules : découpez-le en "
                "plusieurs fichiers.".replace(",", "\u202f")
            )
    width = max((len(row) for row in kept), default=0)
    return [row + [""] * (width - len(row)) for row in kept]


def _read_sheet(content, extension):
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(item.file_size for item in archive.infolist()) > MAX_INFLATED_BYTES:
            raise ImportFileError(
                "Le classeur est trop volumineux une fois décompressé : découpez-le en plusieurs fichiers."
            )
        return _capped(_xlsx_rows(content) if extension == "xlsx" else _ods_rows(archive))
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
    """The rows of the first sheet, read as a stream; repeated rows and cells are expanded within the caps."""
    parents = []
    with archive.open("content.xml") as source:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            if element.tag == ODS_TABLE + "table-row":
                row = _ods_row(element)
                if any(row):
                    repeat = int(element.get(ODS_TABLE + "number-rows-repeated", "1"))
                    yield from [row] * min(repeat, MAX_ROWS + 2)
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
    words = normalise(header)
    return next((target for target, (_, aliases) in TARGETS.items() if words in aliases), None)


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

    def error(self, target, message):
        self.errors.append((TARGETS[target][0], message))


class Analysis:
    """Check every row against the file itself and the database, without writing anything."""

    def __init__(self, rows, mapping):
        self.mapping = {target: int(index) for target, index in mapping.items() if index not in (None, "")}
        self._load_reference_data()
        self.results = [self._check(number, row) for number, row in enumerate(rows, start=2)]
        self._check_parents()

    def _load_reference_data(self):
        self.types = {}
        for kind in OrganisationType.objects.all():
            self.types[normalise(kind.label)] = self.types[normalise(kind.code)] = kind
        self.axes = {axis.code.upper(): axis for axis in Axis.objects.all()}
        self.neighbourhoods = {normalise(place.name): place for place in Neighbourhood.objects.all()}
        organisations = Organisation.objects.filter(merged_into=None).annotate(normalised=Lower(Unaccent("name")))
        self.organisations = {(org.normalised, org.type_id): org for org in organisations}
        self.organisation_names = {org.normalised for org in organisations}
        self.contacts, self.contacts_by_name = {}, {}
        for contact in Contact.objects.all():
            if contact.email:
                self.contacts[contact.email.lower()] = contact
            name = normalise(f"{contact.first_name} {contact.last_name}")
            self.contacts_by_name[(name, contact.organisation_id)] = contact
        self.seen_organisations, self.seen_emails = {}, set()

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
        result.axis_ids = self._codes(result, "axes", self.value(row, "axes"), self.axes, str.upper)
        result.neighbourhood_ids = self._codes(
            result, "neighbourhoods", self.value(row, "neighbourhoods"), self.neighbourhoods, normalise
        )
        result.parent_name = self.value(row, "parent")
        result.organisation = data
        self._check_contact(result, row)
        if not result.errors:
            self._decide_organisation(result)
        return result

    def _check_type(self, result, raw):
        kind = self.types.get(normalise(raw))
        if kind is None:
            message = f"Type inconnu : « {raw} »." if raw else "Le type de structure est obligatoire."
            result.error(
                "type",
                message
                + " Types possibles : "
                + ", ".join(sorted({kind.label for kind in self.types.values()}))
                + ".",
            )
        else:
            result.type_id = kind.pk

    def _check_formats(self, result, data):
        if data["website"] and ":" not in data["website"]:
            data["website"] = "https://" + data["website"]  # « www.ville.fr », as the edit form does
        for name, value in data.items():
            check_cell(result, name, Organisation._meta.get_field(name), value)

    def _codes(self, result, target, raw, known, key):
        found = []
        for code in filter(None, (part.strip() for part in raw.replace(";", ",").split(","))):
            item = known.get(key(code))
            if item is None:
                result.error(target, f"Valeur inconnue : « {code} ».")
            else:
                found.append(item.pk)
        return found

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
        key = (normalise(result.name), result.type_id)
        existing = self.organisations.get(key)
        if key in self.seen_organisations:
            result.organisation_action = "same"  # already handled by an earlier row of the file
        elif existing is None:
            result.organisation_action = "create"
        else:
            result.changes = [
                name for name, value in result.organisation.items() if value and getattr(existing, name) != value
            ]
            result.organisation_action = "update" if result.changes else "same"
        self.seen_organisations.setdefault(key, result)
        if result.contact:
            known = self.known_contact(result.contact, existing)
            if known is None:
                result.contact_action = "create"
            elif any(value and getattr(known, name) != value for name, value in result.contact.items()):
                result.contact_action = "update"
            else:
                result.contact_action = "same"

    def known_contact(self, data, organisation):
        """The interlocutor this row describes: same e-mail, or without e-mail same name in the same structure."""
        if data["email"]:
            return self.contacts.get(data["email"])
        if organisation is None:
            return None
        return self.contacts_by_name.get((normalise(f"{data['first_name']} {data['last_name']}"), organisation.pk))

    def _check_parents(self):
        names = self.organisation_names | {normalise(result.name) for result in self.results}
        for result in self.results:
            if result.parent_name and normalise(result.parent_name) not in names:
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
