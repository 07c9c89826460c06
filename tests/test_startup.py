"""Start-up that survives a killed `make run`, and the database faults a running portal survives (issue 11).

Real processes on a throwaway embedded PostgreSQL (its data folder in a temporary directory, given to the
processes by EMBEDDED_PG_DIR, or by DATABASE_URL for the gunicorn servers). Nothing is mocked.
"""

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import psycopg2
import pytest

from solidarites import embedded_db
from tests.processes import (
    ROOT,
    embedded_environment,
    fetch,
    kill,
    logged_in_opener,
    start_runserver,
    start_web,
    stop,
    throwaway_pgdata,
)

DATABASE = "startup"
EMAIL, PASSWORD = "coordination@example.org", "Un-mot-de-passe-solide-2015"
CREATE_USER = (
    "from partners.models import User; "
    f"User.objects.create_user('{EMAIL}', '{PASSWORD}', first_name='C', last_name='D', role='coordinator')"
)
# What a start-up failure must never show (the bug of issue 11, and Python's or the wheel's tracebacks).
NEVER = ["Traceback", "AppRegistryNotReady", "JSONDecodeError"]


def development_environment(pgdata):
    """The environment of `make run`'s commands, with the embedded server's data in `pgdata`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith(("PYTEST_", "DJANGO_"))
    }
    # make run's development mode (the Makefile and scripts/run set it; without it, production mode).
    return {**environment, "DJANGO_DEBUG": "true", "EMBEDDED_PG_DIR": str(pgdata), "EMBEDDED_PG_DATABASE": DATABASE}


def manage(environment, *arguments, timeout=300):
    command = [sys.executable, "manage.py", *arguments]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout)


def assert_clean(result):
    assert result.returncode == 0, result.stderr[-3000:]
    for text in NEVER:
        assert text not in result.stderr, result.stderr[-3000:]


def stop_server(pgdata):
    try:
        embedded_db.stop(pgdata)
    except subprocess.CalledProcessError:
        embedded_db.stop(pgdata, mode="immediate")  # a loaded machine that did not stop it in time


@pytest.fixture(scope="module")
def embedded():
    """A migrated throwaway embedded server, with a coordinator's account: (pgdata, environment of `make run`)."""
    with throwaway_pgdata("solidarites-startup-") as pgdata:
        environment = development_environment(pgdata)
        started = time.monotonic()
        for arguments in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", CREATE_USER]):
            assert_clean(manage(environment, *arguments))
        print(f"embedded server initialised and migrated in {time.monotonic() - started:.1f} s")
        yield pgdata, environment


def test_sigterm_to_make_run_leaves_a_state_from_which_the_next_start_works(embedded, tmp_path):
    """The reproduction of issue 11: `make run`, `kill -TERM -- -<its process group>`, `make run` again."""
    pgdata, environment = embedded
    first = start_runserver(environment, tmp_path / "first.log")
    kill(first, signal.SIGTERM)  # the whole process group: the reloader and the server it runs
    bookkeeping = pgdata / embedded_db.BOOKKEEPING
    print(f"after SIGTERM: .handle_pids.json = {bookkeeping.read_text()!r}")
    for text in NEVER:
        assert text not in first.log_text(), first.log_text()[-3000:]
    # The reloader SIGKILLs its child, which may be rewriting the file (truncate, then write): whether or not
    # this run hit that moment, the next start must cope with what it leaves.
    bookkeeping.write_text("")

    for arguments in (["migrate", "--noinput"], ["check"]):  # make run's first step, and any command
        assert_clean(manage(environment, *arguments))
    second = start_runserver(environment, tmp_path / "second.log")  # answers /healthz, or raises
    stop(second)


@pytest.mark.parametrize(
    "content, server_stopped",
    [("", False), ("", True), ('{"pids": [12', False), ('[1, "x"]', False), ("\x00\x00\x00", True)],
    ids=["empty", "empty-server-stopped", "truncated", "not-pids", "binary-server-stopped"],
)
def test_an_empty_or_corrupt_bookkeeping_file_is_repaired(embedded, content, server_stopped):
    pgdata, environment = embedded
    if server_stopped:
        stop_server(pgdata)
    bookkeeping = pgdata / embedded_db.BOOKKEEPING
    bookkeeping.write_text(content)

    assert_clean(manage(environment, "check"))
    pids = json.loads(bookkeeping.read_text())
    assert isinstance(pids, list) and all(isinstance(pid, int) for pid in pids), pids


def test_a_killed_server_whose_pid_was_reused_starts_again(embedded):
    """The server killed (power cut, OOM killer), and its pid taken since by another process: PostgreSQL would
    refuse to start while postmaster.pid names a live process."""
    pgdata, environment = embedded
    embedded_db.start(pgdata, DATABASE)
    lock = pgdata / "postmaster.pid"
    lines = lock.read_text().splitlines()
    server = psutil.Process(int(lines[0]))
    helpers = server.children()
    server.kill()
    psutil.wait_procs([server, *helpers], timeout=30)  # they leave PostgreSQL's shared memory as they end
    lock.write_text("\n".join([str(os.getpid()), *lines[1:]]) + "\n")  # this test's own process

    assert_clean(manage(environment, "check"))
    assert int(lock.read_text().splitlines()[0]) != os.getpid()


def break_data_folder(pgdata, kind):
    if kind == "file":
        pgdata.write_text("not a folder")  # EMBEDDED_PG_DIR pointing at a file
    else:
        pgdata.mkdir()
        (pgdata / "PG_VERSION").write_text("9.6\n")  # a damaged folder, or one of another PostgreSQL
    return pgdata


@pytest.mark.parametrize("kind", ["file", "damaged"])
@pytest.mark.parametrize(
    "command",
    [
        ["manage.py", "check"],
        ["manage.py", "migrate", "--noinput"],
        ["manage.py", "runserver", "127.0.0.1:0"],  # with its reloader, as `make run` starts it
        ["-m", "pytest", "-q", "-n", "0", "-p", "no:randomly", "tests/test_settings.py"],
    ],
    ids=["check", "migrate", "runserver", "pytest"],
)
def test_an_unrecoverable_start_says_why_and_what_to_do(kind, command):
    with throwaway_pgdata() as pgdata:
        environment = development_environment(break_data_folder(pgdata, kind))
        result = subprocess.run(
            [sys.executable, *command], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
        )
    print(result.stderr)
    assert result.returncode == (4 if "pytest" in command else 1)
    assert "Le serveur PostgreSQL embarqué n'a pas pu démarrer" in result.stderr
    assert "Cause : " in result.stderr
    assert "Que faire : " in result.stderr and "make db-stop" in result.stderr and "DATABASE_URL" in result.stderr
    if kind == "damaged":
        assert "pg_control" in result.stderr  # what PostgreSQL said
    for text in NEVER:
        assert text not in result.stderr
    assert len(result.stderr.splitlines()) < 25


def test_the_request_after_a_database_restart_works(embedded, tmp_path):
    """Persistent connections (CONN_MAX_AGE) broken by a restart are replaced before use (CONN_HEALTH_CHECKS)."""
    pgdata, _ = embedded
    environment = embedded_environment(pgdata, DATABASE)
    web = start_web(environment, tmp_path / "web.log")
    try:
        opener = logged_in_opener(web.base, EMAIL, PASSWORD)
        for _ in range(4):  # each gunicorn worker now holds a connection
            assert fetch(web.base + "/annuaire/", opener)[0] == 200

        started = time.monotonic()
        stop_server(pgdata)
        embedded_db.start(pgdata, DATABASE)
        print(f"database restarted in {time.monotonic() - started:.1f} s")

        for _ in range(4):  # both workers, each with a connection to the former server
            status, _, body = fetch(web.base + "/annuaire/", opener)
            assert status == 200, (status, body[:500], web.log_text()[-3000:])
    finally:
        stop(web)


def test_a_statement_timeout_gives_the_503_page(embedded, tmp_path):
    """A query cancelled by DB_STATEMENT_TIMEOUT_MS (here stuck behind a lock the test holds) is a 503 with
    Retry-After and the French page, not a 500; the page answers again once the lock is released."""
    pgdata, _ = embedded
    environment = embedded_environment(pgdata, DATABASE, DB_STATEMENT_TIMEOUT_MS=1000)
    web = start_web(environment, tmp_path / "web.log")
    blocker = psycopg2.connect(**_psycopg2_settings(embedded_db.start(pgdata, DATABASE)))
    try:
        opener = logged_in_opener(web.base, EMAIL, PASSWORD)
        assert fetch(web.base + "/annuaire/", opener)[0] == 200
        with blocker.cursor() as cursor:
            cursor.execute("LOCK TABLE partners_organisation IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        status, headers, body = fetch(web.base + "/annuaire/", opener)
        print(f"cancelled after {time.monotonic() - started:.1f} s (statement_timeout 1 s)")
        assert status == 503, (status, body[:500])
        assert headers["Retry-After"] == "30"
        assert "Service momentanément indisponible" in body.decode()
        assert "QueryCanceled" in web.log_text() or "statement timeout" in web.log_text()

        blocker.rollback()
        assert fetch(web.base + "/annuaire/", opener)[0] == 200
    finally:
        blocker.close()
        stop(web)


def _psycopg2_settings(database):
    return {"host": database["HOST"], "user": database["USER"], "dbname": database["NAME"], "connect_timeout": 5}
