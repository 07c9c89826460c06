"""The demo app only exists in development or for the benchmark: in production mode (DJANGO_DEBUG=false, as the
Makefile's PROD_ENV), `manage.py load_demo` is an unknown command and `/_perf/floor/` is not routed (404).

Each case starts a fresh Python process, since INSTALLED_APPS and the URLs are settled when Django starts."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "solidarites.example.org",
    "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",  # production mode refuses the embedded server; never reached
    "DJANGO_SECRET_KEY": "check-deploy-only-6f1d0c9a8b7e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d",
}
# Prints whether the demo app is installed and what /_perf/floor/ resolves to (« 404 » when nothing does).
RESOLVE_FLOOR = """
import django
django.setup()
from django.apps import apps
from django.urls import Resolver404, resolve
try:
    name = resolve("/_perf/floor/").url_name
except Resolver404:
    name = "404"
print(apps.is_installed("solidarites.demo"), name)
"""


def run(*args, **variables):
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_DEMO_APP"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**environment, **variables},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_load_demo_is_an_unknown_command_in_production():
    result = run("manage.py", "load_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr
    assert "Unknown command: 'bench_data'" in run("manage.py", "bench_data", **PRODUCTION).stderr


def test_the_benchmark_floor_is_not_routed_in_production():
    result = run("-c", RESOLVE_FLOOR, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "404"]


def test_the_benchmark_asks_for_the_demo_app_in_production_mode():
    result = run("-c", RESOLVE_FLOOR, DJANGO_DEMO_APP="true", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "perf_floor"]


def test_development_has_the_demo_app_by_default():
    result = run("-c", RESOLVE_FLOOR, DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "perf_floor"]
    assert "load_demo" in run("manage.py", "help", "load_demo", DJANGO_DEBUG="true").stdout
