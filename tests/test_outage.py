"""With its database stopped, the real server answers every page with 503 + Retry-After, then recovers.

Nothing is mocked: a throwaway embedded PostgreSQL is started, the portal is served by gunicorn on it
(tests/processes.py), the database is stopped with pg_ctl, then started again.
"""

import subprocess
import sys

import pytest

from solidarites import embedded_db
from tests.processes import (
    ROOT,
    embedded_environment,
    fetch,
    logged_in_opener,
    start_web,
    stop,
    throwaway_pgdata,
    wait_for,
)

# Pages fetched with a logged-in session: each needs the database (session, user, data).
PAGES = ["/", "/mon-espace/", "/mentions-legales/", "/mon-profil/", "/comptes/", "/healthz"]
EMAIL, PASSWORD = "coordination@example.org", "Un-mot-de-passe-solide-2015"
CREATE_USER = (
    "from partners.models import User; "
    f"User.objects.create_user('{EMAIL}', '{PASSWORD}', first_name='C', last_name='D', role='coordinator')"
)


@pytest.fixture
def portal_on_its_own_database(tmp_path):
    with throwaway_pgdata("solidarites-outage-") as pgdata:
        environment = embedded_environment(pgdata, "outage")
        for command in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", CREATE_USER]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=environment, check=True, timeout=300)
        server = start_web(environment, tmp_path / "gunicorn.log")
        try:
            yield server.base, pgdata
        finally:
            stop(server)


def test_database_down_gives_503_with_retry_after_then_recovers(portal_on_its_own_database):
    base, pgdata = portal_on_its_own_database
    opener = logged_in_opener(base, EMAIL, PASSWORD)
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
                assert "Service momentanément indisponible" in body.decode()

    embedded_db.start(pgdata, "outage")
    wait_for(base + "/", 200, 10)
    for page in PAGES:
        assert fetch(base + page, opener)[0] == 200, page
