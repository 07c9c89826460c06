"""Issue 13, finding 11: the calendar-subscription page writes nothing on GET; the personal feed is created,
renewed and deleted by POST buttons only."""

import pytest
from django.urls import reverse

from tests.conftest import OWN, partner_of
from tests.utils import html
from workshops.models import CalendarFeed

pytestmark = pytest.mark.django_db
PAGE = "workshops:calendar_subscription"


@pytest.fixture
def subscriber(client, db):
    user = partner_of(OWN, email="abonne@example.org", first_name="Abel", last_name="Abonné")
    client.force_login(user)
    return user


def buttons(page):
    return [button.get_text(strip=True) for button in html(page).select("main form button")]


def test_get_without_a_feed_writes_nothing_and_offers_to_create_one(client, subscriber):
    page = client.get(reverse(PAGE))
    assert page.status_code == 200
    print("feeds after GET:", CalendarFeed.objects.count())
    assert not CalendarFeed.objects.exists()
    assert buttons(page) == ["Créer mon lien d'abonnement"]
    assert "/calendrier/flux/" not in page.content.decode()


def test_create_renew_and_delete_by_post(client, subscriber):
    client.post(reverse(PAGE), {"action": "create"})
    first = CalendarFeed.objects.get(user=subscriber).token
    page = client.get(reverse(PAGE))
    assert first in page.content.decode()
    assert buttons(page) == ["Renouveler le lien", "Supprimer le lien"]
    client.post(reverse(PAGE), {"action": "renew"})
    second = CalendarFeed.objects.get(user=subscriber).token
    assert second != first
    assert client.get(reverse("workshops:calendar_feed", args=[first])).status_code == 404
    assert client.get(reverse("workshops:calendar_feed", args=[second])).status_code == 200
    client.post(reverse(PAGE), {"action": "delete"})
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("workshops:calendar_feed", args=[second])).status_code == 404
