"""The housekeeping job « uploads.orphans »: remove the stored files no row points to, once they are an hour old.

Uploads are saved with their row in one block that removes the file again when the row is not saved
(background.uploads.saving_files). What can still leave a file behind: a process killed between writing the
file and the commit, or the rollback of an outer transaction. Such a file is seen by no page (downloads go through
the rows); this job, run by a task worker every hour, deletes it. It looks only in the folders the FileFields of
the models write to (« seances/ », « fiches/ », « commune/ », « documents/ »…), and leaves any file younger than
an hour alone (an upload may be between its write and its commit).
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)
EVERY = 3600
MINIMUM_AGE = timedelta(hours=1)


def file_fields():
    return [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.storage is default_storage
    ]


def _top_folder(field):
    """The first folder of what `field` writes (its upload_to, called with an empty row when it is a function)."""
    try:
        sample = field.generate_filename(field.model(), "x")
    except Exception:  # an upload_to that needs a saved row: its folder is found from the rows instead
        return None
    return sample.split("/", 1)[0] if "/" in sample else None


def referenced_names():
    names = set()
    for field in file_fields():
        names.update(field.model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True))
    return names


def folders(referenced):
    found = {_top_folder(field) for field in file_fields()}
    found.update(name.split("/", 1)[0] for name in referenced if "/" in name)
    return sorted(folder for folder in found if folder)


def walk(storage, folder):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from walk(storage, f"{folder}/{directory}")


def remove_orphans(storage=default_storage, now=None):
    """Delete the files of the upload folders that no row points to and that are older than an hour; returns
    their names."""
    cutoff = (now or timezone.now()) - MINIMUM_AGE
    referenced = referenced_names()
    removed = []
    for folder in folders(referenced):
        try:
            names = list(walk(storage, folder))
        except FileNotFoundError:  # nothing uploaded there yet
            continue
        for name in names:
            if name not in referenced and storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                removed.append(name)
    if removed:
        logger.warning("uploads.orphans: %d file(s) no row points to removed: %s", len(removed), ", ".join(removed))
    return removed
