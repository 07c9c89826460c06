"""The settings of a portal on several machines: shared caches, Redis, an S3-compatible file store.

Each case loads solidarites.settings in a fresh process with its environment. S3 cannot run here and boto3 must
not be installed (it would downgrade python-dateutil): the S3 case is checked at the settings level only, with an
empty stand-in `boto3` package on the path — the only mock of the test suite. Redis is not installed on this
machine either: its case checks the configuration and that Django builds its cache from it (no connection is made
before the first use).
"""

import importlib
import json
import os
import subprocess
import sys

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db.migrations.recorder import MigrationRecorder

from background.storage import LocalStorage
from tests.processes import ROOT

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from django.core.cache import caches
print(json.dumps({
    "caches": settings.CACHES,
    "storage": settings.STORAGES["default"],
    "default_cache_class": type(caches["default"]).__name__,
}, default=str))
"""


def load_settings(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STORAGE_S3_", "REDIS_URL", "DJANGO_SETTINGS_MODULE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="solidarites.settings",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",  # never connected to: settings only
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    return result


def test_by_default_the_caches_are_postgresql_tables_made_by_a_migration(db):
    for name, table in (("default", "solidarites_cache_default"), ("fragments", "solidarites_cache_fragments")):
        assert settings.CACHES[name]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        assert settings.CACHES[name]["LOCATION"] == table
        caches[name].set("shared", name)  # the table exists in the migrated test database
        assert caches[name].get("shared") == name
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # sessions are shared rows too
    migration = importlib.import_module("background.migrations.0004_cache_tables")
    assert migration.TABLES == ("solidarites_cache_default", "solidarites_cache_fragments")
    assert MigrationRecorder.Migration.objects.filter(app="background", name="0004_cache_tables").exists()


def test_by_default_files_go_to_the_local_storage_without_partial_files():
    assert settings.STORAGES["default"] == {"BACKEND": "background.storage.LocalStorage"}
    assert type(storages["default"]) is LocalStorage


def test_redis_url_puts_both_shared_caches_in_redis():
    result = load_settings(REDIS_URL="redis://cache.example:6379/2")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    for name in ("default", "fragments"):
        assert found["caches"][name]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
        assert found["caches"][name]["LOCATION"] == "redis://cache.example:6379/2"
    assert found["caches"]["default"]["KEY_PREFIX"] != found["caches"]["fragments"]["KEY_PREFIX"]
    assert found["default_cache_class"] == "RedisCache"


def test_an_s3_bucket_without_boto3_stops_start_up_with_a_french_message():
    result = load_settings(STORAGE_S3_BUCKET="portail-fichiers")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "STORAGE_S3_BUCKET est renseigné mais la bibliothèque boto3 n'est pas installée" in result.stderr
    assert "requirements-s3.txt" in result.stderr


def test_an_s3_bucket_makes_a_private_signed_never_overwriting_s3_storage(tmp_path):
    stand_in = tmp_path / "boto3"
    stand_in.mkdir()
    (stand_in / "__init__.py").write_text('"""Stand-in: boto3 cannot be installed here."""\n')
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    result = load_settings(
        PYTHONPATH=str(tmp_path),
        STORAGE_S3_BUCKET="portail-fichiers",
        STORAGE_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        STORAGE_S3_REGION="fr-par",
        STORAGE_S3_ACCESS_KEY="AKIA-TEST",
        STORAGE_S3_SECRET_KEY_FILE=str(secret),
        STORAGE_S3_PREFIX="solidarites",
    )
    assert result.returncode == 0, result.stderr
    storage = json.loads(result.stdout)["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "portail-fichiers",
        "endpoint_url": "https://s3.fr-par.scw.cloud",
        "region_name": "fr-par",
        "access_key": "AKIA-TEST",
        "secret_key": "s3cr3t",
        "location": "solidarites",
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
