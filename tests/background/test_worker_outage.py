"""A task worker outlives its database: stopped under it (a PostgreSQL restart, an upgrade), the worker waits and
says so in its log instead of ending; once the database is back, it runs the task queued meanwhile.

Nothing is mocked: a throwaway embedded PostgreSQL (as tests/test_outage.py), a real `run_worker` process."""

import os
import shutil
import subprocess
import sys
import time
from urllib.parse import quote

import pytest

from solidarites import embedded_db
from tests.processes import ROOT, kill, start_worker, stop

ENQUEUE = "from tests.background.tasks import echo; print(echo.enqueue('après le redémarrage').id)"
STATUS = "from django_tasks_db.models import DBTaskResult as R; print(R.objects.get(pk='{}').status)"


@pytest.fixture
def own_database():
    # In the project (.pgdata-*, ignored by git), which the server's system user can reach when run as root.
    pgdata = ROOT / f".pgdata-worker-outage-{os.getpid()}"
    settings = embedded_db.start(pgdata, "worker_outage")
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{quote(settings['HOST'], safe='')}/worker_outage",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "worker-outage-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONNECT_TIMEOUT": "2",
        "WORKER_STALE_AFTER": "3",
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    try:
        yield pgdata, env
    finally:
        try:
            embedded_db.stop(pgdata)
        except subprocess.CalledProcessError:
            embedded_db.stop(pgdata, mode="immediate")
        shutil.rmtree(pgdata, ignore_errors=True)


def manage(env, *arguments):
    command = [sys.executable, "manage.py", *arguments]
    output = subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=300, capture_output=True, text=True).stdout
    return output.strip().splitlines()[-1] if output.strip() else ""  # the last line: what the command printed


def wait_until(predicate, seconds, what, worker):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds}s: {what}\n{worker.log_text()[-4000:]}")
        time.sleep(0.3)


def test_the_worker_waits_for_its_database_and_goes_on(own_database, tmp_path):
    pgdata, env = own_database
    worker = start_worker(env, tmp_path / "worker.log")
    try:
        wait_until(lambda: "Starting worker" in worker.log_text(), 60, "worker started", worker)
        embedded_db.stop(pgdata)
        wait_until(lambda: "database unreachable" in worker.log_text(), 30, "the outage noticed", worker)
        time.sleep(3)
        assert worker.popen.poll() is None, worker.log_text()

        embedded_db.start(pgdata, "worker_outage")
        task_id = manage(env, "shell", "-c", ENQUEUE).strip()
        started = time.monotonic()
        wait_until(
            lambda: manage(env, "shell", "-c", STATUS.format(task_id)).strip() == "SUCCESSFUL", 60, "task", worker
        )
        print(f"\ntask queued after the restart run within {time.monotonic() - started:.1f} s")
        assert worker.popen.poll() is None
    finally:
        stop(worker)
        if worker.popen.poll() is None:
            kill(worker)
