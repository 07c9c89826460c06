"""Storing uploads with their row, the same way in every app, so that a failure leaves nothing behind; refusing a
body over the limit before it is read (RequestSizeLimitMiddleware for an announced length, SizeLimitUploadHandler
for a body longer than announced or sent without its length).

Files go through Django's storage API only (settings.STORAGES["default"]: MEDIA_ROOT through
background.storage.LocalStorage, or an S3 bucket), never a local path, so that every web server and worker sees
them; downloads go through the permission-checked views (solidarites.lib.downloads).
"""

import errno
import logging
import threading
from contextlib import contextmanager

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.http import HttpResponse
from django.template import loader

from solidarites.lib.uploads import MAX_BYTES

logger = logging.getLogger(__name__)
security = logging.getLogger("solidarites.security")
# The largest body a form may send: the largest file accepted (MAX_BYTES) plus the form's other fields.
MAX_REQUEST_BYTES = MAX_BYTES + 1024 * 1024
NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
NO_SPACE_MESSAGE = (
    "Le serveur n'a plus assez de place pour enregistrer ce fichier : rien n'a été enregistré. "
    "Réessayez plus tard ou prévenez l'administrateur du portail."
)
NOT_STORED_MESSAGE = (
    "Le fichier n'a pas pu être enregistré (stockage indisponible) : rien n'a été enregistré. Réessayez plus tard."
)
_blocks = threading.local()
_uncommitted = threading.local()  # files whose block committed inside a caller's transaction, not yet confirmed


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
    UploadNotSaved with a French message. Inside an enclosing saving_files() the files are handed to it; inside a
    caller's own transaction they are checked when the request ends (remove_uncommitted: no row, no file). A file
    left behind by a killed process has no row pointing to it: the job « uploads.orphans » removes it after an
    hour."""
    stack = _blocks.__dict__.setdefault("stack", [])
    parent = stack[-1] if stack else None
    nested = _in_callers_transaction()
    written = []
    stack.append(written)
    try:
        with transaction.atomic():
            yield
    except BaseException as error:
        _delete(written)
        if isinstance(error, OSError):
            logger.error("upload not stored: %s", error)
            raise UploadNotSaved(NO_SPACE_MESSAGE if error.errno in NO_SPACE else NOT_STORED_MESSAGE) from error
        raise
    finally:
        stack.pop()
    if parent is not None:
        parent.extend(written)  # the enclosing saving_files() removes them if it fails
    elif nested:
        _uncommitted.__dict__.setdefault("files", []).extend(written)  # checked when the request ends


def _delete(fieldfiles):
    for fieldfile in fieldfiles:
        if fieldfile._committed and fieldfile.name:
            fieldfile.storage.delete(fieldfile.name)


def _in_callers_transaction():
    """Inside an atomic block that is not a test's own (whose commit the block cannot see)."""
    blocks = transaction.get_connection().atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def remove_uncommitted(**kwargs):
    """At the end of each request (request_finished): a file written inside a caller's transaction whose row is not
    in the database (the caller rolled back) is removed now, rather than by « uploads.orphans » an hour later."""
    for fieldfile in _uncommitted.__dict__.pop("files", []):
        try:
            kept = type(fieldfile.instance)._base_manager.filter(**{fieldfile.field.name: fieldfile.name}).exists()
            if not kept:
                fieldfile.storage.delete(fieldfile.name)
        except Exception:  # never fail the end of a request: the orphans job is still there
            logger.exception("uncommitted upload not checked: %s", fieldfile.name)


def _announced_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """413 with a French page for a body announced over MAX_REQUEST_BYTES, before anything reads it (Django would
    otherwise receive the whole body, then the form would check the file's size)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _announced_length(request)
        if length <= MAX_REQUEST_BYTES:
            request.upload_handlers.insert(0, SizeLimitUploadHandler(request))  # a body longer than announced
            return self.get_response(request)
        security.warning("body_too_large length=%s method=%s path=%s", length, request.method, request.path)
        context = {"limit": MAX_BYTES // (1024 * 1024)}
        body = loader.get_template("413.html").render(context)  # no session, user or database touched
        return HttpResponse(body, status=413, headers={"Connection": "close"})


class SizeLimitUploadHandler(FileUploadHandler):
    """First upload handler of every request (RequestSizeLimitMiddleware): stops reading a file as soon as it passes
    MAX_REQUEST_BYTES (a body longer than announced, or chunked); the form then finds no file and says so."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_REQUEST_BYTES:
            security.warning("upload_stopped file=%s after=%s bytes", self.file_name, start)
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file
