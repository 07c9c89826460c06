import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.partners.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_unexpected_error_gives_a_french_500_page_without_details(settings):
    settings.ROOT_URLCONF = "tests.urls_with_extra"
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get("/boum/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Une erreur est survenue" in content
    assert "RuntimeError" not in content
    assert response["Cache-Control"] == "no-store"


def test_security_events_are_logged_without_secrets(client, caplog):
    UserFactory(email="victime@example.org")
    with caplog.at_level(logging.INFO, logger="solidarites.security"):
        client.post(reverse("accounts:login"), {"username": "victime@example.org", "password": "Secret-Tres-123"})
        client.force_login(UserFactory())
        client.get(reverse("accounts:account_list"))
    lines = [record.getMessage() for record in caplog.records if record.name == "solidarites.security"]
    assert any(line.startswith("login_failed") for line in lines)
    assert any(line.startswith("forbidden") and "/comptes/" in line for line in lines)
    assert not any("Secret-Tres-123" in line or "victime@example.org" in line for line in lines)


def test_admin_pages_work_for_administrators(client, django_capture_on_commit_callbacks):
    from django.core import mail

    from partners.models import User

    client.force_login(UserFactory(admin=True))
    models = [
        "user",
        "commune",
        "auditentry",
        "sentemail",
        "axis",
        "organisationtype",
        "neighbourhood",
        "organisation",
        "contact",
        "importbatch",
    ]
    for model in (f"partners/{name}" for name in models):
        assert client.get(f"/admin/{model}/").status_code == 200, model
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/partners/user/add/",
            {"email": "nouveau@example.org", "first_name": "N", "last_name": "V", "role": "reader", "is_active": "on"},
        )
    assert response.status_code == 302
    assert User.objects.get(email="nouveau@example.org").is_pending_activation
    assert mail.outbox[-1].to == ["nouveau@example.org"]
