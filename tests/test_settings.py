import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from solidarites.lib import env

ROOT = Path(__file__).resolve().parent.parent


def import_settings(code="import django; django.setup()", **variables):
    """Load the portal's settings in a fresh process with only `variables` among the DJANGO_* and DATABASE_URL
    ones (the test run's own, e.g. the development mode that pytest sets, do not leak in)."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="solidarites.settings", **variables)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY (ou DJANGO_SECRET_KEY_FILE) est obligatoire en production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS est obligatoire en production" in result.stderr


def test_malformed_value_stops_start_up_with_a_clear_message():
    result = import_settings(DJANGO_DEBUG="peut-être")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='peut-être' n'est pas un booléen" in result.stderr


def test_non_postgresql_database_url_is_refused():
    result = import_settings(DJANGO_DEBUG="true", DATABASE_URL="mysql://u:p@localhost/base")
    assert result.returncode != 0
    assert "DATABASE_URL doit désigner un serveur PostgreSQL" in result.stderr


# Settings only: a PostgreSQL address that is never connected to.
NO_DATABASE = "postgres://nobody@127.0.0.1:1/none"
PRINT_MODE = (
    "from django.conf import settings; "
    "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)"
)


def test_production_mode_is_the_default_without_an_explicit_development_setting():
    """Issue 13, finding 3: an environment file that forgets DJANGO_DEBUG runs in production mode."""
    result = import_settings(
        PRINT_MODE, DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="example.org", DATABASE_URL=NO_DATABASE
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "31536000"]


def test_without_any_setting_the_portal_refuses_to_start_and_says_how_to_develop():
    result = import_settings(DATABASE_URL=NO_DATABASE)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY (ou DJANGO_SECRET_KEY_FILE) est obligatoire en production" in result.stderr
    assert "DJANGO_DEBUG=true" in result.stderr  # the way to the development mode


def test_manage_py_says_the_refusal_in_french_without_a_traceback():
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DATABASE_URL": NO_DATABASE},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "est obligatoire en production" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_embedded_database_is_refused_in_production_mode():
    result = import_settings(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "Le serveur PostgreSQL embarqué est réservé au développement" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_development_mode_is_explicit_and_keeps_its_conveniences():
    result = import_settings(PRINT_MODE, DJANGO_DEBUG="true", DATABASE_URL=NO_DATABASE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "0"]


def test_the_test_run_itself_is_in_development_mode():
    """pytest loads the settings through tests/settings.py, which asks for the development mode (pytest-django
    then turns DEBUG off for the tests themselves, so the development defaults are what shows it)."""
    assert os.environ["DJANGO_DEBUG"] == "true"
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SESSION_COOKIE_SECURE is False


@pytest.mark.parametrize(
    ("name", "raw", "reader", "expected"),
    [
        ("X", "oui", lambda: env.env_bool("X", False), True),
        ("X", "0", lambda: env.env_bool("X", True), False),
        ("X", " 42 ", lambda: env.env_int("X", 1), 42),
        ("X", "a, b,,c", lambda: env.env_list("X"), ["a", "b", "c"]),
    ],
)
def test_typed_readers(monkeypatch, name, raw, reader, expected):
    monkeypatch.setenv(name, raw)
    assert reader() == expected


@pytest.mark.parametrize(("raw", "message"), [("12x", "n'est pas un nombre entier"), ("0", "trop petit")])
def test_int_reader_rejects_bad_values(monkeypatch, raw, message):
    monkeypatch.setenv("X", raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        env.env_int("X", 5, minimum=1)


def test_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert env.env_secret("MY_SECRET") == "s3cr3t"


def test_french_locale_time_zone_and_database_settings():
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["CONN_HEALTH_CHECKS"] is True
    assert "statement_timeout" in database["OPTIONS"]["options"]
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_statement_timeout_is_applied_by_the_server():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT setting::int FROM pg_settings WHERE name = 'statement_timeout'")
        assert cursor.fetchone()[0] == settings.STATEMENT_TIMEOUT_MS


def test_env_example_documents_every_variable():
    import re

    source = (ROOT / "solidarites" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|secret)\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read - documented == set()


def test_ids_are_printed_without_grouping_and_amounts_with_it():
    """Ids in attributes must survive pk ≥ 1000 (a grouped « 1 234 » broke form fields and options)."""
    from decimal import Decimal

    from django.template import Context, Template

    from solidarites.lib.text import readable as display

    assert Template('<input id="x-{{ pk }}" value="{{ pk }}">').render(Context({"pk": 12345})) == (
        '<input id="x-12345" value="12345">'
    )
    assert display(Decimal("12345.5")).replace("\u202f", " ").replace("\xa0", " ") == "12 345,50"
