"""With its database stopped, the real server answers every page with 503 + Retry-After, then recovers.

Nothing is mocked: a throwaway embedded PostgreSQL is started, the portal is served by gunicorn on it, the
database is stopped with pg_ctl, then started again.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from solidarites import embedded_db

ROOT = Path(__file__).resolve().parent.parent
# Pages fetched with a logged-in session: each needs the database (session, user, data).
PAGES = ["/", "/mon-espace/", "/mentions-legales/", "/mon-profil/", "/comptes/", "/healthz"]
EMAIL, PASSWORD = "coordination@example.org", "Un-mot-de-passe-solide-2015"
CREATE_USER = (
    "from partners.models import User; "
    f"User.objects.create_user('{EMAIL}', '{PASSWORD}', first_name='C', last_name='D', role='coordinator')"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, opener=None):
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(url, status, seconds):
    deadline = time.monotonic() + seconds
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


@pytest.fixture
def portal_on_its_own_database(tmp_path):
    pgdata = tmp_path / "pgdata"
    connection = embedded_db.start(pgdata, "outage")
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{quote(connection['HOST'], safe='')}/outage",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "outage-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",  # plain HTTP on 127.0.0.1
        "DB_CONNECT_TIMEOUT": "2",
    }
    for command in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", CREATE_USER]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=environment, check=True, timeout=300)
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "solidarites.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", 200, 60)
        yield base, pgdata
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        try:
            embedded_db.stop(pgdata)
        except subprocess.CalledProcessError:
            # A throwaway server that a loaded machine did not stop in time (seen once in CI): end it at once.
            embedded_db.stop(pgdata, mode="immediate")


def logged_in_opener(base):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    _, _, body = fetch(base + "/connexion/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD})
    request = urllib.request.Request(base + "/connexion/", data=data.encode(), headers={"Referer": base + "/"})
    with opener.open(request, timeout=15) as response:
        assert response.url.endswith("/mon-espace/")
    return opener


def test_database_down_gives_503_with_retry_after_then_recovers(portal_on_its_own_database):
    base, pgdata = portal_on_its_own_database
    opener = logged_in_opener(base)
    for page in PAGES:
        assert fetch(base + page, opener)[0] == 200, page

    embedded_db.stop(pgdata)
    for _ in range(2):  # both workers, persistent connections included
        for page in PAGES:
            status, headers, body = fetch(base + page, opener)
            assert status == 503, (page, status, body[:500])
            assert headers["Retry-After"] == "30"
            assert "no-store" in headers["Cache-Control"]
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            if page != "/healthz":
                assert "Service momentanément indisponible" in body

    embedded_db.start(pgdata, "outage")
    wait_for(base + "/", 200, 10)
    for page in PAGES:
        assert fetch(base + page, opener)[0] == 200, page
