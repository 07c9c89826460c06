"""The worker's parts in the test process: the housekeeping schedule shared by workers, the recovery of tasks
abandoned by a dead worker, the pruning, the workers' state (/healthz, its header, « Travaux en arrière-plan »).
The real processes are in test_worker_processes.py."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.models import DBTaskResult

from background import housekeeping, status, worker
from background.models import HousekeepingRun, WorkerHeartbeat
from tests.background.tasks import echo
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html

pytestmark = pytest.mark.django_db
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_BACKEND
    return settings


@pytest.fixture
def jobs(monkeypatch):
    """An empty registry for the test (the app's own jobs are put back afterwards)."""
    monkeypatch.setattr(housekeeping, "JOBS", {})
    return housekeeping.JOBS


def heartbeat(worker_id, seconds_ago=0):
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(worker_id=worker_id, hostname="vm", pid=1, started_at=seen, last_seen=seen)


def running_task(worker_id, started_seconds_ago):
    result = DBTaskResult.objects.get(pk=echo.enqueue("x").id)
    result.claim(worker_id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago)
    )
    return result.pk


# Housekeeping


def test_a_job_runs_once_per_period_whichever_worker_asks(jobs):
    calls = []
    housekeeping.register("test.sweep", every=3600, run=lambda: calls.append(1))
    first, second = housekeeping.Housekeeper("a"), housekeeping.Housekeeper("b")
    assert first.run_due() == ["test.sweep"]
    assert second.run_due() == []
    assert first.run_due() == []  # its own schedule says not yet, without asking the database
    assert calls == [1]
    run = HousekeepingRun.objects.get(name="test.sweep")
    assert (run.runs, run.last_worker, run.last_error) == (1, "a", "")
    # the period has passed: the next worker to look runs it
    HousekeepingRun.objects.update(last_run_at=timezone.now() - timedelta(seconds=3601))
    second.next_look.clear()
    assert second.run_due() == ["test.sweep"]
    assert calls == [1, 1] and HousekeepingRun.objects.get(name="test.sweep").last_worker == "b"


def test_a_failing_job_is_logged_and_the_others_still_run(jobs, caplog):
    def broken():
        raise RuntimeError("disque plein")

    calls = []
    housekeeping.register("test.broken", every=60, run=broken)
    housekeeping.register("test.fine", every=60, run=lambda: calls.append(1))
    assert housekeeping.Housekeeper("a").run_due() == ["test.broken", "test.fine"]
    assert calls == [1]
    assert "disque plein" in HousekeepingRun.objects.get(name="test.broken").last_error
    assert HousekeepingRun.objects.get(name="test.fine").last_error == ""
    assert "housekeeping job test.broken failed" in caplog.text


def test_the_worker_registers_its_own_jobs():
    names = {job.name for job in housekeeping.registered()}
    assert {"background.recover_lost_tasks", "background.prune_task_results"} <= names


# Recovery of the tasks of dead workers


def test_a_task_left_running_by_a_silent_worker_is_failed_and_announced(database_queue):
    database_queue.WORKER_LOST_AFTER = 300
    heartbeat("alive", seconds_ago=10)
    heartbeat("dead", seconds_ago=400)
    long_but_alive = running_task("alive", started_seconds_ago=900)
    abandoned = running_task("dead", started_seconds_ago=900)
    unknown_worker = running_task("never-seen", started_seconds_ago=900)  # e.g. a plain db_worker, killed
    just_started = running_task("never-seen", started_seconds_ago=5)
    announced = []

    def listener(sender, task_result, **kwargs):
        announced.append(task_result.id)

    task_finished.connect(listener)
    try:
        assert worker.recover_lost_tasks() == 2
    finally:
        task_finished.disconnect(listener)
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[long_but_alive] == statuses[just_started] == TaskResultStatus.RUNNING
    assert statuses[abandoned] == statuses[unknown_worker] == TaskResultStatus.FAILED
    failed = DBTaskResult.objects.get(pk=abandoned)
    assert failed.exception_class_path == "background.worker.WorkerLost"
    assert "dead ne donne plus signe de vie depuis plus de 300 s" in failed.traceback
    assert failed.finished_at is not None
    assert sorted(announced) == sorted(str(pk) for pk in (abandoned, unknown_worker))
    assert worker.recover_lost_tasks() == 0


def test_old_finished_results_and_heartbeats_are_pruned(database_queue):
    database_queue.TASK_RESULTS_KEEP_DAYS = 7
    old, recent, waiting = (DBTaskResult.objects.get(pk=echo.enqueue(n).id) for n in range(3))
    for result, days in ((old, 8), (recent, 6)):
        result.set_successful("ok")
        DBTaskResult.objects.filter(pk=result.pk).update(finished_at=timezone.now() - timedelta(days=days))
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=timezone.now() - timedelta(days=30))
    heartbeat("gone long ago", seconds_ago=8 * 86400)
    heartbeat("dead yesterday", seconds_ago=86400)
    assert worker.prune_task_results() == 1
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["dead yesterday"]


# The workers' state


def test_the_state_is_none_then_ok_then_stale(database_queue):
    database_queue.WORKER_STALE_AFTER = 60
    echo.enqueue(1)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=3))
    echo.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(2)  # deferred: not waiting yet
    state = status.worker_status()
    assert (state.state, state.active, state.queued) == ("none", 0, 1)
    assert status.health_line(state) == "workers: aucun processus démarré (tâches en attente : 1)"
    assert state.queue_summary == "1 en attente, la plus ancienne depuis 3 min"

    heartbeat("a", seconds_ago=3)
    heartbeat("b", seconds_ago=30)
    heartbeat("c", seconds_ago=600)
    state = status.worker_status()
    assert (state.state, state.active, state.label) == ("ok", 2, "En marche")
    assert status.health_line(state) == ("workers: 2 actifs (dernier signe de vie il y a 3 s) (tâches en attente : 1)")

    WorkerHeartbeat.objects.exclude(worker_id="c").delete()
    DBTaskResult.objects.all().delete()
    state = status.worker_status()
    assert (state.state, state.active, state.queued) == ("stale", 0, 0)
    assert status.health_line(state) == "workers: aucun signe de vie depuis 10 min (tâches en attente : 0)"


DURATIONS = [(0, "0 s"), (119, "119 s"), (720, "12 min"), (7300, "2 h"), (3 * 86400, "3 j")]


@pytest.mark.parametrize(("seconds", "text"), DURATIONS)
def test_durations_read_in_french(seconds, text):
    assert status.duration(seconds) == text


def test_healthz_answers_200_with_the_workers_line_and_header(client, database_queue):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["X-Worker-Status"] == "none"
    assert response.content.decode() == "ok\nworkers: aucun processus démarré (tâches en attente : 0)\n"
    heartbeat("a", seconds_ago=1)
    response = client.get("/healthz")
    assert response.status_code == 200 and response["X-Worker-Status"] == "ok"
    assert response.content.decode().startswith("ok\nworkers: 1 actif (dernier signe de vie il y a ")
    WorkerHeartbeat.objects.update(last_seen=timezone.now() - timedelta(minutes=12))
    response = client.get("/healthz")
    assert response.status_code == 200 and response["X-Worker-Status"] == "stale"
    assert response.content.decode() == "ok\nworkers: aucun signe de vie depuis 12 min (tâches en attente : 0)\n"


# « Travaux en arrière-plan »


def test_the_coordinator_sees_the_workers_the_queue_and_the_jobs(client, database_queue):
    heartbeat("a", seconds_ago=2)
    heartbeat("b", seconds_ago=900)
    echo.enqueue(1)
    housekeeping.Housekeeper("a").claim(housekeeping.JOBS["background.prune_task_results"])
    client.force_login(make_persona("coordinator"))
    page = html(client.get(reverse("background:worker_status")))
    assert page.h1.get_text(strip=True) == "Travaux en arrière-plan"
    panel = page.select_one(".portal-worker-status").get_text(" ", strip=True)
    assert "En marche" in panel and "1 actif" in panel and "File d'attente : 1 en attente" in panel
    rows = [row.get_text(" ", strip=True) for row in page.select("main table")[0].select("tbody tr")]
    assert len(rows) == 2 and rows[0].endswith("Actif") and rows[1].endswith("Sans nouvelles")
    jobs = page.select("main table")[1].get_text(" ", strip=True)
    assert "Suppression des résultats de tâches anciens toutes les 60 min" in jobs
    assert "Reprise des tâches abandonnées par un processus arrêté" in jobs and "Jamais" in jobs


def test_the_panel_explains_that_tasks_wait_when_no_worker_runs(client, database_queue):
    client.force_login(make_persona("admin"))
    panel = html(client.get(reverse("background:worker_status"))).select_one(".portal-worker-status")
    assert "Arrêtés" in panel.get_text() and "rien n'est perdu" in panel.get_text()


def test_the_account_menu_links_the_page_for_coordinators_only(client):
    url = reverse("background:worker_status")
    client.force_login(make_persona("coordinator"))
    menu = {a["href"] for a in html(client.get(reverse("my_space"))).select(".portal-account .dropdown-menu a")}
    assert {url, reverse("accounts:email_list")} <= menu
    assert url in {a["href"] for a in html(client.get(reverse("site_map"))).select("main a[href]")}
    for persona in ("reader", "partner"):
        client.force_login(make_persona(persona))
        assert url not in {a["href"] for a in html(client.get(reverse("my_space"))).select("a[href]")}
        assert url not in {a["href"] for a in html(client.get(reverse("site_map"))).select("a[href]")}


def test_the_page_query_budget_does_not_grow_with_workers(client, database_queue):
    client.force_login(make_persona("coordinator"))
    heartbeat("first")

    def grow():
        for number in range(9):
            heartbeat(f"worker-{number}", seconds_ago=number * 100)
            echo.enqueue(number)

    queries = assert_query_budget(client, reverse("background:worker_status"), budget=9, grow=grow)
    print(f"« Travaux en arrière-plan »: {queries} queries with 1 and 10 workers")
