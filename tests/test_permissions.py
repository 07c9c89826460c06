"""URL × persona × method: what every persona gets on every named URL of the portal.

Add a row for every new URL; test_every_named_url_is_covered fails otherwise.
Expected codes: 200 page, 302 redirect (to the login page for anonymous users), 403 logged in without the
right, 404 outside the user's scope, 405 wrong method.
"""

import io
import shutil
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from partners.models import Commune
from tests.actionsheets import matrix_public
from tests.actionsheets.matrix import SHEETS_MATRIX, sheet_objects
from tests.actionsheets.matrix_editor import EDITOR_MATRIX
from tests.actionsheets.matrix_history import HISTORY_MATRIX
from tests.actionsheets.matrix_list import LIST_MATRIX
from tests.background import matrix_documents, matrix_outbox, matrix_worker
from tests.conftest import PERSONAS, kept_for_the_class, make_persona
from tests.partners import matrix_gdpr, matrix_help, matrix_imports, matrix_pickers
from tests.partners.factories import UserFactory
from tests.programme import (
    matrix_axes,
    matrix_copil,
    matrix_coverage,
    matrix_dashboard,
    matrix_overlaps,
    matrix_partner_map,
    matrix_snapshots,
    matrix_timeline,
)
from tests.workshops import matrix_exports, matrix_invitations, matrix_setup
from tests.workshops.matrix import WORKSHOPS_MATRIX, workshop_objects
from tests.workshops.matrix_register import REGISTER_MATRIX, register_objects

ALL_200 = dict.fromkeys(PERSONAS, 200)
LOGGED_IN = {"anonymous": 302, "inactive": 302}  # inactive accounts are treated as logged out
MEMBERS_200 = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
MEMBERS_405 = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
MEMBERS_302 = dict.fromkeys(PERSONAS, 302)
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}


MEMBERS_403 = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 403, "admin": 403}
# the partner's own structure: its partner may edit it, nobody else but coordinators
OWN_WRITE = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
# deactivated objects are visible to coordinators only
HIDDEN = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 404, "coordinator": 200, "admin": 200}


def only(code, **overrides):
    return {**COORDINATION, "coordinator": code, "admin": code, **overrides}


def target(objects):
    return {"pk": objects["target"].pk}


def own(objects):
    return {"pk": objects["own"].pk}


def hidden_org(objects):
    return {"pk": objects["hidden_org"].pk}


def own_contact(objects):
    return {"pk": objects["own_contact"].pk}


def hidden_contact(objects):
    return {"pk": objects["hidden_contact"].pk}


def two_orgs(objects):
    return {"keep": objects["own"].pk, "remove": objects["other"].pk}


def batch(objects):
    return {"pk": objects["batch"].pk}


def csv_format(objects):
    return {"fmt": "csv"}


def set_password_link(objects):
    return {"uidb64": "MQ", "token": "jeton-invalide"}


# (url name, kwargs builder, method, POST data, {persona: expected status})
MATRIX = [
    ("home", None, "get", None, ALL_200),
    ("legal_notice", None, "get", None, ALL_200),
    ("personal_data", None, "get", None, ALL_200),
    ("accessibility", None, "get", None, ALL_200),
    ("site_map", None, "get", None, ALL_200),
    ("help", None, "get", None, ALL_200),
    ("contact", None, "get", None, ALL_200),
    ("healthz", None, "get", None, ALL_200),
    ("healthz", None, "post", {}, dict.fromkeys(PERSONAS, 405)),
    ("commune_logo", None, "get", None, ALL_200),
    ("my_space", None, "get", None, MEMBERS_200),
    ("perf_floor", None, "get", None, MEMBERS_200),  # benchmark floor (scripts/bench)
    ("extend_session", None, "post", {}, MEMBERS_200),
    ("extend_session", None, "get", None, MEMBERS_405),
    ("accounts:login", None, "get", None, {**dict.fromkeys(PERSONAS, 302), "anonymous": 200, "inactive": 200}),
    ("accounts:logout", None, "post", {}, MEMBERS_302),
    ("accounts:logout", None, "get", None, MEMBERS_405),
    ("accounts:password_reset", None, "get", None, ALL_200),
    ("accounts:password_reset", None, "post", {"email": "x@example.org"}, dict.fromkeys(PERSONAS, 302)),
    ("accounts:password_reset_done", None, "get", None, ALL_200),
    ("accounts:set_password", set_password_link, "get", None, ALL_200),
    ("accounts:set_password_done", None, "get", None, ALL_200),
    ("accounts:profile", None, "get", None, MEMBERS_200),
    ("accounts:profile", None, "post", {}, MEMBERS_200),  # 200: the preferences form comes back with its errors
    ("accounts:password_change", None, "get", None, MEMBERS_200),
    ("accounts:account_list", None, "get", None, COORDINATION),
    ("accounts:account_create", None, "get", None, COORDINATION),
    ("accounts:account_create", None, "post", {}, COORDINATION),  # 200: the form comes back with its errors
    ("accounts:account_detail", target, "get", None, COORDINATION),
    ("accounts:account_edit", target, "get", None, COORDINATION),
    ("accounts:account_send_activation", target, "post", {}, only(302)),
    ("accounts:account_send_activation", target, "get", None, only(405)),
    ("accounts:account_deactivate", target, "get", None, COORDINATION),
    ("accounts:account_deactivate", target, "post", {}, only(302)),
    ("accounts:account_reactivate", target, "get", None, COORDINATION),
    ("accounts:email_list", None, "get", None, COORDINATION),
    ("admin:index", None, "get", None, {**MEMBERS_302, "admin": 200}),
    # Partners directory
    ("partners:organisation_list", None, "get", None, MEMBERS_200),
    ("partners:organisation_export", csv_format, "get", None, MEMBERS_200),
    ("partners:organisation_create", None, "get", None, COORDINATION),
    ("partners:organisation_create", None, "post", {}, COORDINATION),
    ("partners:organisation_detail", own, "get", None, MEMBERS_200),
    ("partners:organisation_detail", hidden_org, "get", None, HIDDEN),
    ("partners:organisation_edit", own, "get", None, OWN_WRITE),
    ("partners:organisation_edit", own, "post", {}, OWN_WRITE),
    ("partners:organisation_deactivate", own, "get", None, COORDINATION),
    ("partners:organisation_deactivate", own, "post", {}, only(302)),
    ("partners:organisation_reactivate", hidden_org, "get", None, HIDDEN),
    ("partners:organisation_reactivate", hidden_org, "post", {}, {**HIDDEN, "coordinator": 302, "admin": 302}),
    ("partners:contact_create", own, "get", None, OWN_WRITE),
    ("partners:contact_create", own, "post", {}, OWN_WRITE),
    ("partners:contact_list", None, "get", None, MEMBERS_200),
    ("partners:contact_export", csv_format, "get", None, COORDINATION),  # issue 13, finding 12
    ("partners:contact_detail", own_contact, "get", None, MEMBERS_200),
    ("partners:contact_detail", hidden_contact, "get", None, HIDDEN),
    ("partners:contact_edit", own_contact, "get", None, OWN_WRITE),
    ("partners:contact_edit", own_contact, "post", {}, OWN_WRITE),
    ("partners:contact_deactivate", own_contact, "get", None, OWN_WRITE),
    (
        "partners:contact_deactivate",
        own_contact,
        "post",
        {},
        {**OWN_WRITE, "partner": 302, "coordinator": 302, "admin": 302},
    ),
    ("partners:contact_reactivate", hidden_contact, "get", None, HIDDEN),
    ("partners:merge_select", None, "get", None, COORDINATION),
    ("partners:merge", two_orgs, "get", None, COORDINATION),
    ("partners:merge", two_orgs, "post", {}, COORDINATION),  # 200: each differing field needs a choice
    ("partners:import_upload", None, "get", None, COORDINATION),
    ("partners:import_upload", None, "post", {}, COORDINATION),
    ("partners:import_sample", None, "get", None, MEMBERS_200),
    ("partners:import_mapping", batch, "get", None, COORDINATION),
    ("partners:import_preview", batch, "get", None, COORDINATION),
    ("partners:import_preview", batch, "post", {}, only(302)),
]

MATRIX += WORKSHOPS_MATRIX + REGISTER_MATRIX + SHEETS_MATRIX + EDITOR_MATRIX + LIST_MATRIX + HISTORY_MATRIX
PROGRAMME = (matrix_dashboard, matrix_axes, matrix_partner_map, matrix_coverage, matrix_overlaps, matrix_timeline)
PROGRAMME += (matrix_outbox, matrix_documents, matrix_worker)  # issue 11: background work
PROGRAMME += (matrix_copil, matrix_snapshots, matrix_public)  # issue 12: the COPIL cycle, the public page
PROGRAMME += (matrix_gdpr,)  # issue 13: personal data
PROGRAMME += (matrix_exports, matrix_invitations, matrix_setup)  # issue 14: everyday use
PROGRAMME += (matrix_pickers, matrix_imports, matrix_help)  # issue 14
for module in PROGRAMME:
    MATRIX += module.MATRIX

# Named URLs deliberately left out of the matrix, with the reason.
ALLOWLIST_PREFIXES = {
    # Django's own admin: every view is guarded by AdminSite.admin_view (admins only); admin:index is in the matrix.
    "admin:": "Django admin",
}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#1f4e79").save(buffer, "PNG")
    return buffer.getvalue()


def make_objects():
    """Every object a row of the matrix points at."""
    from partners.models import Contact, ImportBatch
    from partners.samples import SAMPLE_PATH
    from tests.conftest import OTHER, OWN, organisation

    commune = Commune.objects.create(name="Ville de Test", logo=SimpleUploadedFile("logo.png", png_bytes()))
    own_org, other_org = organisation(OWN), organisation(OTHER)
    hidden_org = organisation("Association dissoute")
    hidden_org.is_active = False
    hidden_org.save()
    own_contact = Contact.objects.create(
        organisation=own_org, first_name="Rita", last_name="Référente", email="rita@example.org"
    )
    hidden_contact = Contact.objects.create(
        organisation=own_org, first_name="Ancien", last_name="Salarié", is_active=False
    )
    return {
        **workshop_objects(),
        **register_objects(),
        **sheet_objects(),
        **{key: value for module in PROGRAMME for key, value in module.objects().items()},
        "commune": commune,
        "target": UserFactory(email="cible@example.org"),
        "own": own_org,
        "other": other_org,
        "hidden_org": hidden_org,
        "own_contact": own_contact,
        "hidden_contact": hidden_contact,
        "batch": ImportBatch.objects.create(
            created_by=UserFactory(coordinator=True),
            file_name=SAMPLE_PATH.name,
            content=SAMPLE_PATH.read_bytes(),
            mapping={"name": 0, "type": 2},
        ),
    }


def build_world(media):
    """The objects (their files under `media`), then the seven personas: made once per class of cases."""
    with override_settings(MEDIA_ROOT=media):
        objects = make_objects()
    return SimpleNamespace(objects=objects, personas={name: make_persona(name) for name in PERSONAS}, media=media)


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    yield from kept_for_the_class(django_db_blocker, build_world, tmp_path_factory.mktemp("matrix-media"))


@pytest.fixture
def objects(world, db, _portal_test_settings, settings):
    """The class's objects, their files copied into this test's own MEDIA_ROOT (a case may add or remove some)."""
    shutil.copytree(world.media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return world.objects


def case_id(row):
    name, _, method, _, _ = row
    return f"{method.upper()} {name}"


class TestMatrix:
    """One case per row × persona, on objects and personas made once for the class (`world`)."""

    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("row", MATRIX, ids=[case_id(row) for row in MATRIX])
    def test_matrix(self, row, persona, objects, world, client):
        name, kwargs_builder, method, data, expected = row
        user = world.personas[persona]
        if user is not None:
            client.force_login(user)
        url = reverse(name, kwargs=kwargs_builder(objects) if kwargs_builder else None)
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        response.close()
        assert response.status_code == expected[persona], f"{persona} {method.upper()} {url}"
        if response.status_code == 302 and persona in ("anonymous", "inactive") and expected[persona] == 302:
            if name not in ("accounts:password_reset", "admin:index", "workshops:rsvp_new_link"):
                assert response.url.startswith(reverse("accounts:login")), response.url


def named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def uncovered(names):
    covered = {row[0] for row in MATRIX}
    return sorted(
        name
        for name in names
        if name not in covered and not any(name.startswith(prefix) for prefix in ALLOWLIST_PREFIXES)
    )


def test_every_named_url_is_covered():
    assert uncovered(named_urls()) == []


def test_coverage_check_catches_a_new_url(settings):
    settings.ROOT_URLCONF = "tests.urls_with_extra"
    assert uncovered(named_urls(get_resolver("tests.urls_with_extra"))) == ["pas_dans_la_table"]


def test_post_without_csrf_token_is_refused(client, coordinator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(coordinator)
    response = strict.post(reverse("accounts:account_create"), {"email": "x@example.org"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()
