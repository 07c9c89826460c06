import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partners.enums import Role
from partners.models import AuditEntry, Commune, Contact, Organisation, User
from solidarites.demo.partners import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def state():
    return (
        Commune.objects.count(),
        sorted(User.objects.values_list("email", "role", "is_active")),
        (Organisation.objects.count(), Contact.objects.count(), AuditEntry.objects.count()),
    )


def test_demo_data_is_idempotent_and_prints_the_logins(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = state()
    call_command("load_demo")
    output = capsys.readouterr().out
    assert state() == first
    assert first[0] == 1
    assert {role for _, role, _ in first[1]} == set(Role)
    assert "coordination.demo@example.org" in output and DEMO_PASSWORD in output
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)


def test_demo_data_is_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusées en production"):
        call_command("load_demo")
    assert User.objects.count() == 0
