"""Invitations in bulk (issue 14, item 3): each audience, their union without duplicates, the preview's lists
(already invited, no e-mail address, structures without a main interlocutor), and the sending."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.enums import AuditVerb
from partners.models import AuditEntry, Axis, Contact, Neighbourhood, Organisation, OrganisationType, User
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group, meeting, member
from workshops import audiences, services
from workshops.audiences import Audience
from workshops.models import Attendance, Invitation, Meeting, MembershipRole

pytestmark = pytest.mark.django_db


def structure(name, kind="asso", axes=(), places=(), **fields):
    item = Organisation.objects.create(name=name, type=OrganisationType.objects.get(code=kind), **fields)
    item.axes.set(axes)
    item.neighbourhoods.set(places)
    return item


def person(first, last, of, email=None, **fields):
    email = f"{first}.{last}@example.org".lower() if email is None else email
    return Contact.objects.create(organisation=of, first_name=first, last_name=last, email=email, **fields)


@pytest.fixture
def world(coordinator):
    """A session of DS to come; Le Valibout's structures (one without a main interlocutor, one closed), a social
    landlord whose main interlocutor has no address, a structure of the housing axis, and a past session."""
    valibout = Neighbourhood.objects.create(name="Le Valibout", is_qpv=True)
    housing = Axis.objects.get(code="HAB")
    ds = group("DS")
    centre = structure("Centre social du Valibout", "asso_quartier", places=[valibout])
    people = {
        "member": member(ds, person("Mona", "Membre", structure("Collège Blaise Pascal", "education"))).contact,
        "member_no_email": member(ds, person("Sam", "Sansadresse", centre, email="")).contact,
        "primary": person("Paula", "Principale", centre, is_primary=True),
        "colleague": person("Carl", "Collègue", centre),
        "retired": person("Ines", "Inactive", centre, is_primary=True, is_active=False),
    }
    without_primary = structure("Amicale du Valibout", "asso_quartier", places=[valibout])
    people["lone"] = person("Luc", "Seul", without_primary)
    closed = structure("Association dissoute", "asso_quartier", places=[valibout], is_active=False)
    people["closed"] = person("Chloé", "Close", closed, is_primary=True)
    landlord = structure("Les Résidences", "bailleur")
    people["landlord"] = person("Bea", "Bailleur", landlord, email="", is_primary=True)
    people["hab"] = person("Hugo", "Habitat", structure("ADIL", "asso", axes=[housing]), is_primary=True)
    session = meeting(ds, title="Journée partenariale 2")
    past = meeting(ds, title="Journée partenariale", days=-30)
    for key, status in [("present", "present"), ("represented", "represented"), ("excused", "excused")]:
        people[key] = person(key.capitalize(), "Participant", structure(f"Structure {key}"))
        Attendance.objects.create(meeting=past, contact=people[key], status=status)
    Attendance.objects.create(meeting=past, contact=people["member"], status="present")
    return {
        "session": session,
        "past": past,
        "valibout": valibout,
        "housing": housing,
        "centre": centre,
        "without_primary": without_primary,
        "coordinator": coordinator,
        **people,
    }


def names(contacts):
    return sorted(contact.last_name for contact in contacts)


def test_members_of_the_groups_concerned(world):
    result = audiences.preview(world["session"], Audience())
    assert names(result.to_invite) == ["Membre"]
    assert names(result.without_email) == ["Sansadresse"]
    assert result.already_invited == [] and result.without_primary == []


def test_structures_of_a_neighbourhood_main_interlocutor_or_all(world):
    primaries = audiences.preview(world["session"], Audience(group_members=False, neighbourhoods=(world["valibout"],)))
    # Not the inactive interlocutor, nor the structure that closed; the structure without a main one is named.
    assert names(primaries.to_invite) == ["Principale"]
    assert primaries.without_primary == [world["without_primary"]]
    everyone = audiences.preview(
        world["session"],
        Audience(group_members=False, neighbourhoods=(world["valibout"],), everyone_in_structures=True),
    )
    assert names(everyone.to_invite) == ["Collègue", "Principale", "Seul"]
    assert names(everyone.without_email) == ["Sansadresse"]
    assert everyone.without_primary == []


def test_structures_of_a_type_and_of_an_axis(world):
    landlords = audiences.preview(
        world["session"], Audience(group_members=False, types=(OrganisationType.objects.get(code="bailleur"),))
    )
    assert landlords.to_invite == [] and names(landlords.without_email) == ["Bailleur"]
    housing = audiences.preview(world["session"], Audience(group_members=False, axes=(world["housing"],)))
    assert names(housing.to_invite) == ["Habitat"]


def test_participants_of_a_past_session_are_those_present_or_represented(world):
    result = audiences.preview(world["session"], Audience(group_members=False, past_meeting=world["past"]))
    assert [contact.first_name for contact in result.to_invite] == ["Mona", "Present", "Represented"]


def test_audiences_add_up_each_person_once_and_the_already_invited_apart(world):
    Invitation.objects.create(meeting=world["session"], contact=world["primary"])
    audience = Audience(
        neighbourhoods=(world["valibout"],),
        past_meeting=world["past"],
        extra=(world["member"], world["hab"], world["retired"]),
    )
    result = audiences.preview(world["session"], audience)
    # Mona: group member, participant and hand-picked; counted once. The inactive hand-picked one: not at all.
    assert names(result.to_invite) == ["Habitat", "Membre", "Participant", "Participant"]
    assert names(result.already_invited) == ["Principale"]
    assert names(result.without_email) == ["Sansadresse"]
    assert result.count == 4


def test_sending_invites_the_preview_once_with_one_log_row_and_e_mails_after_commit(
    world, django_capture_on_commit_callbacks
):
    Invitation.objects.create(meeting=world["session"], contact=world["primary"])
    audience = Audience(neighbourhoods=(world["valibout"],), everyone_in_structures=True, past_meeting=world["past"])
    shown = audiences.preview(world["session"], audience)
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_invitations(
            by=world["coordinator"], meeting=world["session"], audience=audience, expected=shown.fingerprint
        )
    assert sent == shown.count == 5
    invited = Invitation.objects.filter(meeting=world["session"])
    assert sorted(invited.values_list("contact__last_name", flat=True)) == sorted(
        names(shown.to_invite) + ["Principale"]
    )
    assert invited.filter(contact=world["primary"]).count() == 1  # already invited: not twice
    assert not invited.filter(contact__email="").exists()  # no address: not invited
    assert sorted(message.to[0] for message in mail.outbox) == sorted(contact.email for contact in shown.to_invite)
    log = AuditEntry.objects.filter(verb=AuditVerb.INVITED)
    assert log.count() == 1 and log.get().message == (
        "5 invitation(s) : membres des groupes ; quartier Le Valibout (QPV) (tous les interlocuteurs) ; "
        f"participants de « Journée partenariale » du {timezone.localtime(world['past'].starts_at):%d/%m/%Y}"
    )
    # Sending the same again: nobody new, nothing e-mailed.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_invitations(by=world["coordinator"], meeting=world["session"], audience=audience) == 0
    assert mail.outbox == []


def test_sending_refuses_when_the_people_changed_since_the_preview(world, django_capture_on_commit_callbacks):
    audience = Audience(axes=(world["housing"],))
    shown = audiences.preview(world["session"], audience)
    member(world["session"].groups.get(), person("Nina", "Nouvelle", world["centre"]))  # meanwhile
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.AudienceChanged):
        services.send_invitations(
            by=world["coordinator"], meeting=world["session"], audience=audience, expected=shown.fingerprint
        )
    assert not Invitation.objects.exists() and mail.outbox == []
    assert not AuditEntry.objects.filter(verb=AuditVerb.INVITED).exists()


def test_past_sessions_offered_are_held_visible_and_attended(world, partner):
    empty = meeting(group("IPJ"), title="Séance sans émargement", days=-10)
    cancelled = meeting(group("DS"), title="Séance annulée", days=-5, status=Meeting.Status.CANCELLED)
    Attendance.objects.create(meeting=cancelled, contact=world["member"], status="present")
    offered = list(audiences.past_meetings(world["coordinator"]))
    assert offered == [world["past"]] and offered[0].participants == 3
    assert empty not in offered
    # A partner sees only the sessions of its groups: none here.
    assert list(audiences.past_meetings(partner)) == []
    member(group("DS"), partner.contact)
    assert list(audiences.past_meetings(partner)) == [world["past"]]
    # Only the latest are offered (the select stays light with thousands of sessions).
    later = meeting(group("DS"), title="Séance plus récente", days=-2)
    Attendance.objects.create(meeting=later, contact=world["member"], status="represented")
    assert list(audiences.past_meetings(world["coordinator"], limit=1)) == [later]


def test_an_empty_audience_reaches_nobody(world):
    nobody = Audience(group_members=False)
    assert nobody.is_empty and audiences.preview(world["session"], nobody).count == 0


# The page: preview, then send.


def invite_url(world):
    return reverse("workshops:meeting_invite", args=[world["session"].pk])


def preview_data(world, **extra):
    return {
        "step": "preview",
        "group_members": "on",
        "neighbourhoods": [world["valibout"].pk],
        "reach": "all",
        "past_meeting": world["past"].pk,
        **extra,
    }


def test_the_page_opens_on_the_groups_members_with_who_has_no_address(coordinator_client, world):
    page = html(coordinator_client.get(invite_url(world)))
    assert "1 personne recevra une invitation" in page.select_one("#preview-count").get_text(" ", strip=True)
    assert "SANSADRESSE Sam" in page.select_one("#preview").get_text(" ")
    assert page.select_one("button[value=send]").get_text(strip=True) == "Envoyer 1 invitation"
    assert page.select_one("input[name=group_members]").has_attr("checked")


def test_preview_then_send_invites_exactly_the_people_counted(
    coordinator_client, world, django_capture_on_commit_callbacks
):
    Invitation.objects.create(meeting=world["session"], contact=world["primary"])
    url = invite_url(world)
    page = html(coordinator_client.post(url, preview_data(world)))
    count = int(page.select_one("#preview-count strong").get_text().split()[0])
    assert count == 5 and not Invitation.objects.exclude(contact=world["primary"]).exists()  # nothing sent yet
    assert "1 personne déjà invitée" in page.select_one("#already-invited").get_text(" ", strip=True)
    assert "1 personne sans adresse e-mail" in page.select_one("#without-email").get_text(" ", strip=True)
    # The choices are kept.
    assert page.select_one(f"input[name=neighbourhoods][value='{world['valibout'].pk}']").has_attr("checked")
    assert page.select_one("input[name=reach][value=all]").has_attr("checked")
    assert page.select_one(f"select[name=past_meeting] option[value='{world['past'].pk}']").has_attr("selected")
    assert page.select_one("button[value=send]").get_text(strip=True) == "Envoyer 5 invitations"
    expected = page.select_one("input[name=expected]")["value"]
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, preview_data(world, step="send", expected=expected), follow=True)
    assert "5 invitations envoyées" in response.content.decode()
    new = Invitation.objects.filter(meeting=world["session"]).exclude(contact=world["primary"])
    assert new.count() == count
    assert sorted(message.to[0] for message in mail.outbox) == sorted(new.values_list("contact__email", flat=True))


def test_long_lists_name_the_first_people_and_count_the_others(coordinator_client, world, monkeypatch):
    monkeypatch.setattr(audiences.Preview, "LISTED", 2)  # 300 in the portal
    page = html(coordinator_client.post(invite_url(world), preview_data(world)))
    names = page.select("#preview details li")
    assert len(names) == 3 and names[-1].get_text(strip=True) == "et 4 autres"  # 6 people to invite


def test_sending_other_choices_than_previewed_shows_the_new_preview_and_sends_nothing(coordinator_client, world):
    url = invite_url(world)
    page = html(coordinator_client.get(url))
    expected = page.select_one("input[name=expected]")["value"]  # the groups' members only
    response = coordinator_client.post(url, preview_data(world, step="send", expected=expected))
    assert response.status_code == 200 and not Invitation.objects.exists()
    page = html(response)
    assert "ne sont plus celles de l'aperçu" in page.get_text()
    assert page.select_one("button[value=send]").get_text(strip=True) == "Envoyer 6 invitations"
    assert page.select_one("input[name=reach][value=all]").has_attr("checked")


def test_no_audience_or_a_session_out_of_sight_is_refused_with_a_message(client, world, partner):
    url = invite_url(world)
    client.force_login(world["coordinator"])
    page = html(client.post(url, {"step": "preview", "reach": "primary"}))
    assert "Choisissez au moins un public à inviter." in page.select_one("#error-summary").get_text()
    # The facilitator of DS does not see IPJ's past session: it is not offered, and posting it is refused.
    member(world["session"].groups.get(), partner.contact, MembershipRole.FACILITATOR)
    hidden = meeting(group("IPJ"), title="Séance d'un autre groupe", days=-3)
    Attendance.objects.create(meeting=hidden, contact=world["colleague"], status="present")
    client.force_login(partner)
    page = html(client.get(url))
    offered = [option["value"] for option in page.select("select[name=past_meeting] option") if option["value"]]
    assert offered == [str(world["past"].pk)]
    response = client.post(url, preview_data(world, past_meeting=hidden.pk, step="send", expected="x"))
    assert response.status_code == 200 and not Invitation.objects.exists()
    assert "Sélectionnez un choix valide" in html(response).select_one("#error-summary").get_text()


def test_query_budget_of_the_invite_page_does_not_grow_with_structures_and_people(coordinator_client, world):
    url = invite_url(world)

    def grow():
        for index in range(10):
            place = structure(f"Maison de quartier {index}", "asso_quartier", places=[world["valibout"]])
            member(world["session"].groups.get(), person("Nouveau", f"Membre{index}", place, is_primary=True))
            person("Autre", f"Collègue{index}", place)
            Attendance.objects.create(
                meeting=world["past"], contact=person("Venu", f"Participant{index}", place), status="present"
            )
            Invitation.objects.create(meeting=world["session"], contact=person("Déjà", f"Invité{index}", place))

    data = preview_data(world, types=[OrganisationType.objects.get(code="bailleur").pk], reach="primary")

    def posted():
        with CaptureQueriesContext(connection) as queries:
            assert coordinator_client.post(url, data).status_code == 200
        return len(queries)

    posted()  # warm the per-process caches, as assert_query_budget does
    before_preview = posted()
    # GET: session, its groups, the choices (types, axes, neighbourhoods, past sessions, contacts), the preview.
    queries = assert_query_budget(coordinator_client, url, budget=14, grow=grow)
    after_preview = posted()
    print(f"invite page: {queries} queries; preview of 5 audiences: {after_preview} (before growing {before_preview})")
    assert before_preview == after_preview <= 18


def test_the_demo_partners_day_of_9_april_2015_invited_to_a_session_to_come(django_capture_on_commit_callbacks):
    from solidarites.demo.partners import load_partners
    from solidarites.demo.workshops import COORDINATOR_EMAIL, load_workshops

    load_partners()
    load_workshops()
    coordinator = User.objects.get(email=COORDINATOR_EMAIL)
    day = Meeting.objects.get(kind=Meeting.Kind.PLENARY, starts_at__date=date(2015, 4, 9))
    offered = {item.pk: item.participants for item in audiences.past_meetings(coordinator)}
    came = day.attendances.filter(status__in=["present", "represented"])
    assert offered[day.pk] == came.count() >= 98
    session = Meeting.objects.filter(starts_at__gt=timezone.now()).exclude(kind=Meeting.Kind.PLENARY).first()
    audience = Audience(group_members=False, past_meeting=day)
    shown = audiences.preview(session, audience)
    assert shown.count + len(shown.without_email) + len(shown.already_invited) == came.count()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_invitations(
            by=coordinator, meeting=session, audience=audience, expected=shown.fingerprint
        )
    assert sent == shown.count == len(mail.outbox) == session.invitations.count()
    print(f"partners' day: {came.count()} participants, {sent} invited, {len(shown.without_email)} without e-mail")
