"""Polling does not keep a session alive (issue 13, finding 9): an open tab whose only activity is htmx polls
(the meeting's answers every 20 s, a document's progress, the e-mails' progress) reaches the idle timeout."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent
POLL = {"HTTP_X_PORTAL_POLL": "1", "HTTP_HX_REQUEST": "true"}  # what portal.js adds to a poll's htmx request


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def idle_for(client, minutes, settings):
    """Make the session look idle for `minutes`: its expiry brought closer by that much."""
    row = session_row(client)
    row.expire_date = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE) - timedelta(minutes=minutes)
    row.save()
    return row.expire_date


def test_a_poll_does_not_renew_the_idle_timeout(coordinator_client, settings):
    coordinator_client.get(reverse("my_space"))
    expiry = idle_for(coordinator_client, 55, settings)
    response = coordinator_client.get(reverse("my_space"), **POLL)
    assert response.status_code == 200
    assert session_row(coordinator_client).expire_date == expiry, "a poll pushed the session's expiry back"
    assert "sessionid" not in response.cookies  # nor the cookie's


def let_time_pass(client, minutes):
    """Everything the session stores moves `minutes` into the past, as if that much time went by."""
    row = session_row(client)
    row.expire_date -= timedelta(minutes=minutes)
    row.save()


def test_a_session_whose_only_activity_was_polls_expires(coordinator_client, settings):
    coordinator_client.get(reverse("my_space"))
    for _ in range(settings.SESSION_COOKIE_AGE // 60 // 20 + 1):  # an open tab: a poll every 20 minutes, say
        let_time_pass(coordinator_client, 20)
        coordinator_client.get(reverse("my_space"), **POLL)
    response = coordinator_client.get(reverse("my_space"), **POLL)
    # Logged out; the poll answers 286 (htmx stops polling) rather than a redirect to the login page, which
    # htmx would swap into the page. A request the person makes goes to the login page.
    assert response.status_code in (286, 302), "polls kept the session alive past its idle timeout"
    assert response.status_code == 286
    assert "_auth_user_id" not in coordinator_client.session
    response = coordinator_client.get(reverse("my_space"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_activity_and_the_extend_button_still_renew_the_session(coordinator_client, settings):
    coordinator_client.get(reverse("my_space"))
    for request in (
        lambda: coordinator_client.get(reverse("my_space")),
        lambda: coordinator_client.post(reverse("extend_session")),
    ):
        idle_for(coordinator_client, 55, settings)
        assert request().status_code == 200
        left = session_row(coordinator_client).expire_date - timezone.now()
        assert left > timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_every_polling_element_says_it_polls():
    """portal.js sends X-Portal-Poll for the requests of an element marked data-poll (and does not restart the
    idle-warning countdown for them): every `hx-trigger="every …"` of the templates carries it."""
    polls = []
    for path in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"<[a-z]+[^>]*hx-trigger=\"(?:every|load delay)[^>]*>", path.read_text(), re.S):
            polls.append(path.name)
            assert "data-poll" in tag, f"{path.relative_to(ROOT)}: a polling element without data-poll"
    assert len(polls) >= 3, polls
    script = (ROOT / "static" / "js" / "portal.js").read_text()
    assert "X-Portal-Poll" in script and "data-poll" in script
