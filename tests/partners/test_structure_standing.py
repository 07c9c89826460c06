"""Issue 13, finding 6: a partner's rights follow its structure. Once the structure (or the interlocutor) is
deactivated through the service the directory uses, the person loses every partner-level access: closed
groups and their sessions, draft minutes, session documents, the fiches of its groups and those it co-writes,
its calendar feed and its pending invitations."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actionsheets.sections import SECTIONS
from partners import services as partner_services
from tests.actionsheets.factories import sheet
from tests.conftest import OWN, organisation, partner_of
from tests.workshops.factories import group, meeting, member
from workshops import services
from workshops.models import CalendarFeed, Invitation, Meeting, MembershipRole
from workshops.tokens import make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(coordinator):
    """A facilitator of the group IPJ (draft minutes, a document, a draft fiche it co-writes, a feed)."""
    user = partner_of(OWN, email="paula@example.org", first_name="Paula", last_name="Partenaire")
    ipj = group("IPJ")
    member(ipj, user.contact, MembershipRole.FACILITATOR)
    session = meeting(ipj)
    services.save_minutes(by=None, meeting=session, version=0, summary="Brouillon", decisions=[], tasks=[])
    document = session.documents.create(title="Ordre du jour", file=SimpleUploadedFile("odj.pdf", b"%PDF"), size=4)
    draft = sheet(ipj, by=user)
    invitation = Invitation.objects.create(meeting=session, contact=user.contact)
    return {
        "user": user,
        "coordinator": coordinator,
        "urls": {
            "group": reverse("workshops:group_detail", args=[ipj.pk]),
            "meeting": reverse("workshops:meeting_detail", args=[session.pk]),
            "minutes": reverse("workshops:minutes_edit", args=[session.pk]),
            "document": reverse("workshops:document_download", args=[session.pk, document.pk]),
            "sheet": reverse("actionsheets:sheet_detail", args=[draft.pk]),
            "section": reverse("actionsheets:section_edit", args=[draft.pk, SECTIONS[0].slug]),
        },
        "feed": reverse("workshops:calendar_feed", args=[CalendarFeed.objects.create(user=user).token]),
        "rsvp": reverse("workshops:rsvp", args=[make_token(invitation, "yes")]),
    }


def status_of(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # read to the end, which closes the document's file
    return response.status_code


def statuses(client, standing):
    client.force_login(standing["user"])
    codes = {name: status_of(client, url) for name, url in standing["urls"].items()}
    client.logout()
    codes["feed"] = client.get(standing["feed"]).status_code
    codes["rsvp"] = client.get(standing["rsvp"]).status_code
    return codes


def test_a_deactivated_structure_takes_every_partner_right_away(client, standing):
    before = statuses(client, standing)
    assert before == dict.fromkeys(before, 200)
    partner_services.set_active(by=standing["coordinator"], instance=organisation(OWN), active=False)
    after = statuses(client, standing)
    print("after deactivating the structure:", after)
    assert after == {name: 404 for name in after} | {"rsvp": 410}


def test_a_deactivated_interlocutor_loses_them_too(client, standing):
    partner_services.set_active(by=standing["coordinator"], instance=standing["user"].contact, active=False)
    after = statuses(client, standing)
    assert after == {name: 404 for name in after} | {"rsvp": 410}


def test_reactivating_the_structure_gives_them_back(client, standing):
    partner_services.set_active(by=standing["coordinator"], instance=organisation(OWN), active=False)
    partner_services.set_active(by=standing["coordinator"], instance=organisation(OWN), active=True)
    assert set(statuses(client, standing).values()) == {200}


def test_no_reminder_or_update_reaches_a_deactivated_structure(standing, django_capture_on_commit_callbacks):
    from django.core import mail

    invitation = Invitation.objects.get(contact=standing["user"].contact)
    sent = timezone.now() - timedelta(days=2)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=sent)
    Meeting.objects.filter(pk=invitation.meeting_id).update(invitations_sent_at=sent)
    invitation.refresh_from_db()
    partner_services.set_active(by=standing["coordinator"], instance=organisation(OWN), active=False)
    meeting_ = invitation.meeting
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            by=standing["coordinator"],
            meeting=meeting_,
            version=meeting_.version,
            changes={
                "starts_at": meeting_.starts_at + timedelta(hours=1),
                "ends_at": meeting_.ends_at + timedelta(hours=1),
            },
        )
        services.send_reminders(now=meeting_.starts_at - timedelta(days=1))
    print("e-mails to the deactivated structure's person:", [m.subject for m in mail.outbox])
    assert mail.outbox == []
