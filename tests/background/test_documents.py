"""Long documents built in the background (issue 11, item 3): the plan d'actions asked for, joined, limited,
shared, failed, purged, and its pages (the live state, the download). Tasks run at once here (ImmediateBackend),
once the request's transaction commits; tests/background/test_documents_processes.py runs a real worker."""

import dataclasses
import hashlib
import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actionsheets.models import Status
from background import documents, housekeeping
from background.models import DocumentBuild, StoredDocument
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group

pytestmark = pytest.mark.django_db
REQUEST = reverse("background:document_request", args=["plan"])


def build_url(build, name="document_build"):
    return reverse(f"background:{name}", args=[build.pk])


def ask(client, query="", run=True):
    """POST the request (the list's « Plan d'actions » item); with `run`, the task runs at once after commit."""
    with TestCase.captureOnCommitCallbacks(execute=run):
        response = client.post(REQUEST + (f"?{query}" if query else ""))
    return response


def login(client, persona):
    user = make_persona(persona)
    client.force_login(user)
    return user


@pytest.fixture
def sheets(db):
    return [
        sheet(group("DS"), "Parrainage de collégiens", status=Status.VALIDATED, description="Des parrains."),
        sheet(group("HAB"), "Permanences logement", status=Status.VALIDATED),
        sheet(group("DS"), "Brouillon du groupe DS"),
    ]


def test_a_request_queues_a_build_and_its_page_follows_it_until_the_download(client, sheets):
    user = login(client, "reader")
    response = ask(client, run=False)
    build = DocumentBuild.objects.get()
    assert response.status_code == 302 and response.url == build_url(build)
    assert (build.kind, build.requested_by, build.status, build.params) == ("plan", user, "queued", {})
    page = html(client.get(response.url))
    live = page.find(attrs={"aria-live": "polite"})
    state = live.find(id="build-state")
    assert state["hx-get"] == build_url(build, "document_progress") and state["hx-trigger"] == "every 2s"
    assert "En attente" in live.get_text()
    assert page.find("progress")["value"] == "0"

    documents.run_build(build.pk)  # what the worker does
    build.refresh_from_db()
    assert (build.status, build.progress, build.step) == ("ready", 100, "Prêt") and build.finished_at
    fragment = html(client.get(build_url(build, "document_progress")))
    assert fragment.find(id="build-state").get("hx-trigger") is None  # the polling stops
    link = fragment.find("a", href=build_url(build, "document_download"))
    size = build.document.size
    assert re.fullmatch(r"Télécharger le plan d'actions \(PDF, \d+(,\d)? (Ko|Mo)\)", " ".join(link.get_text().split()))
    print(f"\nDownload link: {' '.join(link.get_text().split())} ({size:,} bytes)")

    download = client.get(link["href"])
    content = download.getvalue()
    assert download["Content-Type"] == "application/pdf" and download["Cache-Control"] == "no-store"
    assert re.match(r'attachment; filename="plan-d-actions-\d{4}-\d\d-\d\d\.pdf"', download["Content-Disposition"])
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert sheets[0].title in text and sheets[2].title not in text  # a reader: validated sheets only


def test_the_plan_is_tagged_with_a_title_and_the_french_language(client, sheets):
    login(client, "coordinator")
    ask(client)
    build = DocumentBuild.objects.get()
    with build.document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged
    assert root["/Lang"] == "fr"
    assert " ".join(reader.metadata.title.split()).startswith("Plan d'actions – ")


def test_progress_is_reported_per_sheet_then_per_page(client, sheets, monkeypatch):
    login(client, "coordinator")
    seen = []
    real_set = documents.Progress.set

    def record(self, percent, step, force=False):
        real_set(self, percent, step, force)
        seen.append((self.percent, step))  # what the page shows never goes back (WeasyPrint repaginates)

    monkeypatch.setattr(documents.Progress, "set", record)
    ask(client)
    steps = [step for _, step in seen]
    assert "Préparation des fiches : 1 sur 3" in steps and "Préparation des fiches : 3 sur 3" in steps
    assert "Mise en page : page 1" in steps and "Enregistrement du document" in steps
    percents = [percent for percent, _ in seen]
    assert percents == sorted(percents) and 0 < percents[0] and percents[-1] == 95


def test_a_second_click_joins_the_build_under_way(client, sheets):
    login(client, "partner")
    first = ask(client, "statut=validated", run=False)
    second = ask(client, "statut=validated", run=False)
    build = DocumentBuild.objects.get()
    assert first.url == second.url == build_url(build)
    assert "Plan d'actions est déjà en préparation pour vous" in html(client.get(second.url)).get_text()


def test_another_document_while_one_is_under_way_is_refused(client, sheets):
    login(client, "coordinator")
    ask(client, "statut=validated", run=False)
    running = DocumentBuild.objects.get()
    response = ask(client, "statut=draft", run=False)
    assert response.url == build_url(running) and DocumentBuild.objects.count() == 1
    assert "Un autre document est en préparation pour vous" in html(client.get(response.url)).get_text()
    # A build that lost its worker long ago no longer blocks anyone.
    DocumentBuild.objects.update(created_at=timezone.now() - documents.STALE_AFTER - timedelta(minutes=1))
    ask(client, "statut=draft", run=False)
    assert DocumentBuild.objects.count() == 2


def test_readers_and_partners_have_an_hourly_limit_coordinators_none(client, sheets, settings):
    settings.DOCUMENTS_PER_HOUR = 2
    login(client, "reader")
    ask(client, "statut=validated")
    ask(client, "statut=done")
    response = ask(client, "statut=planned")
    assert DocumentBuild.objects.count() == 2 and response.url == reverse("background:document_list")
    message = "Vous avez demandé 2 documents dans l'heure, le nombre maximal"
    assert message in html(client.get(response.url)).get_text()
    DocumentBuild.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    ask(client, "statut=planned")
    assert DocumentBuild.objects.count() == 3

    login(client, "coordinator")
    for status in ("validated", "done", "planned", "draft"):
        ask(client, f"statut={status}")
    assert DocumentBuild.objects.filter(requested_by__role="coordinator", status="ready").count() == 4


def test_the_same_audience_shares_the_document_laid_out_once(client, sheets, monkeypatch):
    from actionsheets import plan_document

    layouts = []
    real_render = plan_document.BUILDER.render
    builder = dataclasses.replace(plan_document.BUILDER, render=lambda *a: layouts.append(1) or real_render(*a))
    monkeypatch.setitem(documents.BUILDERS, "plan", builder)
    login(client, "coordinator")
    ask(client)
    other = make_persona("admin")
    client.force_login(other)
    ask(client)
    first, second = DocumentBuild.objects.order_by("pk")
    assert first.key == second.key and first.document == second.document and len(layouts) == 1
    assert StoredDocument.objects.count() == 1
    login(client, "reader")  # another audience: another document
    ask(client)
    third = DocumentBuild.objects.latest("pk")
    assert third.key != first.key and third.document != first.document and len(layouts) == 2
    # A change in what the plan shows makes a new document for the same audience.
    client.force_login(other)
    sheets[0].__class__.objects.filter(pk=sheets[0].pk).update(title="Parrainage renouvelé")
    ask(client)
    assert DocumentBuild.objects.latest("pk").document not in (first.document, third.document) and len(layouts) == 3


def test_the_document_is_kept_by_its_hash_in_the_default_storage(client, sheets, settings):
    settings.DOCUMENTS_KEEP_DAYS = 3
    login(client, "coordinator")
    ask(client)
    document = DocumentBuild.objects.get().document
    with default_storage.open(document.file.name, "rb") as handle:
        content = handle.read()
    assert document.digest == hashlib.sha256(content).hexdigest() and document.size == len(content)
    assert document.file.name.endswith(f"{document.digest}.pdf")
    kept = document.expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < kept <= timedelta(days=3)


def test_a_failed_build_says_so_in_french(client, sheets, monkeypatch):
    def broken(source, progress):
        raise OSError("disque plein")

    monkeypatch.setitem(documents.BUILDERS, "plan", dataclasses.replace(documents.BUILDERS["plan"], render=broken))
    login(client, "partner")
    ask(client)
    build = DocumentBuild.objects.get()
    assert build.status == "failed" and build.error == documents.FAILED and build.document is None
    page = html(client.get(build_url(build)))
    assert documents.FAILED in page.find(attrs={"aria-live": "polite"}).get_text()
    assert client.get(build_url(build, "document_download")).status_code == 404
    assert StoredDocument.objects.count() == 0
    ask(client)  # asking again is possible at once
    assert DocumentBuild.objects.count() == 2


def test_purge_deletes_expired_documents_and_their_files_and_old_builds(client, sheets, settings):
    settings.DOCUMENTS_KEEP_DAYS = 3
    job = housekeeping.JOBS["documents.purge"]
    assert job.every == 3600 and job.run == documents.purge
    login(client, "coordinator")
    ask(client)
    old = DocumentBuild.objects.get()
    name = old.document.file.name
    assert default_storage.exists(name)
    stuck = DocumentBuild.objects.create(kind="plan", key="1" * 64, requested_by=old.requested_by, status="running")
    DocumentBuild.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))

    assert documents.purge() == (0, 0)  # nothing past its date yet: the stuck build is marked failed
    stuck.refresh_from_db()
    assert stuck.status == "failed" and stuck.error == documents.INTERRUPTED

    later = timezone.now() + timedelta(days=3, minutes=1)
    assert documents.purge(now=later) == (1, 2)
    assert not default_storage.exists(name) and not StoredDocument.objects.exists()
    assert not DocumentBuild.objects.exists()


def test_an_expired_document_is_no_longer_offered(client, sheets):
    login(client, "coordinator")
    ask(client)
    build = DocumentBuild.objects.get()
    StoredDocument.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "n'est plus disponible" in html(client.get(build_url(build))).get_text()
    assert client.get(build_url(build, "document_download")).status_code == 404


def test_a_build_is_its_requester_s_alone(client, sheets):
    login(client, "coordinator")
    ask(client)
    build = DocumentBuild.objects.get()
    for persona in ("admin", "reader", "partner"):
        login(client, persona)
        for name in ("document_build", "document_progress", "document_download"):
            assert client.get(build_url(build, name)).status_code == 404, (persona, name)
        assert build_url(build) not in client.get(reverse("background:document_list")).content.decode()


@pytest.mark.parametrize(
    ("size", "text"), [(900, "1 Ko"), (18_600, "18 Ko"), (1_258_291, "1,2 Mo"), (15 * 1024 * 1024, "15 Mo")]
)
def test_sizes_read_as_people_say_them(size, text):
    from background.document_views import readable_size

    assert readable_size(size) == text


def test_query_budget_of_the_build_page_and_of_my_documents(client, sheets):
    user = login(client, "partner")
    ask(client)
    build = DocumentBuild.objects.get()

    def more_builds():
        for number in range(9):
            DocumentBuild.objects.create(
                kind="plan", key=f"{number}" * 64, requested_by=user, status="ready", document=build.document
            )

    page = assert_query_budget(client, build_url(build), budget=12, grow=more_builds)
    fragment = assert_query_budget(client, build_url(build, "document_progress"), budget=8, grow=more_builds)
    listing = assert_query_budget(client, reverse("background:document_list"), budget=12, grow=more_builds)
    print(f"\nQueries: build page {page}, its live part {fragment}, my documents {listing} (1 and 10 builds)")
