"""Uploaded documents, the same way in every app: checking them (extension, size, content), and storing them
with their row so that a failure leaves nothing behind.

Files go through Django's storage API only (settings.STORAGES["default"]: MEDIA_ROOT or an S3 bucket), never a
local path, so that every web server and worker sees them.
"""

import errno
import logging
import threading
from contextlib import contextmanager

from django import forms
from django.db import transaction
from django.utils import formats

logger = logging.getLogger(__name__)
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NO_SPACE_MESSAGE = (
    "Le serveur n'a plus assez de place pour enregistrer ce fichier : rien n'a été enregistré. "
    "Réessayez plus tard ou prévenez l'administrateur du portail."
)
NOT_STORED_MESSAGE = (
    "Le fichier n'a pas pu être enregistré (stockage indisponible) : rien n'a été enregistré. Réessayez plus tard."
)
_blocks = threading.local()

# extension -> how the file starts (b"" when the format has no signature)
OFFICE_AND_IMAGES = {
    "pdf": b"%PDF",
    "odt": b"PK",
    "ods": b"PK",
    "odp": b"PK",
    "docx": b"PK",
    "xlsx": b"PK",
    "pptx": b"PK",
    "png": b"\x89PNG",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
MAX_BYTES = 10 * 1024 * 1024


def accept_attribute(types):
    return ",".join(f".{extension}" for extension in types)


def check_upload(upload, types, max_bytes=MAX_BYTES):
    """Refuse, with a French message, an unknown extension, a file over `max_bytes`, or content that does
    not match its extension. Returns the upload, rewound."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in types:
        names = ", ".join(name.upper() for name in types if name != "jpeg")
        raise forms.ValidationError(f"Format non accepté (« .{extension or '?'} »). Formats acceptés : {names}.")
    if upload.size > max_bytes:
        size = formats.number_format(upload.size / 1024 / 1024, decimal_pos=1)
        limit = max_bytes // (1024 * 1024)
        raise forms.ValidationError(f"Le fichier pèse {size} Mo : la taille maximale est de {limit} Mo.")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(types[extension]):
        raise forms.ValidationError(f"Le contenu du fichier ne correspond pas à son extension « .{extension} ».")
    return upload


class UploadNotSaved(Exception):
    """The storage refused a file (disk full, store unreachable): nothing of the change was saved. `message` is
    French, for the form field the file came from."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def stored_with_row(fieldfile):
    """Inside `saving_files()`: `fieldfile` (a new upload, not yet written) is removed from the storage again if the
    block does not commit. Call it before the row's save(), which writes the file."""
    stack = getattr(_blocks, "stack", None)
    if stack and not fieldfile._committed:
        stack[-1].append(fieldfile)


@contextmanager
def saving_files():
    """transaction.atomic() for a service that stores new files with its rows (usable as a decorator).

    When the block fails (the disk full half-way, the row refused, any error), the files it wrote (those passed to
    `stored_with_row`) are removed from the storage and nothing is saved; a storage error (OSError) becomes
    UploadNotSaved with a French message. A file left behind by a killed process, or by the rollback of an outer
    transaction, has no row pointing to it: the background job « uploads.orphans » removes it after an hour."""
    stack = _blocks.__dict__.setdefault("stack", [])
    written = []
    stack.append(written)
    try:
        with transaction.atomic():
            yield
    except BaseException as error:
        for fieldfile in written:
            if fieldfile._committed and fieldfile.name:
                fieldfile.storage.delete(fieldfile.name)
        if isinstance(error, OSError):
            logger.error("upload not stored: %s", error)
            raise UploadNotSaved(NO_SPACE_MESSAGE if error.errno in NO_SPACE else NOT_STORED_MESSAGE) from error
        raise
    finally:
        stack.pop()
