# Two commands on a fresh machine: `make run` and `make test`. Each sets up what it needs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The portal runs in production mode unless DJANGO_DEBUG=true (README « Configuration »): every target here is
# for a development machine, so it asks for the development mode, unless the environment already says.
export DJANGO_DEBUG ?= true
# Production-like environment for `check --deploy` (never used to serve anything; the database is never reached).
PROD_ENV := DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=solidarites.example.org \
	DATABASE_URL=postgres://check-deploy@127.0.0.1:1/none \
	DJANGO_SECRET_KEY=check-deploy-only-6f1d0c9a8b7e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d

.PHONY: help venv run test quality fix db-stop backup restore restore-check bench audit clean
help:
	@echo "make run      Serve the portal at http://127.0.0.1:8000 with demo data, and run its background tasks"
	@echo "make test     Run the whole test suite (unit, views, permissions, browser, axe)"
	@echo "make quality  Linters, formatting, migrations and deploy checks"
	@echo "make fix      Reformat code and templates"
	@echo "make db-stop  Stop the embedded PostgreSQL server"
	@echo "make backup   Back up the database and the uploaded files to backups/ (BACKUP_DIR=… elsewhere)"
	@echo "make restore BACKUP=backups/solidarites-…  Restore into the portal's empty database (DATABASE=name: a new one)"
	@echo "make restore-check BACKUP=…  Restore into a temporary database, compare, delete it"
	@echo "make bench    Page-speed ratios at 1x and 100x data (about 50 min; knobs in scripts/bench.py)"
	@echo "make audit    Dependencies against known advisories (needs the network; not part of test/quality)"

$(STAMP): requirements.txt requirements-dev.txt
	@python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis.")'
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

run: venv
	scripts/system-deps run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	PY=$(PY) scripts/run 127.0.0.1:8000

# Both cores: one xdist worker each, with its own test database (test_solidarites_gw0, _gw1) on the embedded
# server, which collectstatic starts first so that the workers do not race to start it. worksteal hands each
# worker one half of the (randomly ordered) suite and rebalances at the end; a class of tests that shares its
# objects stays in one piece. One module alone: make test PYTEST_ARGS="-n 0 tests/partners/test_axes.py".
PYTEST_WORKERS ?= auto
test: venv
	scripts/system-deps test
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

quality: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates solidarites/demo/templates --check
	$(VENV)/bin/djlint templates solidarites/demo/templates --lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PROD_ENV) $(PY) manage.py check --deploy --fail-level WARNING

fix: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates solidarites/demo/templates --reformat

# Page-speed benchmark of quality.md §4, on its own database (bench_solidarites), dropped at the end.
bench: venv
	scripts/system-deps run
	scripts/bench

# Known advisories: the Python dependencies (pip-audit; --strict fails when a package could not be checked, rather
# than reporting « no known vulnerabilities » for it) and the vendored front-end libraries (their record first,
# then the npm advisory service). Needs the network, so it is not part of `make test` nor `make quality`.
# Another advisory source: make audit PIP_AUDIT_ARGS="-s osv".
audit: venv
	$(PY) -m pytest -q -n 0 -p no:randomly tests/test_vendor.py
	$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt $(PIP_AUDIT_ARGS)
	$(PY) scripts/audit_vendor.py

db-stop: venv
	$(PY) -m solidarites.embedded_db stop

# Backups (README « Sauvegardes et restauration »).
BACKUP_DIR ?= backups
backup: venv
	$(PY) manage.py backup --output "$(BACKUP_DIR)"

restore: venv
	@test -n "$(BACKUP)" || { echo "Usage : make restore BACKUP=backups/solidarites-AAAA-MM-JJ-HHMMSS [DATABASE=nom]"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" $(if $(DATABASE),--database "$(DATABASE)")

restore-check: venv
	@test -n "$(BACKUP)" || { echo "Usage : make restore-check BACKUP=backups/solidarites-AAAA-MM-JJ-HHMMSS"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)" --check

clean:
	rm -rf staticfiles .pytest_cache .ruff_cache
