"""Finding 12 of issue 13: the interlocutors' names, e-mails and phone numbers leave the portal in bulk only for the
project team, and every such export leaves a row in the audit log (who, when, how many rows, which filters)."""

import pytest
from django.urls import reverse

from partners.models import AuditEntry, Contact
from tests.conftest import organisation
from tests.utils import html

pytestmark = pytest.mark.django_db
LIST = reverse("partners:contact_list")


@pytest.fixture
def people(db):
    org = organisation("Association des voisins")
    for number in range(3):
        Contact.objects.create(organisation=org, first_name="Ana", last_name=f"Lyse {number}", email=f"a{number}@x.fr")


def export_links(response):
    return html(response).select('a[href*="/interlocuteurs/export/"]')


def test_a_partner_cannot_export_the_contacts_and_sees_no_menu(persona_client, people):
    client = persona_client("partner")
    assert client.get(reverse("partners:contact_export", args=["csv"])).status_code == 403
    assert export_links(client.get(LIST)) == []
    assert not AuditEntry.objects.filter(message__startswith="Export des interlocuteurs").exists()


def test_a_coordinator_export_is_logged_with_its_rows_and_filters(coordinator_client, coordinator, people):
    assert export_links(coordinator_client.get(LIST))
    response = coordinator_client.get(reverse("partners:contact_export", args=["xlsx"]), {"q": "Lyse"})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(message__startswith="Export des interlocuteurs")
    assert entry.actor == coordinator
    assert "3 lignes" in entry.message and "XLSX" in entry.message and "q=Lyse" in entry.message
    print(entry.get_verb_display(), "·", entry.message)
