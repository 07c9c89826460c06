import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from actionsheets import services
from actionsheets.models import ActionSheet, BudgetLine, Funder, Status, Transition
from actionsheets.permissions import roles
from partners.models import AuditEntry
from tests.actionsheets.factories import forced, sheet
from tests.conftest import make_persona
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, member
from workshops.models import MembershipRole

COPIL = datetime.date(2015, 10, 8)


def person(email, of, role=MembershipRole.MEMBER):
    user = UserFactory(email=email)
    item = contact(email.split("@")[0].capitalize(), "Test", email=email)
    item.user = user
    item.save()
    member(of, item, role)
    return user


@pytest.fixture
def team(db):
    ds = group("DS")
    return {
        "group": ds,
        "author": person("autrice@example.org", ds),
        "coauthor": person("coauteur@example.org", ds),
        "facilitator": person("animateur@example.org", ds, MembershipRole.FACILITATOR),
        "stranger": person("ailleurs@example.org", group("IPJ")),
        "coordinator": make_persona("coordinator"),
        "reader": make_persona("reader"),
    }


@pytest.mark.django_db
def test_codes_follow_the_axis_numbering(team):
    first = services.create_sheet(by=team["author"], group=team["group"], title="Cellule de veille")
    second = services.create_sheet(by=team["author"], group=team["group"], title="Accueil des exclus")
    other = services.create_sheet(by=team["stranger"], group=group("IPJ"), title="Forum emploi")
    assert (first.code, second.code, other.code) == ("DS-01", "DS-02", "IPJ-01")
    assert [c.email for c in first.co_authors.all()] == ["autrice@example.org"]
    assert first.versions.count() == 1


@pytest.mark.django_db
def test_member_starts_a_sheet_in_its_group_only(client, team):
    client.force_login(team["author"])
    assert client.get(reverse("actionsheets:sheet_create")).status_code == 200
    # The groups are offered by the picker's search (issue 14), not listed in the page.
    offered = client.get(reverse("picker_search", args=["groupes-nouvelle-fiche"])).json()["results"]
    assert [option["label"] for option in offered] == [team["group"].name]
    response = client.post(reverse("actionsheets:sheet_create"), {"group": group("IPJ").pk, "title": "Hors groupe"})
    assert "Sélectionnez un choix valide" in html(response).get_text()
    response = client.post(
        reverse("actionsheets:sheet_create"), {"group": team["group"].pk, "title": "Cellule de veille"}
    )
    created = ActionSheet.objects.get()
    assert response.url == created.get_absolute_url() and created.code == "DS-01"


def post_move(client, item, action, **data):
    return client.post(reverse("actionsheets:sheet_move", args=[item.pk, action]), data)


@pytest.mark.django_db
def test_the_whole_workflow_through_the_pages(client, team, django_capture_on_commit_callbacks):
    item = services.create_sheet(by=team["author"], group=team["group"], title="Cellule de veille")
    item.pilot = team["author"].contact
    item.save()
    client.force_login(team["author"])
    assert post_move(client, item, "submit").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED
    # The facilitator sends it back: a comment is required, with remarks per section.
    client.force_login(team["facilitator"])
    response = post_move(client, item, "send_back")
    assert response.status_code == 200 and "Ce champ est obligatoire." in html(response).get_text()
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails leave on commit
        post_move(client, item, "send_back", comment="Préciser les publics", section_objectifs="Objectifs à chiffrer")
    item.refresh_from_db()
    assert item.status == Status.TO_REVISE
    assert item.comments.get().section == "objectifs"
    assert any("Préciser les publics" in message.body for message in mail.outbox)
    assert "autrice@example.org" in [message.to[0] for message in mail.outbox]
    # Resubmitted, forwarded, validated by a coordinator with the COPIL date.
    client.force_login(team["author"])
    post_move(client, item, "submit")
    client.force_login(team["facilitator"])
    post_move(client, item, "forward")
    assert post_move(client, item, "validate").status_code == 403  # the COPIL decision is the coordinators'
    client.force_login(team["coordinator"])
    response = post_move(client, item, "validate", copil_date="2099-01-01")
    assert "La date du COPIL ne peut pas être dans le futur." in html(response).get_text()
    post_move(client, item, "validate", copil_date="2015-10-08")
    item.refresh_from_db()
    assert (item.status, item.copil_date) == (Status.VALIDATED, COPIL)
    # The pilot starts it.
    client.force_login(team["author"])
    post_move(client, item, "start")
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    assert list(item.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "to_revise",
        "submitted",
        "forwarded",
        "validated",
        "in_progress",
    ]


@pytest.mark.django_db
def test_a_replayed_or_impossible_move_writes_nothing(client, team):
    item = sheet(team["group"], by=team["author"])
    client.force_login(team["author"])
    post_move(client, item, "submit")
    response = client.post(reverse("actionsheets:sheet_move", args=[item.pk, "submit"]), {}, follow=True)
    assert "n'est pas possible : la fiche est « soumise à l'animation du groupe »" in html(response).get_text()
    assert Transition.objects.count() == 1
    with pytest.raises(services.TransitionRefused):
        services.move(by=team["author"], sheet=item, action="complete")
    assert Transition.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_validations_give_one_transition_and_one_log_row(team):
    item = forced(sheet(team["group"]), Status.FORWARDED)  # the test counts every transition of the sheet
    coordinator = team["coordinator"]
    start = threading.Barrier(20)
    outcomes = []

    def validate():
        try:
            start.wait()
            services.move(
                by=coordinator, sheet=item, action="validate", copil_date=COPIL, allowed_roles={"coordinator"}
            )
            outcomes.append("ok")
        except services.TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=validate) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok"] + ["refused"] * 19
    assert Transition.objects.filter(sheet=item).count() == 1
    assert AuditEntry.objects.filter(target_id=str(item.pk), message__contains="→").count() == 1


@pytest.mark.django_db
def test_who_sees_what(client, team):
    draft = sheet(team["group"])
    validated = sheet(group("HAB"), title="Permanences logement", status=Status.VALIDATED)
    assert set(ActionSheet.objects.visible_to(team["reader"])) == {validated}
    assert set(ActionSheet.objects.visible_to(team["stranger"])) == {validated}
    assert set(ActionSheet.objects.visible_to(team["coauthor"])) == {draft, validated}
    client.force_login(team["stranger"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(team["reader"])
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(validated.get_absolute_url()).status_code == 200
    assert roles(team["facilitator"], draft) == {"facilitator", "member"}


@pytest.mark.django_db
def test_co_authors_are_chosen_among_the_group_members(client, team):
    item = services.create_sheet(by=team["author"], group=team["group"], title="Cellule de veille")
    client.force_login(team["author"])
    url = reverse("actionsheets:sheet_authors", args=[item.pk])
    stranger = team["stranger"].contact
    response = client.post(url, {"co_authors": [stranger.pk]})
    assert "Sélectionnez un choix valide" in html(response).get_text()
    client.post(url, {"co_authors": [team["author"].contact.pk, team["coauthor"].contact.pk]})
    assert set(item.co_authors.values_list("email", flat=True)) == {"autrice@example.org", "coauteur@example.org"}


@pytest.mark.django_db
def test_detail_query_budget_with_1_and_10_sheets_and_child_rows(client, team):
    item = sheet(team["group"], by=team["author"])
    funder = Funder.objects.first()
    BudgetLine.objects.create(sheet=item, year=2015, label="Animation", planned=1200)
    item.funding_lines.create(funder=funder, year=2015, amount=800)
    item.milestones.create(label="Lancement")
    item.partners.create(organisation=contact("P", "Y", "Structure initiale").organisation, role="funder")
    client.force_login(team["coordinator"])

    def grow():
        for index in range(9):
            sheet(team["group"], title=f"Autre fiche {index}")
            BudgetLine.objects.create(sheet=item, year=2016, label=f"Poste {index}", planned=100 + index, actual=50)
            item.funding_lines.create(funder=funder, year=2016, amount=10 * index)
            item.milestones.create(label=f"Étape {index}")
            item.partners.create(
                organisation=contact(f"P{index}", "X", f"Structure {index}").organisation, role="operational"
            )

    budget = assert_query_budget(client, item.get_absolute_url(), budget=30, grow=grow)
    page = html(client.get(item.get_absolute_url()))
    assert "Budget prévu : 2 136,00 €" in " ".join(page.get_text().split())
    print(f"[fiche] page détail : {budget} requêtes")


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["actionsheet", "targetpublic", "framework", "funder"])
def test_admin_lists_action_sheet_models(client, team, model):
    sheet(team["group"])
    client.force_login(make_persona("admin"))
    assert client.get(reverse(f"admin:actionsheets_{model}_changelist"), {"q": "a"}).status_code == 200
