"""partners.permissions and the visible_to querysets: who sees accounts, the audit trail, e-mails and imports."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partners import permissions
from partners.enums import AuditVerb
from partners.models import AuditEntry, ImportBatch, SentEmail, User
from partners.services import log_action
from tests.partners.factories import UserFactory


@pytest.fixture
def people(db):
    return {
        "admin": UserFactory(admin=True),
        "coordinator": UserFactory(coordinator=True),
        "reader": UserFactory(reader=True),
        "partner": UserFactory(),
    }


def test_only_coordinators_see_accounts_audit_emails_and_imports(people):
    log_action(actor=people["admin"], verb=AuditVerb.CREATED, target=people["partner"])
    SentEmail.objects.create(to="x@example.org", subject="Bonjour")
    ImportBatch.objects.create(created_by=people["admin"], file_name="a.csv", content=b"x")
    for name, user in people.items():
        coordinating = name in ("admin", "coordinator")
        assert User.objects.visible_to(user).count() == (4 if coordinating else 0), name
        for model in (AuditEntry, SentEmail, ImportBatch):
            assert model.objects.visible_to(user).exists() == coordinating, (name, model)


def test_a_coordinator_may_not_edit_an_administrator(people):
    assert not permissions.can_edit_account(people["coordinator"], people["admin"])
    assert permissions.can_edit_account(people["coordinator"], people["partner"])
    assert permissions.can_edit_account(people["admin"], people["admin"])
    assert not permissions.can_edit_account(people["partner"], people["partner"])


def test_anonymous_visitors_manage_nothing():
    anonymous = AnonymousUser()
    assert not permissions.can_manage_accounts(anonymous)
    assert permissions.own_organisation_id(anonymous) is None
