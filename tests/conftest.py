"""Shared test setup: reference data, per-test settings, personas, and objects kept for a class of tests."""

import importlib
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction

from tests.partners.factories import UserFactory

# Playwright's sync API keeps an event loop in the test thread; the ORM calls made there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PERSONAS = ["anonymous", "outsider", "partner", "reader", "coordinator", "admin", "inactive"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Test databases do not wait for the disk at each commit (synchronous_commit=off, per session): a crash
    could lose the last transactions of a test database, which is thrown away anyway. Commits, locks and
    isolation behave as in production."""
    options = django_settings.DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


def pytest_sessionstart(session):
    # Pages are rendered with the production static storage (hashed names), which needs collected files.
    if not (django_settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)


def ensure_reference_data():
    """Put back the reference data of the data migrations (axes, structure types, funders) if a flush removed it."""
    from django.apps import apps

    from actionsheets.models import Funder
    from partners.models import OrganisationType

    if not OrganisationType.objects.exists():
        importlib.import_module("partners.migrations.0003_reference_data").create_reference_data(apps, None)
        importlib.import_module("partners.migrations.0015_imports").add_synonyms(apps, None)
    if not Funder.objects.exists():
        importlib.import_module("actionsheets.migrations.0002_reference_data").create_reference_data(apps, None)


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Put back the reference data of the data migrations (axes, structure types) when a browser test's flush
    removed it. (pytest-django's serialized rollback did not restore it when both kinds of tests run together.)"""
    names = request.fixturenames
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    ensure_reference_data()


def kept_for_the_class(django_db_blocker, build, *args):
    """For a class-scoped fixture (`yield from kept_for_the_class(django_db_blocker, build)`): `build(*args)`
    runs once inside an outer transaction, and what it made is there for every test of the class; each test
    runs in its own savepoint (pytest-django's `db`), so a POST of one case never reaches the next, and all is
    rolled back when the class is done. pytest-randomly keeps a class's tests together; xdist may split them
    between workers, and each piece then builds its own."""
    # A test's own response.close() fires request_finished, whose close_old_connections would drop the
    # connection (not in autocommit mode) and the outer transaction with it: keep it for the class.
    connection.close_if_unusable_or_obsolete = lambda: None
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock():
            ensure_reference_data()
            made = build(*args)
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        del connection.close_if_unusable_or_obsolete


@pytest.fixture(autouse=True)
def _portal_test_settings(settings, tmp_path, request):
    # Real e-mail capture: the outbox (rows; the delivery task runs at commit, at once with the immediate task
    # backend) in front of Django's in-memory outbox.
    settings.EMAIL_BACKEND = "partners.mail.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tasks run at once, inside the test; the tests of the worker itself start a real `run_worker` process.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    names = request.fixturenames
    if "transactional_db" in names or "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
        caches["default"].clear()  # the shared caches are database tables, which transactional tests keep
        caches["fragments"].clear()
    caches["local"].clear()
    yield
    caches["local"].clear()


def organisation(name):
    """A structure of the test directory, made once per test ("own": the partner's, "other": the outsider's)."""
    from partners.models import Organisation, OrganisationType

    kind = OrganisationType.objects.get(code="asso")
    return Organisation.objects.get_or_create(name=name, type=kind)[0]


def partner_of(organisation_name, **fields):
    """A partner account linked to an interlocutor of `organisation_name` (the one with its e-mail, if any)."""
    from partners.models import Contact

    user = UserFactory(**fields)
    contact = Contact.objects.filter(email__iexact=user.email).first()
    if contact is None:
        contact = Contact(
            organisation=organisation(organisation_name),
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
        )
    contact.user = user
    contact.save()
    return user


OWN, OTHER = "Association du partenaire", "Association extérieure"


def make_persona(name):
    """The user behind a persona name (None for anonymous)."""
    factories = {
        "anonymous": lambda: None,
        "outsider": lambda: partner_of(OTHER, email="exterieur@example.org", first_name="Omar", last_name="Extérieur"),
        "partner": lambda: partner_of(OWN, email="partenaire@example.org", first_name="Paula", last_name="Partenaire"),
        "reader": lambda: UserFactory(email="lecteur@example.org", reader=True),
        "coordinator": lambda: UserFactory(email="coordination@example.org", coordinator=True),
        "admin": lambda: UserFactory(email="admin@example.org", admin=True),
        "inactive": lambda: UserFactory(email="inactif@example.org", inactive=True),
    }
    return factories[name]()


@pytest.fixture
def persona_client(client):
    """persona_client("coordinator") -> a test client logged in as that persona."""

    def login_as(name):
        user = make_persona(name)
        if user is not None:
            client.force_login(user)
        client.user = user
        return client

    return login_as


@pytest.fixture
def coordinator(db):
    return make_persona("coordinator")


@pytest.fixture
def partner(db):
    return make_persona("partner")


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client
