"""The follow-up of the fiches (issue 12): the daily reminders to pilots and co-authors (once per item and due
date, none for an opted-out person, a link to the section of the fiche, indicator values and bilan from
1 February), the weekly digest (once per ISO week, nothing when nothing changed), the preferences on « Mon
profil » with their default by role, and « Mes actions » on « Mon espace » with a fixed query budget.
Every run takes a controlled « today »."""

import datetime
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from actionsheets.models import ActionSheet, AnnualReview, Indicator, Measurement, Milestone, Status
from partners.models import AuditEntry, Contact, User
from partners.preferences import digest_by_default, wants_digest
from programme import followup_panels
from programme.followup_models import DigestSent, ReminderSent
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import MeetingFactory, contact, group, member
from workshops.models import MembershipRole

pytestmark = pytest.mark.django_db

FEB_1 = datetime.date(2026, 2, 1)
PROFILE = reverse("accounts:profile")
MY_SPACE = reverse("my_space")


def person(first, last, **fields):
    """An account and the interlocutor of the directory linked to it."""
    user = UserFactory(email=f"{first}.{last}@example.org".lower(), first_name=first, last_name=last, **fields)
    return contact(first, last, user=user)


def run(command, today):
    """Run `command` for `today`; the e-mails it queued and the outbox delivered after commit, by recipient."""
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command(command, "--today", today.isoformat(), stdout=io.StringIO())
    return {message.to[0]: message for message in mail.outbox}


def reminders(today):
    return run("send_reminders", today)


def state():
    return sorted(ReminderSent.objects.values_list("kind", "item_key", "due_on", "user__email"))


@pytest.fixture
def followed(db):
    """A fiche under way since 2025 piloted by Pia, co-written by Carl and by Olga (who turned reminders off)."""
    pia, carl, olga = person("Pia", "Pilote"), person("Carl", "Coauteur"), person("Olga", "Optout")
    User.objects.filter(pk=olga.user_id).update(follow_up_reminders=False)
    item = sheet(group("DS"), "Cellule de veille", status=Status.IN_PROGRESS, pilot=pia)
    ActionSheet.objects.filter(pk=item.pk).update(start_date=datetime.date(2025, 3, 1))
    item.co_authors.add(carl, olga)
    steps = {
        "soon": Milestone.objects.create(sheet=item, label="Charte signée", due_on=datetime.date(2026, 2, 4)),
        "late": Milestone.objects.create(sheet=item, label="Premier comité", due_on=datetime.date(2026, 1, 27)),
        "far": Milestone.objects.create(sheet=item, label="Forum de juin", due_on=datetime.date(2026, 6, 10)),
        "done": Milestone.objects.create(
            sheet=item, label="Réunion de lancement", due_on=datetime.date(2026, 1, 20), is_done=True
        ),
    }
    missing = Indicator.objects.create(sheet=item, label="Jeunes accompagnés")
    entered = Indicator.objects.create(sheet=item, label="Réunions de la cellule")
    Measurement.objects.create(indicator=entered, year=2025, value=12)
    return {"sheet": item, "pia": pia, "carl": carl, "olga": olga, "missing": missing, "steps": steps}


def test_each_reminder_is_sent_once_to_the_pilot_and_co_authors_but_not_to_an_opted_out_person(followed):
    before = reminders(datetime.date(2026, 1, 31))  # milestones only: the past year's values are due from 1 February
    assert set(before) == {"pia.pilote@example.org", "carl.coauteur@example.org"}
    body = before["pia.pilote@example.org"].body
    assert "Charte signée" in body and "Premier comité" in body
    assert "Étape en retard" in body and "Étape à échéance dans les 7 jours" in body
    assert "Forum de juin" not in body and "Réunion de lancement" not in body
    assert "Jeunes accompagnés" not in body and "Bilan annuel" not in body

    after = reminders(FEB_1)  # the milestones were sent: only the indicator and the bilan are new
    assert set(after) == {"pia.pilote@example.org", "carl.coauteur@example.org"}
    body = after["carl.coauteur@example.org"].body
    assert "Jeunes accompagnés" in body and "Bilan annuel 2025" in body
    assert "Réunions de la cellule" not in body and "Charte signée" not in body

    sent = state()
    assert len(sent) == 8  # 2 people × (2 milestones, 1 indicator, 1 bilan)
    assert "olga.optout@example.org" not in {row[3] for row in sent}
    assert reminders(FEB_1) == {}  # run twice: the same state, no e-mail
    assert state() == sent


def test_a_new_due_date_or_an_overdue_milestone_is_a_new_reminder(followed):
    reminders(FEB_1)
    soon = followed["steps"]["soon"]
    assert reminders(datetime.date(2026, 2, 3)) == {}
    late = reminders(datetime.date(2026, 2, 5))  # the milestone due on the 4th is now late: reminded once more
    assert set(late) == {"pia.pilote@example.org", "carl.coauteur@example.org"}
    assert "Charte signée" in late["pia.pilote@example.org"].body
    Milestone.objects.filter(pk=soon.pk).update(due_on=datetime.date(2026, 2, 10))  # postponed: a new due date
    assert "Charte signée" in reminders(datetime.date(2026, 2, 6))["pia.pilote@example.org"].body
    Milestone.objects.filter(pk=soon.pk).update(is_done=True)
    assert reminders(datetime.date(2026, 2, 12)) == {}


def test_the_reminder_links_to_the_section_of_the_fiche(client, followed):
    body = reminders(FEB_1)["pia.pilote@example.org"].body
    page = f"{settings.SITE_URL}{followed['sheet'].get_absolute_url()}"
    for section in ("calendrier", "evaluation", "bilan"):
        assert f"{page}#section-{section}" in body
    client.force_login(followed["pia"].user)
    response = client.get(followed["sheet"].get_absolute_url())
    for section in ("calendrier", "evaluation", "bilan"):
        assert html(response).find(id=f"section-{section}") is not None


def test_no_indicator_or_bilan_reminder_once_entered_nor_for_a_fiche_not_yet_under_way(followed):
    Measurement.objects.create(indicator=followed["missing"], year=2025, value=3)
    AnnualReview.objects.create(sheet=followed["sheet"], year=2025)
    Milestone.objects.filter(sheet=followed["sheet"]).update(is_done=True)
    draft = sheet(group("DS"), "Fiche en cours d'écriture", pilot=followed["pia"])
    Indicator.objects.create(sheet=draft, label="Indicateur d'une fiche en brouillon")
    Milestone.objects.create(sheet=draft, label="Étape d'un brouillon", due_on=datetime.date(2026, 1, 2))
    assert reminders(FEB_1) == {}
    assert not ReminderSent.objects.exists()


def test_turning_reminders_off_on_the_profile_stops_them(client, followed):
    client.force_login(followed["pia"].user)
    response = client.post(PROFILE, {"follow_up_reminders": "non", "weekly_digest": "non"})
    assert response.status_code == 302
    assert set(reminders(FEB_1)) == {"carl.coauteur@example.org"}


# Preferences


@pytest.mark.parametrize(
    ("who", "expected"),
    [("coordinator", True), ("admin", True), ("animateur", True), ("member", False), ("reader", False)],
)
def test_the_weekly_digest_is_on_by_default_for_the_project_team_and_the_animateurs(db, who, expected):
    if who in ("animateur", "member"):
        someone = person("Anne", "Membre")
        role = MembershipRole.FACILITATOR if who == "animateur" else MembershipRole.MEMBER
        member(group("DS"), someone, role=role)
        user = User.objects.get(pk=someone.user_id)
    else:
        user = make_persona(who)
    assert user.weekly_digest is None and user.follow_up_reminders
    assert digest_by_default(user) is expected and wants_digest(user) is expected
    user.weekly_digest = not expected  # a choice made on the profile wins over the role
    assert wants_digest(user) is (not expected)


def test_the_profile_shows_the_default_and_saves_the_preferences(client, db):
    user = make_persona("coordinator")
    client.force_login(user)
    page = html(client.get(PROFILE))
    assert page.find("input", attrs={"name": "weekly_digest", "value": "oui"}).has_attr("checked")
    assert page.find("input", attrs={"name": "follow_up_reminders", "value": "oui"}).has_attr("checked")

    response = client.post(PROFILE, {"follow_up_reminders": "non", "weekly_digest": "non"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.follow_up_reminders, user.weekly_digest) == (False, False)
    assert AuditEntry.objects.filter(actor=user, message__startswith="Préférences").count() == 1
    assert not wants_digest(user)
    client.post(PROFILE, {"follow_up_reminders": "non", "weekly_digest": "non"})  # nothing changed: no log row
    assert AuditEntry.objects.filter(actor=user, message__startswith="Préférences").count() == 1


def test_an_answer_equal_to_the_default_of_the_role_stays_by_default(client, db):
    user = make_persona("partner")
    client.force_login(user)
    assert client.post(PROFILE, {"follow_up_reminders": "oui", "weekly_digest": "non"}).status_code == 302
    user.refresh_from_db()
    assert (user.follow_up_reminders, user.weekly_digest) == (True, None)  # follows a later change of role
    assert not AuditEntry.objects.filter(actor=user).exists()


def test_the_profile_form_in_its_error_state_keeps_the_preferences(client, db):
    user = make_persona("partner")
    client.force_login(user)
    response = client.post(PROFILE, {"weekly_digest": "oui"})
    assert response.status_code == 200
    page = html(response)
    assert "1 erreur empêche l'enregistrement" in " ".join(page.find(id="error-summary").get_text().split())
    assert "Indiquez si vous voulez recevoir les rappels de suivi." in page.get_text()
    assert page.find("input", attrs={"name": "weekly_digest", "value": "oui"}).has_attr("checked")
    user.refresh_from_db()
    assert (user.follow_up_reminders, user.weekly_digest) == (True, None)


# Weekly digest


def digest(today):
    return run("send_weekly_digest", today)


@pytest.fixture
def groups(db, django_capture_on_commit_callbacks):
    """The DS group with its animatrice and a member; a coordinator; a fiche and a session made this week."""
    ds = group("DS")
    anna, max_ = person("Anna", "Animatrice"), person("Max", "Membre")
    member(ds, anna, role=MembershipRole.FACILITATOR)
    member(ds, max_)
    coordinator = make_persona("coordinator")
    with django_capture_on_commit_callbacks(execute=True):  # the minutes' own e-mail, delivered before the tests
        item = sheet(ds, "Ateliers parents-collège", status=Status.SUBMITTED)
        MeetingFactory(groups=[ds], days=3, title="Séance à venir")
        MeetingFactory(groups=[ds], past_with_minutes=True, title="Séance passée")
    return {"ds": ds, "anna": anna, "max": max_, "coordinator": coordinator, "sheet": item}


def test_the_digest_goes_once_a_week_to_those_who_want_it(groups):
    today = timezone.localdate() + datetime.timedelta(days=1)  # the week before includes what was made now
    sent = digest(today)
    assert set(sent) == {"anna.animatrice@example.org", "coordination@example.org"}  # Max: off by default
    body = sent["anna.animatrice@example.org"].body
    assert "Ateliers parents-collège" in body and "soumise à l'animation du groupe" in body
    assert "Séance à venir" in body and "Séance passée" in body  # to come; minutes published
    rows = sorted(DigestSent.objects.values_list("user__email", "week"))
    assert len(rows) == 2

    assert digest(today) == {}  # run twice: nothing more
    sheet(groups["ds"], "Une autre fiche")  # a new change later in the same ISO week: still nothing
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    assert digest(sunday) == {}
    assert sorted(DigestSent.objects.values_list("user__email", "week")) == rows


def test_an_opted_in_member_gets_the_digest_and_an_opted_out_animatrice_does_not(groups):
    User.objects.filter(pk=groups["max"].user_id).update(weekly_digest=True)
    User.objects.filter(pk=groups["anna"].user_id).update(weekly_digest=False)
    sent = digest(timezone.localdate() + datetime.timedelta(days=1))
    assert set(sent) == {"max.membre@example.org", "coordination@example.org"}


def test_no_digest_when_nothing_changed(groups):
    assert digest(timezone.localdate() + datetime.timedelta(days=30)) == {}
    assert not DigestSent.objects.exists()


# « Mes actions »


def test_my_actions_on_my_space_shows_what_is_due(client, followed, monkeypatch):
    today = datetime.date(2026, 2, 1)
    monkeypatch.setattr(followup_panels, "today", lambda: today)
    Milestone.objects.create(sheet=followed["sheet"], label="Relance", due_on=today - datetime.timedelta(days=3))
    client.force_login(followed["carl"].user)
    section = html(client.get(MY_SPACE)).find(id="mes-actions")
    text = " ".join(section.get_text().split())
    assert "Mes actions" in text and "Cellule de veille" in text and "Co-auteur" in text
    assert "2 étapes en retard" in text and "1 étape à échéance dans les 7 jours" in text
    assert "1 valeur d'indicateur 2025 à renseigner" in text and "Bilan annuel 2025 à rédiger" in text
    assert section.find("a", href=f"{followed['sheet'].get_absolute_url()}#section-calendrier") is not None


def test_my_actions_is_absent_for_someone_who_pilots_nothing(client, db):
    client.force_login(make_persona("partner"))
    assert html(client.get(MY_SPACE)).find(id="mes-actions") is None


def test_my_actions_query_budget_is_the_same_with_1_and_10_fiches(client, followed):
    pia = followed["pia"]
    client.force_login(pia.user)

    def grow():
        for number in range(9):
            item = sheet(group("DS"), f"Fiche pilotée {number}", status=Status.IN_PROGRESS, pilot=pia)
            item.co_authors.add(followed["carl"])
            Milestone.objects.create(sheet=item, label="Étape", due_on=timezone.localdate())
            Indicator.objects.create(sheet=item, label="Indicateur")

    assert_query_budget(client, MY_SPACE, budget=8, grow=grow)  # 8 with 1 and with 10 fiches
    assert Contact.objects.get(pk=pia.pk).piloted_sheets.count() == 10
