"""The acceptance of issue 11 for long documents, with real processes: the plan of 50 full fiches is asked for
in a request that answers at once, built by a real task worker (`manage.py run_worker --batch` on the test
database), and downloaded through another web process (gunicorn) from the shared store; a second click while
it is queued starts nothing more. The single-fiche PDF cache is shared too: what one process put in it, the
web process serves."""

import hashlib
import subprocess
import time

from django.conf import settings as django_settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from actionsheets import documents as sheet_documents
from actionsheets.models import ActionSheet, Status
from background.documents import build_document
from background.models import DocumentBuild
from tests.actionsheets.test_list import filled_sheet
from tests.conftest import make_persona
from tests.processes import fetch, process_environment, start_web, start_worker, stop

PLAN_SIZE = 50
LONG_TEXT = (
    "Le collège, le programme de réussite éducative et la Mission locale partagent chaque mois leurs repérages "
    "des jeunes en voie de décrochage ; chaque situation est suivie par un référent nommé, qui rend compte à la "
    "cellule suivante des démarches engagées, des rendez-vous tenus et des freins rencontrés. "
) * 6


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.2)


def session_cookie(client):
    return f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"


def test_plan_of_50_full_fiches_is_built_by_a_worker_and_served_by_another_process(
    transactional_db, client, settings, tmp_path
):
    env = process_environment(MEDIA_ROOT=settings.MEDIA_ROOT)
    settings.SECRET_KEY = env["DJANGO_SECRET_KEY"]  # the session made here is valid in the web process
    started = time.perf_counter()
    sheets = [filled_sheet() for _ in range(PLAN_SIZE)]  # their own tasks (overlaps) run at once, here
    ActionSheet.objects.filter(pk__in=[item.pk for item in sheets]).update(description=LONG_TEXT)
    print(f"\n{PLAN_SIZE} fully filled fiches made in {time.perf_counter() - started:.1f} s")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # from now on, as in production
    coordinator = make_persona("coordinator")
    client.force_login(coordinator)
    url = reverse("background:document_request", args=["plan"]) + f"?statut={Status.IN_PROGRESS}"

    started = time.perf_counter()
    response = client.post(url)
    answered = time.perf_counter() - started
    print(f"The request for the plan answered in {answered * 1000:.0f} ms")
    assert response.status_code == 302 and answered < 2  # « at once »: the layout is not in the request
    build = DocumentBuild.objects.get()
    assert build.status == "queued" and DBTaskResult.objects.count() == 1

    second = client.post(url)  # a second click while it waits: the same build, no second task
    assert second.url == response.url
    assert DocumentBuild.objects.count() == 1 and DBTaskResult.objects.count() == 1

    web = start_web(env, tmp_path / "web.log", workers=1)
    worker = start_worker(env, tmp_path / "worker.log", "--batch").popen
    seen = set()
    try:
        deadline = time.monotonic() + 300
        while worker.poll() is None and time.monotonic() < deadline:
            build.refresh_from_db()
            seen.add((build.progress, build.step))
            time.sleep(0.2)
        assert worker.poll() == 0, (tmp_path / "worker.log").read_text()
        build.refresh_from_db()
        assert build.status == "ready", (build.error, (tmp_path / "worker.log").read_text())
        took = (build.finished_at - build.started_at).total_seconds()
        pages = max(int(step.rsplit(" ", 1)[1]) for _, step in seen if step.startswith("Mise en page : page "))
        print(f"Plan of {PLAN_SIZE} full fiches built by the worker in {took:.1f} s (about {pages} pages laid out)")
        print(f"Progress seen on the build page's row: {len(seen)} states, e.g. {sorted(seen)[len(seen) // 2]}")
        assert any(0 < progress < 100 for progress, _ in seen)
        # the worker's daily housekeeping may queue its own tasks (the GDPR retention): this build's task only
        assert DBTaskResult.objects.get(task_path=build_document.module_path).status == "SUCCESSFUL"

        cookie = {"Cookie": session_cookie(client)}
        download = web.base + reverse("background:document_download", args=[build.pk])
        status, headers, body = fetch(download, headers=cookie)
        assert status == 200, body[:300]
        assert headers["Content-Type"] == "application/pdf" and headers["Cache-Control"] == "no-store"
        assert 'attachment; filename="plan-d-actions-' in headers["Content-Disposition"]
        with build.document.file.open("rb") as handle:
            stored = handle.read()
        assert body == stored and hashlib.sha256(body).hexdigest() == build.document.digest
        print(f"Served by another process from the shared store: {len(body):,} bytes, the same bytes")

        # The single-fiche PDF: laid out here, the web process takes it from the shared cache (a marker put in
        # its place proves it reads the cache rather than laying it out again).
        sheet = sheet_documents.pdf_sheet(sheets[0].pk)
        html = render_to_string(sheet_documents.PDF_TEMPLATE, sheet_documents.pdf_context(sheet))
        key = "pdf:" + hashlib.sha256(html.encode()).hexdigest()
        caches["pdf"].set(key, b"%PDF-marker from the shared cache", 600)
        status, _, body = fetch(web.base + reverse("actionsheets:sheet_pdf", args=[sheets[0].pk]), headers=cookie)
        assert (status, body) == (200, b"%PDF-marker from the shared cache")
    finally:
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        stop(web)
