"""Two web servers and two task workers on one database, as behind a load balancer (issue 11, item 5).

Real processes (tests/processes.py): two gunicorn servers A and B (two workers each) and two task workers, on the
test database, with the same MEDIA_ROOT (the shared filesystem) and nothing else in common. Nothing is mocked.

The task workers are the portal's own `run_worker`; a real SMTP server (aiosmtpd, tests/background/smtp.py)
receives a batch of e-mails of the outbox that the two workers share, each message delivered once.
"""

import http.cookiejar
import re
import time
import urllib.request
import uuid

import pytest
from django.core.mail import send_mail
from django.db import connection, transaction
from django.urls import reverse

from partners.models import Organisation, SentEmail
from tests.background import scaleout_tasks
from tests.background.smtp import SlowSMTPServer
from tests.partners.factories import PASSWORD, UserFactory
from tests.processes import fetch, process_environment, start_web, start_worker, stop
from tests.workshops.factories import group, meeting, structure

EMAIL = "coordination.deux-serveurs@example.org"
TASKS = 30
EMAILS = 40
DOCUMENT = b"%PDF-1.4\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"  # every byte value, 16 KB


def csrf_token(body):
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()


def log_in(base, opener):
    _, _, body = fetch(base + reverse("accounts:login"), opener)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf_token(body), "username": EMAIL, "password": PASSWORD})
    status, _, _ = fetch(base + reverse("accounts:login"), opener, data=data.encode())
    assert status == 200  # after the redirect to « Mon espace »


def multipart(fields, files):
    """(body, content type) of a form with `fields` {name: text} and `files` {name: (filename, bytes)}."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def structures_shown(base, opener):
    """The number of structures the partner map says it has (its title), from the cached « À traiter » figures."""
    status, _, body = fetch(base + reverse("programme:partner_map"), opener)
    assert status == 200
    return int(re.search(rb"\((\d+) structures?\)", body).group(1))


@pytest.fixture
def runs_table(transactional_db):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {scaleout_tasks.TABLE} (number integer NOT NULL, pid integer NOT NULL)")
    yield scaleout_tasks.TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {scaleout_tasks.TABLE}")


def test_two_web_servers_and_two_workers_share_sessions_files_cache_and_queue(
    transactional_db, runs_table, tmp_path, settings, capsys
):
    UserFactory(email=EMAIL, coordinator=True)
    session = meeting(group("DS"), title="Séance sur deux serveurs")
    for name in ("Maison des solidarités", "Centre social des Tilleuls", "Club de prévention"):
        structure(name)
    smtp = SlowSMTPServer(delay=0.05).start()
    env = process_environment(MEDIA_ROOT=str(tmp_path / "media"), **smtp.environment())  # the shared filesystem
    servers = []
    try:
        a = start_web(env, tmp_path / "web-a.log")
        servers.append(a)
        b = start_web(env, tmp_path / "web-b.log")
        servers.append(b)
        servers += [start_worker(env, tmp_path / f"worker-{n}.log") for n in (1, 2)]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

        # Signed in through A, the same session cookie is valid on B: sessions are rows of the shared database.
        log_in(a.base, browser)
        status, _, body = fetch(b.base + reverse("my_space"), browser)
        assert status == 200 and b'name="password"' not in body  # not sent back to the sign-in form
        assert fetch(b.base + reverse("my_space"))[2].count(b'name="password"') == 1  # as one is without the cookie

        # A document uploaded through A is downloaded through B (its permission-checked view), byte for byte.
        add_url = reverse("workshops:document_add", args=[session.pk])
        _, _, form = fetch(a.base + add_url, browser)
        fields = {"csrfmiddlewaretoken": csrf_token(form), "title": "Ordre du jour"}
        data, content_type = multipart(fields, {"file": ("ordre-du-jour.pdf", DOCUMENT)})
        status, _, _ = fetch(a.base + add_url, browser, data=data, headers={"Content-Type": content_type})
        assert status == 200  # the meeting page, after the redirect
        document = session.documents.get()
        url = reverse("workshops:document_download", args=[session.pk, document.pk])
        status, headers, body = fetch(b.base + url, browser)
        assert status == 200 and body == DOCUMENT
        assert 'filename="ordre-du-jour.pdf"' in headers["Content-Disposition"]
        assert b'name="password"' in fetch(b.base + url)[2]  # without the session: the sign-in form

        # The partner map's « À traiter » figures are cached; a change through A drops them for B too.
        before = structures_shown(b.base, browser)
        assert structures_shown(b.base, browser) == before  # both of B's workers, from the shared cache
        club = Organisation.objects.get(name="Club de prévention")
        deactivate = reverse("partners:organisation_deactivate", args=[club.pk])
        _, _, page = fetch(a.base + deactivate, browser)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf_token(page)}).encode()
        assert fetch(a.base + deactivate, browser, data=data)[0] == 200
        assert [structures_shown(b.base, browser) for _ in range(4)] == [before - 1] * 4

        # Tasks queued once each are run once each, shared by the two workers.
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        for number in range(TASKS):
            scaleout_tasks.record_run.enqueue(number)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and count_runs(runs_table) < TASKS:
            time.sleep(0.3)
        time.sleep(1)  # a second run, were there one, would show now
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number, pid FROM {runs_table}")
            runs = cursor.fetchall()
        assert sorted(number for number, _ in runs) == list(range(TASKS)), runs
        with capsys.disabled():
            split = {pid: sum(1 for _, p in runs if p == pid) for pid in sorted({pid for _, pid in runs})}
            print(f"\n{TASKS} tasks, each run once; runs per worker process: {split}")

        # A batch of e-mails of the outbox, delivered by the two workers: each message once.
        with transaction.atomic():
            for number in range(EMAILS):
                send_mail(f"Message {number}", "Bonjour.", None, [f"destinataire{number}@example.org"])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and SentEmail.objects.filter(status="sent").count() < EMAILS:
            time.sleep(0.3)
        time.sleep(1)  # a second delivery, were there one, would show now
        assert SentEmail.objects.filter(status="sent").count() == EMAILS
        accepted = smtp.handler.accepted()
        assert len(accepted) == len(set(accepted)) == EMAILS  # each Message-ID once
        with capsys.disabled():
            print(f"{EMAILS} e-mails of the outbox delivered once each by the two workers")
    finally:
        stop(*servers)
        smtp.stop()
    for process in servers:
        assert "Traceback" not in process.log_text(), process.log_text()


def count_runs(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]
