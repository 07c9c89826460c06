"""Finding 13 of issue 13: an upload over the limit is refused before its body is read (413 with a French page,
and an upload handler that stops a body whose length was not announced), and a file written by a service whose
transaction rolls back, its own or an enclosing one, leaves nothing in MEDIA_ROOT."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.db import transaction
from django.urls import reverse

from background import uploads
from tests.conftest import make_persona
from tests.workshops.factories import group, meeting
from workshops import services
from workshops.models import MeetingDocument

PDF = b"%PDF-1.4\n" + os.urandom(4 * 1024)


class UnreadableBody(io.BytesIO):
    """A request body that counts what is read from it."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data

    readline = read


def files_under(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_without_being_read(client, settings):
    client.force_login(make_persona("coordinator"))
    body = UnreadableBody(b"x" * 1024)
    limit = getattr(uploads, "MAX_REQUEST_BYTES", 11 * 1024 * 1024)
    response = client.generic(
        "POST",
        reverse("partners:import_upload"),
        CONTENT_TYPE="multipart/form-data; boundary=frontiere",
        CONTENT_LENGTH=str(limit + 1),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()
    assert body.read_bytes == 0


def test_the_upload_handler_stops_a_body_whose_length_was_not_announced():
    handler = uploads.SizeLimitUploadHandler()
    handler.handle_raw_input(None, {}, 0, "frontiere")
    handler.new_file("file", "gros.pdf", "application/pdf", None)
    chunk = b"x" * (64 * 1024)
    with pytest.raises(StopUpload) as stopped:
        for start in range(0, uploads.MAX_REQUEST_BYTES + len(chunk), len(chunk)):
            handler.receive_data_chunk(chunk, start)
    assert stopped.value.connection_reset


@pytest.mark.django_db
def test_a_file_written_in_a_transaction_rolled_back_by_its_caller_is_removed(client, settings):
    session = meeting(group("DS"))
    with pytest.raises(RuntimeError), transaction.atomic():
        services.add_document(by=None, meeting=session, title="Compte rendu", file=SimpleUploadedFile("c.pdf", PDF))
        assert files_under(settings.MEDIA_ROOT)  # written, inside the caller's transaction
        raise RuntimeError("the caller fails after the service")
    client.get(reverse("home"))  # at the latest when the request ends (request_finished)
    assert not MeetingDocument.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


@pytest.mark.django_db
def test_a_file_of_a_committed_caller_stays(client, settings, django_capture_on_commit_callbacks):
    session = meeting(group("DS"))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.add_document(by=None, meeting=session, title="Compte rendu", file=SimpleUploadedFile("c.pdf", PDF))
    client.get(reverse("home"))
    assert len(files_under(settings.MEDIA_ROOT)) == 1


@pytest.mark.django_db
def test_a_service_failing_after_saving_its_file_leaves_nothing(settings, monkeypatch):
    def failing(**kwargs):
        raise RuntimeError("the log row is refused")

    monkeypatch.setattr(services, "log_action", failing)
    with pytest.raises(RuntimeError):
        services.add_document(by=None, meeting=meeting(group("DS")), title="CR", file=SimpleUploadedFile("c.pdf", PDF))
    assert not MeetingDocument.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []
