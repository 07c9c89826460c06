"""Issue 13, finding 8: an answer link answers once, expires when the meeting ends, and a used link shows the
answer recorded with a button that e-mails a new link to the invitee (never shown on the page)."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from partners.models import AuditEntry
from tests.utils import html
from tests.workshops.factories import contact, group, meeting, member
from workshops.models import Invitation, Meeting
from workshops.tokens import make_token, read_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(db):
    ds = group("DS")
    person = member(ds, contact("Paul", "Invité")).contact
    return Invitation.objects.create(meeting=meeting(ds), contact=person)


def rsvp_url(invitation, answer=""):
    return reverse("workshops:rsvp", args=[make_token(invitation, answer)])


def new_link_url(url):
    return url.replace("/reponse/", "/reponse/nouveau-lien/", 1)


def answer_of(invitation):
    invitation.refresh_from_db()
    return invitation.answer


def test_a_link_answers_once_then_shows_the_answer_and_refuses_a_change(client, invitation):
    url = rsvp_url(invitation, "yes")
    assert client.post(url, {"answer": "yes"}).status_code == 302
    assert answer_of(invitation) == "yes"
    page = client.get(url)
    assert page.status_code == 200
    text = html(page).get_text(" ", strip=True)
    assert "Ce lien a déjà servi à répondre" in text and "Je viens" in text
    assert not html(page).select("input[name=answer]")  # no form to change it
    assert [button.get_text(strip=True) for button in html(page).select("main form button")] == [
        "M'envoyer un nouveau lien"
    ]
    # No other answer link on the page: the one in the address bar only.
    assert set(re.findall(r"/reponse/[^\"' ]+", page.content.decode())) <= {url, new_link_url(url)}
    refused = client.post(url, {"answer": "no"})
    print("second answer through the same link:", refused.status_code)
    assert refused.status_code == 409
    assert "Ce lien a déjà servi : rien n'a été changé." in html(refused).get_text()
    assert answer_of(invitation) == "yes"


def test_links_expire_when_the_meeting_ends(client, invitation):
    url, token = rsvp_url(invitation, "no"), make_token(invitation, "no")
    ends = invitation.meeting.ends_at
    assert not read_token(token, now=ends - timedelta(minutes=1)).expired
    assert read_token(token, now=ends).expired
    Meeting.objects.filter(pk=invitation.meeting_id).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    response = client.post(url, {"answer": "no"})
    assert response.status_code == 410 and "Ce lien a expiré" in html(response).get_text()
    assert answer_of(invitation) == "pending"


def test_a_used_link_e_mails_a_new_link_that_works_once(client, invitation, django_capture_on_commit_callbacks):
    url = rsvp_url(invitation, "yes")
    client.post(url, {"answer": "yes"})
    assert client.get(new_link_url(url)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new_link_url(url), follow=True)
    assert "Un nouveau lien de réponse vient d'être envoyé" in html(response).get_text()
    assert [message.to for message in mail.outbox] == [[invitation.contact.email]]
    fresh = re.search(r"http://\S+/reponse/(\S+)/", mail.outbox[0].body)
    assert fresh and fresh.group(1) not in response.content.decode()  # only in the e-mail
    # Asked again at once: nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(new_link_url(url), follow=True)
    assert "Un nouveau lien vous a déjà été envoyé" in html(again).get_text()
    assert len(mail.outbox) == 1
    # The new link answers once.
    fresh_url = reverse("workshops:rsvp", args=[fresh.group(1)])
    assert client.post(fresh_url, {"answer": "no"}).status_code == 302
    assert answer_of(invitation) == "no"
    assert client.post(fresh_url, {"answer": "yes"}).status_code == 409
    assert answer_of(invitation) == "no"


@pytest.mark.django_db(transaction=True)
def test_simultaneous_posts_of_one_link_record_one_answer():
    ds = group("DS")
    invitation = Invitation.objects.create(meeting=meeting(ds), contact=member(ds, contact("Paul", "Invité")).contact)
    url = rsvp_url(invitation)
    start, statuses = threading.Barrier(6), []

    def post(answer):
        try:
            start.wait()
            statuses.append(Client().post(url, {"answer": answer}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=[answer]) for answer in ["yes", "no"] * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("six simultaneous answers through one link:", sorted(statuses))
    assert sorted(statuses) == [302] + [409] * 5
    assert AuditEntry.objects.filter(verb="answered").count() == 1
