"""Real `run_worker` processes (and a real gunicorn) on the test database: a queued task is run, the heartbeat
lives while the task runs and goes on SIGTERM (after the task is finished), a SIGKILLed worker's task is failed
by another worker's housekeeping, a periodic job runs once per period across two workers, and with no worker
the pages still answer, tasks wait and /healthz says so (200 every time: none, ok, stale)."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from background.models import HousekeepingRun, WorkerHeartbeat
from tests.background.tasks import echo, wait_for_file
from tests.processes import (
    ROOT,
    Process,
    fetch,
    free_port,
    kill,
    process_environment,
    start_web,
    start_worker,
    stop,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    """Tasks go to the PostgreSQL queue, as in production (not run at once inside enqueue)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def wait_until(predicate, seconds=60, what="", processes=()):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            logs = "\n".join(process.log_text()[-3000:] for process in processes)
            raise AssertionError(f"not within {seconds}s: {what}\n{logs}")
        time.sleep(0.1)


def state(result):
    return DBTaskResult.objects.get(pk=result.id).status


def heartbeats():
    return dict(WorkerHeartbeat.objects.values_list("worker_id", "pid"))


def test_a_queued_task_is_run_the_heartbeat_lives_meanwhile_and_goes_on_sigterm(tmp_path):
    worker = start_worker(process_environment(WORKER_STALE_AFTER=3), tmp_path / "worker.log")
    try:
        done = echo.enqueue("bonjour")
        wait_until(lambda: state(done) == TaskResultStatus.SUCCESSFUL, what="echo run", processes=[worker])
        assert DBTaskResult.objects.get(pk=done.id).return_value == "bonjour"

        release = tmp_path / "release"
        long = wait_for_file.enqueue(str(release))
        wait_until(lambda: state(long) == TaskResultStatus.RUNNING, what="long task started", processes=[worker])
        beat = WorkerHeartbeat.objects.get()
        assert beat.pid == worker.popen.pid
        assert DBTaskResult.objects.get(pk=long.id).worker_ids == [beat.worker_id]
        # the heartbeat thread keeps beating while the task runs (every second with a 3-second threshold)
        wait_until(lambda: WorkerHeartbeat.objects.get().last_seen > beat.last_seen, 30, "a beat during the task")

        os.killpg(worker.popen.pid, signal.SIGTERM)  # graceful: the task under way is finished first
        time.sleep(1)
        assert worker.popen.poll() is None and WorkerHeartbeat.objects.exists()
        release.touch()
        assert worker.popen.wait(timeout=30) == 0, worker.log_text()
        assert state(long) == TaskResultStatus.SUCCESSFUL
        assert not WorkerHeartbeat.objects.exists()
        assert "heartbeat deleted" in worker.log_text()
    finally:
        stop(worker)


def test_the_task_of_a_sigkilled_worker_is_failed_by_another_worker(tmp_path):
    env = process_environment(WORKER_STALE_AFTER=1, WORKER_LOST_AFTER=3)
    first = start_worker(env, tmp_path / "first.log")
    second = None
    try:
        stuck = wait_for_file.enqueue(str(tmp_path / "never"))
        wait_until(lambda: state(stuck) == TaskResultStatus.RUNNING, what="task started", processes=[first])
        kill(first, signal.SIGKILL)
        (dead,) = heartbeats()
        time.sleep(1)
        assert state(stuck) == TaskResultStatus.RUNNING  # django-tasks-db alone would leave it so for ever

        started = time.monotonic()
        second = start_worker(env, tmp_path / "second.log")
        wait_until(lambda: state(stuck) == TaskResultStatus.FAILED, what="recovery", processes=[second])
        print(f"\ntask of the SIGKILLed worker failed {time.monotonic() - started:.1f} s after the second started")
        result = DBTaskResult.objects.get(pk=stuck.id)
        assert result.exception_class_path == "background.worker.WorkerLost"
        assert f"{dead} ne donne plus signe de vie depuis plus de 3 s" in result.traceback
        assert result.worker_ids == [dead]
        # the dead worker's row stays (monitoring sees it stale) until pruned; the second one runs what comes
        assert dead in heartbeats() and len(heartbeats()) == 2
        after = echo.enqueue("après")
        wait_until(lambda: state(after) == TaskResultStatus.SUCCESSFUL, what="next task", processes=[second])
    finally:
        stop(*(process for process in (first, second) if process))


WORKER_APPLICATION = "run_worker-under-test"  # PGAPPNAME of the worker process: its connections are found by it


def worker_connections(terminate=False):
    """The worker's connections (found by their application_name), cut when `terminate`: what a database restart
    does to the worker. Only the worker's: the live servers of browser tests may share this database."""
    action = "pg_terminate_backend(pid)" if terminate else "1"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count({action}) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = %s",
            [WORKER_APPLICATION],
        )
        return cursor.fetchone()[0]


def test_the_worker_outlives_its_database_connections_being_cut(tmp_path):
    """Cut connections are opened again (CONN_HEALTH_CHECKS, and claim_next() waits for the database); the
    database stopped under the worker: test_worker_outage.py."""
    env = process_environment(WORKER_STALE_AFTER=3, PGAPPNAME=WORKER_APPLICATION)
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        wait_until(lambda: len(heartbeats()) == 1, what="worker started", processes=[worker])
        for _ in range(3):
            wait_until(lambda: worker_connections() >= 1, what="the worker connected", processes=[worker])
            assert worker_connections(terminate=True) >= 1
            time.sleep(0.5)
        assert worker.popen.poll() is None, worker.log_text()
        after = echo.enqueue("après la coupure")
        wait_until(lambda: state(after) == TaskResultStatus.SUCCESSFUL, what="task after", processes=[worker])
    finally:
        stop(worker)


def test_a_housekeeping_job_runs_once_per_period_across_two_workers(tmp_path):
    env = process_environment(WORKER_LOST_AFTER=4)  # the recovery job: every second
    started = time.monotonic()
    workers = [start_worker(env, tmp_path / f"worker{number}.log") for number in (1, 2)]
    try:
        wait_until(lambda: len(heartbeats()) == 2, what="two workers", processes=workers)
        time.sleep(5)
        runs = {run.name: run for run in HousekeepingRun.objects.all()}
        elapsed = time.monotonic() - started
        assert all(process.popen.poll() is None for process in workers)
        prune, recover = runs["background.prune_task_results"], runs["background.recover_lost_tasks"]
        print(f"\nin {elapsed:.1f} s with two workers: prune ran {prune.runs}×, recovery {recover.runs}×")
        assert prune.runs == 1 and prune.last_worker in heartbeats()  # hourly: once, by one of them
        assert 2 <= recover.runs <= elapsed / 1.0 + 1  # at most once a second, not once per worker per second
        assert prune.last_error == recover.last_error == ""
    finally:
        stop(*workers)


def test_with_the_worker_down_pages_answer_tasks_wait_and_healthz_says_so(tmp_path):
    env = process_environment(WORKER_STALE_AFTER=2)
    web = start_web(env, tmp_path / "web.log")
    worker = None
    try:

        def health():
            status, headers, body = fetch(web.base + "/healthz")
            assert status == 200, body
            return headers["X-Worker-Status"], body.decode()

        assert health() == ("none", "ok\nworkers: aucun processus démarré (tâches en attente : 0)\n")
        waiting = echo.enqueue("en attente")
        assert fetch(web.base + "/")[0] == 200 and fetch(web.base + "/connexion/")[0] == 200
        time.sleep(1)
        assert state(waiting) == TaskResultStatus.READY
        print(f"\nno worker: {health()}")
        assert health() == ("none", "ok\nworkers: aucun processus démarré (tâches en attente : 1)\n")

        worker = start_worker(env, tmp_path / "worker.log")
        wait_until(lambda: state(waiting) == TaskResultStatus.SUCCESSFUL, what="task run", processes=[worker])
        wait_until(lambda: health()[0] == "ok", 30, "healthz ok")
        print(f"worker running: {health()}")
        assert health()[1].startswith("ok\nworkers: 1 actif (dernier signe de vie il y a ")

        kill(worker, signal.SIGKILL)
        wait_until(lambda: health()[0] == "stale", 30, "healthz stale")
        print(f"worker killed: {health()}")
        assert health()[1].startswith("ok\nworkers: aucun signe de vie depuis ")
        assert fetch(web.base + "/connexion/")[0] == 200
    finally:
        stop(*(process for process in (web, worker) if process))


def test_make_run_starts_the_worker_next_to_the_web_server_and_stops_both(tmp_path):
    """scripts/run (the last step of `make run`): one command, two processes; SIGTERM to its process group (what
    an IDE's stop button or `kill -TERM -- -PGID` does) stops both, and the worker leaves gracefully."""
    port = free_port()
    env = process_environment(PY=sys.executable, WORKER_LOG=str(tmp_path / "worker.log"))
    log = tmp_path / "run.log"
    with log.open("w") as handle:
        script = subprocess.Popen(
            ["scripts/run", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until(lambda: len(heartbeats()) == 1, what="worker started", processes=[Process(script, log)])
        wait_for(f"http://127.0.0.1:{port}/healthz", 200, 60)
        assert fetch(f"http://127.0.0.1:{port}/healthz")[1]["X-Worker-Status"] == "ok"
        assert f"Tâches en arrière-plan : un processus run_worker démarré (journal : {tmp_path}/worker.log)" in (
            log.read_text()
        )
        (pid,) = heartbeats().values()
        os.killpg(script.pid, signal.SIGTERM)
        assert script.wait(timeout=30) == 143
        assert not heartbeats()  # the worker deleted its row: it stopped gracefully
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
        with pytest.raises(OSError):
            fetch(f"http://127.0.0.1:{port}/healthz")
        assert "Serveur web et processus de tâches arrêtés." in log.read_text()
    finally:
        if script.poll() is None:
            os.killpg(script.pid, signal.SIGKILL)


def test_with_reload_a_code_change_restarts_the_worker_gracefully(tmp_path):
    """`run_worker --reload` (the default under DEBUG, so in `make run`): after a code change the worker finishes,
    deletes its heartbeat and starts again as a new process; SIGTERM to its group then stops it for good."""
    worker = start_worker(process_environment(), tmp_path / "worker.log", "--reload")
    try:
        wait_until(lambda: len(heartbeats()) == 1, what="worker started", processes=[worker])
        (first,) = heartbeats()
        time.sleep(2)  # the watcher has taken its first look at the files
        os.utime(ROOT / "background" / "housekeeping.py")
        wait_until(lambda: heartbeats() and first not in heartbeats(), what="restarted", processes=[worker])
        (second, pid) = next(iter(heartbeats().items()))
        assert pid != worker.popen.pid  # the child of the reloading process
        done = echo.enqueue("rechargé")
        wait_until(lambda: state(done) == TaskResultStatus.SUCCESSFUL, what="task after reload", processes=[worker])
        os.killpg(worker.popen.pid, signal.SIGTERM)
        assert worker.popen.wait(timeout=30) == 0, worker.log_text()
        assert not heartbeats()
        assert "changed: the worker stops after its task and starts again" in worker.log_text()
    finally:
        stop(worker)
