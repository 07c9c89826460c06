"""The coordinators' page of look-alike fiches of two groups (programme:overlap_list) and its three decisions:
best pairs first, pending ones by default, the decided ones behind a filter; « Lier ces fiches » relates both
ways and logs it, « Pas un doublon » is never proposed again, « Proposer une mutualisation » e-mails both pilots
with both links (recorded); a fixed number of queries whatever the number of pairs."""

import pytest
from django.core import mail
from django.urls import reverse

from actionsheets.models import Overlap, OverlapDecision, Status
from actionsheets.overlaps import refresh_all_overlaps
from partners.models import AuditEntry, SentEmail
from tests.actionsheets.factories import sheet
from tests.partners.factories import ContactFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group

pytestmark = pytest.mark.django_db

LIST = reverse("programme:overlap_list")
DIGITAL = {
    "operational_objectives": "Ateliers numériques pour les seniors isolés ; prêt de tablettes ; démarches en ligne.",
    "description": "Un médiateur numérique aide les seniors isolés à faire leurs démarches en ligne sur tablette.",
}


def decide(pair, action):
    return reverse("programme:overlap_decide", kwargs={"pk": pair.pk, "action": action})


def pair_of(first, second, score=0.7, reasons=("même public : seniors",)):
    low, high = sorted((first, second), key=lambda item: item.pk)
    return Overlap.objects.create(sheet=low, other=high, score=score, reasons=list(reasons))


@pytest.fixture
def fiches():
    """A fiche of the seniors' group and its look-alike in the access-to-rights group, both with a pilot."""
    ateliers = sheet(
        group("SEN"),
        "Ateliers numériques seniors",
        status=Status.VALIDATED,
        pilot=ContactFactory(first_name="Sonia", last_name="Senior"),
        **DIGITAL,
    )
    demarches = sheet(
        group("AD"),
        "Aide aux démarches en ligne des seniors isolés",
        pilot=ContactFactory(first_name="Adam", last_name="Droits"),
        **DIGITAL,
    )
    return ateliers, demarches


@pytest.fixture
def pair(fiches):
    return pair_of(*fiches)


def test_the_list_shows_the_pairs_best_first_in_words(coordinator_client, fiches):
    ateliers, demarches = fiches
    other = sheet(group("HAB"), "Adaptation des logements")
    pair_of(ateliers, other, score=0.4, reasons=["même public : seniors", "objectifs proches"])
    pair_of(demarches, other, score=0.2)
    pair_of(ateliers, demarches, score=0.65, reasons=["même public : seniors", "mêmes partenaires : CCAS, CAF"])
    Overlap.objects.filter(score=0.2).update(decision=OverlapDecision.NOT_DUPLICATE)
    page = html(coordinator_client.get(LIST))
    cards = [card.get_text(" ", strip=True) for card in page.select("article.card")]
    assert len(cards) == 2  # the decided pair is not « à examiner »
    assert "très proches" in cards[0] and ateliers.code in cards[0] and demarches.code in cards[0]
    assert "mêmes partenaires : CCAS, CAF" in cards[0]
    assert "proches" in cards[1] and "objectifs proches" in cards[1]
    assert ateliers.group.name in cards[0] and demarches.group.name in cards[0]
    assert "2 paires" in page.find("h2").get_text(" ", strip=True)
    decided = html(coordinator_client.get(LIST, {"etat": "pas-un-doublon"}))
    assert [card.get_text(" ", strip=True).count("Pas un doublon") > 0 for card in decided.select("article.card")] == [
        True
    ]
    buttons = [button.contents[0].strip() for button in decided.select("article.card button")]
    assert buttons == ["Lier ces fiches", "Proposer une mutualisation"]  # its own decision is not offered again
    assert html(coordinator_client.get(LIST, {"etat": "inconnu"})).select("article.card")  # back to the default


def test_linking_relates_both_fiches_and_logs_it(coordinator_client, coordinator, fiches, pair):
    ateliers, demarches = fiches
    response = coordinator_client.post(decide(pair, "lier"), {"etat": "a-examiner"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST + "?etat=a-examiner"
    assert "sont liées" in response.content.decode()
    assert list(ateliers.related_sheets.all()) == [demarches]
    assert list(demarches.related_sheets.all()) == [ateliers]
    pair.refresh_from_db()
    assert (pair.decision, pair.decided_by) == (OverlapDecision.LINKED, coordinator) and pair.decided_at
    for item, other in ((ateliers, demarches), (demarches, ateliers)):
        entry = AuditEntry.objects.get(message=f"Fiche liée à {other.code} (rapprochement entre groupes)")
        assert (entry.target, entry.actor) == (item, coordinator)
        assert item.versions.order_by("-number").first().section == "conditions"
    # the fiche page lists it among the « fiches liées »
    page = coordinator_client.get(ateliers.get_absolute_url()).content.decode()
    assert demarches.title in page


def test_not_a_duplicate_is_never_proposed_again(coordinator_client, fiches, pair):
    coordinator_client.post(decide(pair, "pas-un-doublon"))
    pair.refresh_from_db()
    assert pair.decision == OverlapDecision.NOT_DUPLICATE
    refresh_all_overlaps()
    assert list(Overlap.objects.all()) == [pair]
    assert Overlap.objects.get().decision == OverlapDecision.NOT_DUPLICATE
    assert not html(coordinator_client.get(LIST)).select("article.card")
    ateliers, demarches = fiches
    panel = html(coordinator_client.get(ateliers.get_absolute_url())).find(id="overlaps-title").parent
    assert demarches.code not in panel.get_text()


def test_pooling_emails_both_pilots_with_both_links(
    coordinator_client, fiches, pair, django_capture_on_commit_callbacks
):
    ateliers, demarches = fiches
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(decide(pair, "mutualiser"), follow=True)
    assert "proposition de mutualisation" in response.content.decode()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([ateliers.pilot.email, demarches.pilot.email])
    for message in mail.outbox:
        assert ateliers.code in message.subject and demarches.code in message.subject
        for item in fiches:
            assert "http" in message.body and item.get_absolute_url() in message.body
    assert SentEmail.objects.count() == 2
    assert SentEmail.objects.about(ateliers).count() == 1 and SentEmail.objects.about(demarches).count() == 1
    pair.refresh_from_db()
    assert pair.decision == OverlapDecision.POOLING_PROPOSED


def test_pooling_says_when_a_pilot_has_no_email(coordinator_client, fiches, pair, django_capture_on_commit_callbacks):
    ateliers, demarches = fiches
    demarches.pilot.email = ""
    demarches.pilot.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(decide(pair, "mutualiser"), follow=True)
    text = html(response).get_text(" ", strip=True)
    assert f"La fiche {demarches.code} a pour pilote" in text and "sans adresse e-mail" in text
    assert [message.to for message in mail.outbox] == [[ateliers.pilot.email]]


def test_unknown_decision_and_get_are_refused(coordinator_client, pair):
    assert coordinator_client.post(decide(pair, "fusionner")).status_code == 404
    assert coordinator_client.get(decide(pair, "lier")).status_code == 405
    pair.refresh_from_db()
    assert pair.decision == OverlapDecision.PENDING


def test_the_list_has_a_fixed_query_budget(coordinator_client):
    seniors = sheet(group("SEN"), "Fiche seniors")
    pair_of(seniors, sheet(group("AD"), "Fiche proche 0"))

    def grow():
        for index in range(1, 10):
            pair_of(seniors, sheet(group(("AD", "HAB", "DS")[index % 3]), f"Fiche proche {index}"), score=0.5)

    # session, user, count, the pairs with who decided, each side's fiches with group and axis (two small
    # queries: one join of everything cost more to plan than to run), the session's expiry written back
    assert_query_budget(coordinator_client, LIST, budget=10, grow=grow)
    assert len(html(coordinator_client.get(LIST)).select("article.card")) == 10
