"""Uploads when the disk is full, and the files no row points to (issue 11, items 5 and 7).

The disk is a real one: MEDIA_ROOT on a 64 KB tmpfs mounted for the test (the tests run as root). Were the mount
refused, the `small_disk` fixture falls back to a storage whose writes stop half-way with ENOSPC, the only stand-in,
and says so in the test's output.
"""

import errno
import os
import subprocess
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actionsheets.models import Attachment
from background import housekeeping, orphans
from background.storage import LocalStorage
from partners.models import AuditEntry
from tests.actionsheets.factories import sheet
from tests.actionsheets.test_editor import field_error, post_section
from tests.conftest import make_persona
from tests.utils import html
from tests.workshops.factories import group, meeting
from workshops.models import MeetingDocument

DISK = 64 * 1024
BIG_PDF = b"%PDF-1.4\n" + os.urandom(100 * 1024)  # more than the disk holds
SMALL_PDF = b"%PDF-1.4\n" + os.urandom(8 * 1024)
FULL = "Le serveur n'a plus assez de place pour enregistrer ce fichier"


class HalfWayFullStorage(LocalStorage):
    """Fallback when no tmpfs can be mounted: writes stop with ENOSPC after 32 KB, as a full disk would."""

    def _save(self, name, content):
        if content.size > DISK // 2:
            content = ContentFile(content.read()[: DISK // 2])
            super()._save(name + ".half", content)  # what a full disk leaves: then the write fails
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super()._save(name, content)


@pytest.fixture
def small_disk(tmp_path, settings):
    """MEDIA_ROOT on a 64 KB tmpfs, unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK // 1024}k", "tmpfs", str(disk)], capture_output=True, text=True
    )
    settings.MEDIA_ROOT = disk
    if mounted.returncode != 0:
        print(f"\nno tmpfs ({mounted.stderr.strip()}): a storage raising ENOSPC half-way stands in for the full disk")
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.HalfWayFullStorage"}}
    try:
        yield disk
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", str(disk)], check=True)


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def coordinator_client(client, db):
    client.force_login(make_persona("coordinator"))
    return client


def test_a_meeting_document_on_a_full_disk_is_refused_in_french_and_leaves_nothing(coordinator_client, small_disk):
    session = meeting(group("DS"))
    url = reverse("workshops:document_add", args=[session.pk])
    logs = AuditEntry.objects.count()

    response = coordinator_client.post(url, {"title": "Diaporama", "file": SimpleUploadedFile("d.pdf", BIG_PDF)})

    assert response.status_code == 200
    page = html(response)
    field = page.find("input", attrs={"name": "file"})
    assert "is-invalid" in field["class"]
    assert FULL in page.find(id="div_id_file").get_text()  # next to the field
    assert page.find("input", attrs={"name": "title"})["value"] == "Diaporama"  # what was typed is kept
    assert not MeetingDocument.objects.exists() and AuditEntry.objects.count() == logs  # nothing half-saved
    assert files_under(small_disk) == []  # no orphan file, not even a partial one
    # The same disk takes a file that fits: the refusal was the space, nothing else.
    response = coordinator_client.post(url, {"title": "Ordre du jour", "file": SimpleUploadedFile("o.pdf", SMALL_PDF)})
    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert files_under(small_disk) == [document.file.name]
    assert os.stat(small_disk / document.file.name).st_mode & 0o777 == 0o644  # as Django writes (not mkstemp's 0o600)
    download = coordinator_client.get(reverse("workshops:document_download", args=[session.pk, document.pk]))
    assert b"".join(download.streaming_content) == SMALL_PDF


def test_a_fiche_attachment_on_a_full_disk_saves_nothing_of_the_section(coordinator_client, small_disk):
    draft = sheet(group("DS"))
    version = draft.section_versions.get("pieces", 0)
    files = {"attachments-0-file": SimpleUploadedFile("annexe.pdf", BIG_PDF)}

    response = post_section(coordinator_client, draft, "pieces", {"attachments-0-title": "Annexe"}, files=files)

    assert response.status_code == 200
    assert FULL in field_error(response, "attachments-0-file")
    draft.refresh_from_db()
    assert not Attachment.objects.exists() and draft.section_versions.get("pieces", 0) == version
    assert files_under(small_disk) == []


def test_a_row_refused_after_its_file_was_written_takes_the_file_away(db, tmp_path, settings):
    """Not the disk: the row's INSERT fails after the storage wrote the file (a title too long for PostgreSQL)."""
    from django.db import DataError

    from workshops import services

    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(DataError):
        services.add_document(
            by=None, meeting=meeting(group("DS")), title="x" * 500, file=SimpleUploadedFile("o.pdf", SMALL_PDF)
        )
    assert not MeetingDocument.objects.exists()
    assert files_under(tmp_path / "media") == []


def test_the_orphan_job_removes_old_files_no_row_points_to(db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    session = meeting(group("DS"))
    kept = MeetingDocument.objects.create(
        meeting=session, title="Gardé", file=SimpleUploadedFile("garde.pdf", SMALL_PDF), size=len(SMALL_PDF)
    )
    old_orphan = default_storage.save(f"seances/{session.pk}/abc/orphelin.pdf", ContentFile(b"%PDF old"))
    partial = default_storage.save("fiches/3/def/.upload-x.part", ContentFile(b"left by a killed process"))
    young_orphan = default_storage.save(f"seances/{session.pk}/ghi/en-cours.pdf", ContentFile(b"%PDF young"))
    elsewhere = default_storage.save("autre/pas-un-depot.txt", ContentFile(b"not an upload folder"))
    two_hours_ago = time.time() - 7200
    for name in (kept.file.name, old_orphan, partial, elsewhere):
        os.utime(default_storage.path(name), (two_hours_ago, two_hours_ago))

    removed = orphans.remove_orphans()

    assert sorted(removed) == sorted([old_orphan, partial])
    assert [default_storage.exists(name) for name in (kept.file.name, young_orphan, elsewhere)] == [True] * 3
    later = orphans.remove_orphans(now=timezone.now() + timedelta(hours=2))
    assert later == [young_orphan]


def test_the_orphan_job_is_registered_for_the_worker():
    job = {job.name: job for job in housekeeping.registered()}["uploads.orphans"]
    assert (job.every, job.run) == (3600, orphans.remove_orphans)
