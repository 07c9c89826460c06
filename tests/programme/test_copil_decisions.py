"""The COPIL's decisions per fiche (issue 12, item 2): one form, each decision through the workflow, dated with
the COPIL's date, the authors told by e-mail, the minutes listing the decisions; refused once the COPIL is
closed, and to those who only read it. The dossier is made directly (its page is the « dossier » work)."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from actionsheets.models import Status, Transition
from partners.models import AuditEntry
from programme import decisions
from programme.models import CopilDecision, CopilDossier
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, meeting
from workshops import services as workshop_services
from workshops.models import Invitation, Meeting, Minutes

Outcome = CopilDecision.Outcome


def author(email):
    """A partner who writes fiches: a user with its interlocutor (so create_sheet makes it a co-author)."""
    user = UserFactory(email=email)
    person = contact(email.split("@")[0].capitalize(), "Autrice", email=email)
    person.user = user
    person.save()
    return user


def copil_dossier(*sheets, days=-2, **fields):
    """A COPIL held `days` days from today (two days ago by default) with its dossier of `sheets`."""
    item = meeting(kind=Meeting.Kind.COPIL, title="COPIL de novembre", days=days)
    dossier = CopilDossier.objects.create(meeting=item, **fields)
    dossier.sheets.set(sheets)
    return dossier


@pytest.fixture
def three(db):
    """Three fiches « transmises au COPIL », each with its own author, in one dossier."""
    authors = [author(f"{name}@example.org") for name in ("alice", "bruno", "chloe")]
    titles = ["Cellule de veille", "Accueil des exclus", "Forum emploi"]
    sheets = [
        sheet(title=title, by=user, status=Status.FORWARDED) for title, user in zip(titles, authors, strict=True)
    ]
    return {"authors": authors, "sheets": sheets, "dossier": copil_dossier(*sheets)}


def url(dossier):
    return reverse("programme:copil_decisions", kwargs={"pk": dossier.meeting.pk})


def choice(item, outcome="", comment=""):
    return {f"decision_{item.pk}": outcome, f"commentaire_{item.pk}": comment}


def post(client, dossier, *choices):
    data = {}
    for item in choices:
        data |= item
    return client.post(url(dossier), data)


def test_one_validation_one_rework_one_postponement(client, coordinator, three, django_capture_on_commit_callbacks):
    valid, rework, later = three["sheets"]
    dossier = three["dossier"]
    day = timezone.localdate(dossier.meeting.starts_at)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave the outbox on commit
        response = post(
            client,
            dossier,
            choice(valid, Outcome.VALIDATED),
            choice(rework, Outcome.REWORK, "Chiffrer les objectifs et préciser les publics."),
            choice(later, Outcome.POSTPONED),
        )
    assert response.status_code == 302
    assert response.url == reverse("programme:copil_dossier", kwargs={"pk": dossier.meeting.pk}) + "#decisions"
    for item in three["sheets"]:
        item.refresh_from_db()
    assert (valid.status, rework.status, later.status) == (Status.VALIDATED, Status.TO_REVISE, Status.FORWARDED)
    assert valid.copil_date == day and rework.copil_date == day
    # Each decision: one row; the two moves went through the workflow, dated with the COPIL's date.
    assert {(d.sheet_id, d.outcome) for d in dossier.decisions.all()} == {
        (valid.pk, Outcome.VALIDATED),
        (rework.pk, Outcome.REWORK),
        (later.pk, Outcome.POSTPONED),
    }
    sent_back = Transition.objects.get(sheet=rework, action="copil_rework")
    assert (sent_back.copil_date, sent_back.by) == (day, coordinator)
    assert sent_back.comment == "Chiffrer les objectifs et préciser les publics."
    assert Transition.objects.get(sheet=valid, action="validate").copil_date == day
    # « Ajournée »: no move, a comment in the fiche's history, a log row.
    assert not Transition.objects.filter(sheet=later, action__startswith="copil").exists()
    assert later.transitions.last().action == "forward"
    assert later.comments.get().text.startswith("Ajournée par le COPIL du ")
    assert AuditEntry.objects.about(later).filter(message__startswith="Ajournée par le COPIL").count() == 1
    # The authors of the sent-back fiche receive exactly one e-mail, with the comment.
    to_rework_author = [message for message in mail.outbox if "bruno@example.org" in message.to]
    assert len(to_rework_author) == 1
    assert "Chiffrer les objectifs" in to_rework_author[0].body
    # « Ajournée »: its author is told too, once.
    postponed = [message for message in mail.outbox if "chloe@example.org" in message.to]
    assert [message.subject for message in postponed] == [f"{later.code} « Forum emploi » : ajournée par le COPIL"]
    assert "reste transmise au COPIL" in postponed[0].body
    # The minutes list the decisions, nobody typed them.
    minutes = Minutes.objects.of(dossier.meeting)
    assert [decision.text for decision in minutes.decisions.all()] == [
        f"{valid.code} « Cellule de veille » : validée.",
        f"{rework.code} « Accueil des exclus » : à retravailler – Chiffrer les objectifs et préciser les publics.",
        f"{later.code} « Forum emploi » : ajournée.",
    ]
    assert not minutes.is_published
    # The page then shows them as recorded, and offers no form (nothing left to decide).
    page = html(client.get(url(dossier)))
    assert [cell.get_text(" ", strip=True) for cell in page.select("#decisions tbody td .badge")] == [
        "Validée",
        "À retravailler",
        "Ajournée",
    ]
    assert page.select_one("#decisions form") is None


def test_a_rework_without_comment_shows_the_error_next_to_the_field_and_keeps_every_choice(client, coordinator, three):
    valid, rework, later = three["sheets"]
    dossier = three["dossier"]
    client.force_login(coordinator)
    response = post(
        client,
        dossier,
        choice(valid, Outcome.VALIDATED, "Bravo"),
        choice(rework, Outcome.REWORK, "  "),
        choice(later, Outcome.POSTPONED, "Budget à consolider"),
    )
    assert response.status_code == 200
    page = html(response)
    field = page.select_one(f"#id_commentaire_{rework.pk}")
    assert field["aria-invalid"] == "true"
    error_ids = field["aria-describedby"].split()
    errors = [page.find(id=error_id) for error_id in error_ids]
    assert any(e and "Écrivez aux auteurs ce qu'il faut retravailler" in e.get_text() for e in errors)
    assert "1 erreur empêche l'enregistrement" in page.select_one("#error-summary").get_text()
    assert page.select_one("#error-summary a")["href"] == f"#id_commentaire_{rework.pk}"
    # Everything typed is kept.
    assert page.select_one(f"input[name=decision_{valid.pk}][checked]")["value"] == Outcome.VALIDATED
    assert page.select_one(f"input[name=decision_{rework.pk}][checked]")["value"] == Outcome.REWORK
    assert page.select_one(f"input[name=decision_{later.pk}][checked]")["value"] == Outcome.POSTPONED
    assert page.select_one(f"#id_commentaire_{valid.pk}").get_text().strip() == "Bravo"
    assert page.select_one(f"#id_commentaire_{later.pk}").get_text().strip() == "Budget à consolider"
    # Nothing recorded.
    assert not CopilDecision.objects.exists()
    assert {item.status for item in type(valid).objects.filter(pk__in=[valid.pk, rework.pk])} == {Status.FORWARDED}


def test_an_empty_form_asks_for_one_decision(client, coordinator, three):
    client.force_login(coordinator)
    response = post(client, three["dossier"])
    assert response.status_code == 200
    assert "Choisissez une décision pour au moins une fiche." in html(response).get_text()


def test_a_closed_copil_refuses_decisions(client, coordinator, three):
    dossier = three["dossier"]
    dossier.closed_at, dossier.closed_by = timezone.now(), coordinator
    dossier.save()
    client.force_login(coordinator)
    response = post(client, dossier, choice(three["sheets"][0], Outcome.VALIDATED))
    assert response.status_code == 403
    text = html(response).get_text()
    assert "Ce COPIL est clos depuis le" in text and "Rien n'a été enregistré." in text
    assert not CopilDecision.objects.exists()
    three["sheets"][0].refresh_from_db()
    assert three["sheets"][0].status == Status.FORWARDED
    # The service refuses too (a closing between the page and the POST).
    with pytest.raises(decisions.DecisionsRefused, match="clos"):
        decisions.record_decisions(coordinator, dossier, [(three["sheets"][0], Outcome.VALIDATED, "")])
    # The page shows the dossier as closed, without the form.
    page = html(client.get(url(dossier)))
    assert page.select_one("#decisions form") is None
    assert "Ce COPIL est clos" in page.get_text()


def test_decisions_wait_for_the_copil_day(client, coordinator, db):
    item = sheet(status=Status.FORWARDED)
    dossier = copil_dossier(item, days=5)
    client.force_login(coordinator)
    assert "Les décisions se saisissent à partir du jour du COPIL" in html(client.get(url(dossier))).get_text()
    assert post(client, dossier, choice(item, Outcome.VALIDATED)).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.FORWARDED


def test_readers_and_partners_are_refused(client, three):
    dossier = three["dossier"]
    data = choice(three["sheets"][0], Outcome.VALIDATED)
    client.force_login(make_persona("reader"))  # sees every meeting, records nothing
    assert client.get(url(dossier)).status_code == 403
    assert post(client, dossier, data).status_code == 403
    partner = make_persona("partner")
    client.force_login(partner)
    assert post(client, dossier, data).status_code == 404  # not invited: the COPIL is not theirs to see
    Invitation.objects.create(meeting=dossier.meeting, contact=partner.contact)
    assert post(client, dossier, data).status_code == 403  # invited: sees it, records nothing
    client.force_login(three["authors"][0])  # an author of one of the fiches
    assert post(client, dossier, data).status_code == 404
    assert not CopilDecision.objects.exists()


def test_a_fiche_is_decided_once_and_only_if_in_the_dossier(coordinator, three):
    valid, rework, _ = three["sheets"]
    dossier = three["dossier"]
    decisions.record_decisions(coordinator, dossier, [(valid, Outcome.POSTPONED, "")])
    with pytest.raises(decisions.DecisionsRefused, match="déjà enregistrée"):
        decisions.record_decisions(coordinator, dossier, [(valid, Outcome.VALIDATED, "")])
    outside = sheet(title="Hors dossier", status=Status.FORWARDED)
    with pytest.raises(decisions.DecisionsRefused, match="pas dans le dossier"):
        decisions.record_decisions(coordinator, dossier, [(rework, Outcome.VALIDATED, ""), (outside, "validated", "")])
    rework.refresh_from_db()
    assert rework.status == Status.FORWARDED  # all or nothing
    assert dossier.decisions.count() == 1


def test_published_minutes_are_left_as_they_are(coordinator, three):
    dossier = three["dossier"]
    minutes = workshop_services.save_minutes(
        by=coordinator, meeting=dossier.meeting, version=0, summary="Relevé", decisions=["Point divers"], tasks=[]
    )
    workshop_services.publish_minutes(by=coordinator, minutes=minutes, notify=False)
    recorded, in_minutes = decisions.record_decisions(
        coordinator, dossier, [(three["sheets"][0], Outcome.VALIDATED, "")]
    )
    assert len(recorded) == 1 and in_minutes is False
    assert [d.text for d in Minutes.objects.of(dossier.meeting).decisions.all()] == ["Point divers"]


def test_a_minutes_editor_opened_before_gets_the_conflict_page(coordinator, three):
    dossier = three["dossier"]
    minutes = workshop_services.save_minutes(
        by=coordinator, meeting=dossier.meeting, version=0, summary="Relevé", decisions=["Point divers"], tasks=[]
    )
    decisions.record_decisions(coordinator, dossier, [(three["sheets"][0], Outcome.VALIDATED, "")])
    texts = [d.text for d in Minutes.objects.of(dossier.meeting).decisions.all()]
    assert texts[0] == "Point divers" and texts[1].endswith(": validée.")
    with pytest.raises(workshop_services.ConcurrentEditError):
        workshop_services.save_minutes(
            by=coordinator, meeting=dossier.meeting, version=minutes.version, summary="", decisions=[], tasks=[]
        )


def test_query_budget_with_1_and_10_fiches(client, coordinator, db):
    first = sheet(title="Fiche 1", status=Status.FORWARDED)
    dossier = copil_dossier(first)
    decisions.record_decisions(coordinator, dossier, [(first, Outcome.POSTPONED, "")])
    dossier.sheets.add(sheet(title="Fiche en attente", status=Status.FORWARDED))

    def grow():
        more = [sheet(title=f"Fiche {n}", status=Status.FORWARDED) for n in range(2, 11)]
        dossier.sheets.add(*more, sheet(title="Déjà validée", status=Status.VALIDATED))
        decisions.record_decisions(coordinator, dossier, [(item, Outcome.POSTPONED, "") for item in more[:4]])

    client.force_login(coordinator)
    # session, user, the dossier with its meeting (visibility), the decisions, the fiches, the meeting's groups
    # (minutes link), and the page frame's own
    count = assert_query_budget(client, url(dossier), budget=12, grow=grow)
    page = html(client.get(url(dossier)))
    assert len(page.select("#decisions tbody tr")) == 5
    assert len(page.select("#decisions form .card")) == 6
    print("Decisions page:", count, "queries with 1 and 10 fiches")


def test_the_choices_follow_the_workflow(client, coordinator, db):
    submitted = sheet(title="Soumise", status=Status.SUBMITTED)
    forwarded = sheet(title="Transmise", status=Status.FORWARDED)
    dossier = copil_dossier(submitted, forwarded, sheet(title="En cours", status=Status.IN_PROGRESS))
    client.force_login(coordinator)
    page = html(client.get(url(dossier)))
    offered = {
        item.pk: [radio["value"] for radio in page.select(f"input[name=decision_{item.pk}]")]
        for item in (submitted, forwarded)
    }
    assert offered[forwarded.pk] == ["", "validated", "rework", "postponed"]
    assert offered[submitted.pk] == ["", "validated", "postponed"]  # the COPIL sends back from « transmise » only
    assert "En cours" in page.select_one("#decisions ul").get_text()


def test_decided_dates_the_past_copil(coordinator, db):
    item = sheet(status=Status.FORWARDED)
    dossier = copil_dossier(item, days=-40)
    decisions.record_decisions(coordinator, dossier, [(item, Outcome.VALIDATED, "")])
    item.refresh_from_db()
    assert item.copil_date == timezone.localdate() - timedelta(days=40)


def test_a_second_submit_of_the_same_form_records_nothing_more(client, coordinator, three):
    dossier, item = three["dossier"], three["sheets"][0]
    client.force_login(coordinator)
    assert post(client, dossier, choice(item, Outcome.VALIDATED)).status_code == 302
    response = post(client, dossier, choice(item, Outcome.VALIDATED))  # the form of a page opened before
    assert response.status_code == 200  # the fiche is no longer offered: « choisissez une décision »
    assert dossier.decisions.count() == 1 and item.transitions.filter(action="validate").count() == 1
    with pytest.raises(decisions.DecisionsRefused, match="déjà enregistrée"):
        decisions.record_decisions(coordinator, dossier, [(item, Outcome.VALIDATED, "")])


@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_submits_record_each_decision_once():
    """The same form sent ten times at once (double clicks, two secretaries): the dossier's lock lets one in."""
    coordinator = make_persona("coordinator")
    item = sheet(status=Status.FORWARDED)
    dossier = copil_dossier(item)
    start = threading.Barrier(10)
    outcomes = []

    def record():
        try:
            start.wait()
            decisions.record_decisions(coordinator, dossier, [(item, Outcome.REWORK, "À chiffrer")])
            outcomes.append("ok")
        except decisions.DecisionsRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=record) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 9
    assert dossier.decisions.count() == 1
    assert item.transitions.filter(action="copil_rework").count() == 1
    assert Minutes.objects.of(dossier.meeting).decisions.count() == 1
