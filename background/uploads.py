"""Storing uploads with their row, the same way in every app, so that a failure leaves nothing behind.

Files go through Django's storage API only (settings.STORAGES["default"]: MEDIA_ROOT through
background.storage.LocalStorage, or an S3 bucket), never a local path, so that every web server and worker sees
them; downloads go through the permission-checked views (solidarites.lib.downloads).
"""

import errno
import logging
import threading
from contextlib import contextmanager

from django.db import transaction

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
