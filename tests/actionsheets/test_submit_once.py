"""Issue 13, finding 14: a create form carries a one-time submission token; posting it twice (a double
click, the back button, a retried request) creates one object, and the second post is sent to the first one's
page with « Ce formulaire avait déjà été envoyé ». A fresh token creates anew; another person's token does
not count as theirs."""

import threading
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionsheets.models import ActionSheet
from background import housekeeping, submissions
from background.models import FormSubmission
from partners.models import Contact, Organisation, OrganisationType, User
from tests.conftest import OWN, organisation
from tests.partners.factories import UserFactory
from tests.utils import html
from tests.workshops.factories import contact, group, mosaique
from workshops.models import CoordinationObstacle, Finding, Meeting, Membership

pytestmark = pytest.mark.django_db
FIELD = "submission"
ALREADY = "Ce formulaire avait déjà été envoyé"


def sheet_case():
    return "actionsheets:sheet_create", {}, {"group": group("DS").pk, "title": "Cellule de veille"}, ActionSheet


def meeting_case():
    data = {
        "kind": "group",
        "title": "Séance de printemps",
        "groups": [group("DS").pk],
        "date": "2031-05-21",
        "start_time": "14:00",
        "end_time": "16:00",
        "venue": mosaique().pk,
    }
    return "workshops:meeting_create", {}, data, Meeting


def finding_case():
    data = {"axis": group("DS").axis_id, "kind": "need", "source": "statistics", "title": "Décrochage", "position": 0}
    return "workshops:finding_create", {}, data, Finding


def obstacle_case():
    return (
        "workshops:obstacle_create",
        {},
        {"title": "Silos", "category": "silos", "status": "open"},
        CoordinationObstacle,
    )


def organisation_case():
    data = {"name": "Association nouvelle", "type": OrganisationType.objects.get(code="asso").pk}
    return "partners:organisation_create", {}, data, Organisation


def contact_case():
    data = {"first_name": "Nina", "last_name": "Nouvelle", "email": "nina@example.org"}
    return "partners:contact_create", {"pk": organisation(OWN).pk}, data, Contact


def account_case():
    data = {"first_name": "Yves", "last_name": "Nouveau", "email": "yves@example.org", "role": "reader"}
    return "accounts:account_create", {}, data, User


def member_case():
    data = {"contact": contact("Marc", "Membre").pk, "role": "member"}
    return "workshops:member_add", {"pk": group("DS").pk}, data, Membership


CASES = [
    member_case,
    sheet_case,
    meeting_case,
    finding_case,
    obstacle_case,
    organisation_case,
    contact_case,
    account_case,
]
REPEATABLE = [sheet_case, meeting_case, finding_case, obstacle_case]  # no unique field: a fresh token adds one


def token_of(client, url):
    """The hidden one-time token of the form on `url` (a placeholder where the page has none)."""
    field = html(client.get(url)).select_one(f"main form input[type=hidden][name={FIELD}]")
    return field["value"] if field else "no-token-on-the-page"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_the_same_form_posted_twice_creates_one_object(coordinator_client, case):
    name, kwargs, data, model = case()
    url = reverse(name, kwargs=kwargs)
    before = model.objects.count()
    data = {**data, FIELD: token_of(coordinator_client, url)}
    first = coordinator_client.post(url, data)
    assert first.status_code == 302, html(first).select(".invalid-feedback, .alert")
    second = coordinator_client.post(url, data)
    print(name, "objects created by two posts of one form:", model.objects.count() - before)
    assert model.objects.count() == before + 1
    assert (second.status_code, second.url) == (302, first.url)
    assert any(ALREADY in str(message) for message in get_messages(second.wsgi_request))


@pytest.mark.parametrize("case", REPEATABLE, ids=lambda case: case.__name__)
def test_a_fresh_token_creates_anew_and_another_persons_token_is_not_theirs(client, coordinator, case):
    name, kwargs, data, model = case()
    url = reverse(name, kwargs=kwargs)
    client.force_login(UserFactory(email="autre@example.org", coordinator=True))
    foreign = token_of(client, url)
    client.force_login(coordinator)
    before = model.objects.count()
    client.post(url, {**data, FIELD: token_of(client, url)})
    client.post(url, {**data, FIELD: token_of(client, url)})
    assert model.objects.count() == before + 2
    # The other coordinator's token is ignored (a plain submit), and does not replay their submission.
    client.post(url, {**data, FIELD: foreign})
    client.post(url, {**data, FIELD: foreign})
    assert model.objects.count() == before + 4


def test_a_post_without_a_token_is_a_plain_submit(coordinator_client):
    name, kwargs, data, model = finding_case()
    coordinator_client.post(reverse(name), data)
    coordinator_client.post(reverse(name), data)
    assert model.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_posts_of_one_form_create_one_object(coordinator):
    name, _, data, model = finding_case()
    url = reverse(name)
    clients = [Client() for _ in range(10)]
    for client in clients:
        client.force_login(coordinator)
    data = {**data, FIELD: token_of(clients[0], url)}
    start, statuses = threading.Barrier(10), []

    def post(client):
        try:
            start.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("ten simultaneous posts:", sorted(statuses), "objects:", model.objects.count())
    assert statuses == [302] * 10
    assert model.objects.count() == 1


def test_tokens_are_forgotten_after_a_day(coordinator_client):
    name, _, data, model = finding_case()
    coordinator_client.post(reverse(name), {**data, FIELD: token_of(coordinator_client, reverse(name))})
    assert submissions.purge() == 0
    assert submissions.purge(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert "background.purge_submissions" in housekeeping.JOBS


def test_the_form_page_writes_nothing(coordinator_client):
    token_of(coordinator_client, reverse("workshops:finding_create"))
    assert not FormSubmission.objects.exists()
