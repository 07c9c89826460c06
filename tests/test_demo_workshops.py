from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db.models import Count
from django.utils import timezone

from partners.enums import AuditVerb
from partners.models import AuditEntry, Organisation, SentEmail
from solidarites.demo.partners import load_partners
from solidarites.demo.workshops import PARTNER_EMAIL, load_workshops, working_day
from workshops.models import (
    FACILITATING_ROLES,
    Attendance,
    CoordinationObstacle,
    Decision,
    Finding,
    FollowUpTask,
    Invitation,
    Meeting,
    Membership,
    MembershipRole,
    Minutes,
    ObstacleCategory,
    Venue,
    WorkingGroup,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Venue,
    WorkingGroup,
    Membership,
    Meeting,
    Invitation,
    Attendance,
    Minutes,
    Decision,
    FollowUpTask,
    Finding,
    CoordinationObstacle,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def directory():
    """The demo directory and accounts, as `load_demo` loads them before the groups."""
    load_partners()


def test_loading_twice_creates_nothing_new_and_sends_nothing(directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = load_workshops()
        first = counts()
        again = load_workshops()
    assert counts() == first
    assert not any(again.values()), again
    assert created["groupes"] == 7 and first["Venue"] >= 4
    assert mail.outbox == [] and not SentEmail.objects.exists()


def test_upcoming_sessions_of_an_earlier_day_are_not_duplicated(directory):
    today = timezone.localdate()
    load_workshops(today=today - timedelta(days=5))
    first = counts()
    load_workshops(today=today)
    assert counts() == first
    assert Meeting.objects.upcoming().exists()


def test_seven_groups_of_eight_to_twenty_members_with_a_facilitator(directory):
    load_workshops()
    groups = WorkingGroup.objects.annotate(size=Count("memberships")).select_related("axis")
    assert len(groups) == 7
    assert {group.axis.code for group in groups} == {"DS", "IPJ", "HAB", "SEN", "HAN", "AD", "BVE"}
    for group in groups:
        assert 8 <= group.size <= 20, group
        assert group.mandate
        facilitator = group.memberships.get(role=MembershipRole.FACILITATOR)
        assert facilitator.contact.organisation.type.code == "ville"
        # Members come from structures working on the group's axis.
        assert not group.memberships.exclude(contact__organisation__axes=group.axis).exists()


def test_the_demo_partner_facilitates_exactly_one_group_and_is_a_member_of_another(directory):
    load_workshops()
    memberships = Membership.objects.filter(contact__user__email=PARTNER_EMAIL)
    assert memberships.filter(role__in=FACILITATING_ROLES).count() == 1
    assert memberships.filter(role=MembershipRole.MEMBER).count() == 1
    assert memberships.count() == 2


def test_the_partners_day_gathers_98_organisations(directory):
    load_workshops()
    meeting = Meeting.objects.get(kind=Meeting.Kind.PLENARY, starts_at__date=date(2015, 4, 9))
    assert meeting.venue.name == "La Mosaïque – maison des familles"
    assert timezone.localtime(meeting.starts_at).hour == 9 and meeting.groups.count() == 7
    came = meeting.attendances.filter(status__in=[Attendance.Status.PRESENT, Attendance.Status.REPRESENTED])
    assert came.values("contact__organisation").distinct().count() == 98
    assert meeting.invitations.values("contact__organisation").distinct().count() == 98
    assert Organisation.objects.count() == 100


def test_every_2015_group_session_has_published_minutes(directory):
    load_workshops()
    sessions = Meeting.objects.filter(kind=Meeting.Kind.GROUP, starts_at__year=2015)
    assert {timezone.localtime(meeting.starts_at).date() for meeting in sessions} == {
        date(2015, 5, 21),
        date(2015, 6, 11),
    }
    assert sessions.count() == 14
    for meeting in sessions:
        minutes = meeting.minutes
        assert minutes.is_published and minutes.summary and minutes.published_at > meeting.ends_at
        assert 2 <= minutes.decisions.count() <= 3 and 1 <= minutes.tasks.count() <= 3
        assert meeting.invitations.exists() and meeting.attendances.count() == meeting.invitations.count()
        statuses = set(meeting.attendances.values_list("status", flat=True))
        assert Attendance.Status.PRESENT in statuses
    all_statuses = set(Attendance.objects.filter(meeting__in=sessions).values_list("status", flat=True))
    assert all_statuses == set(Attendance.Status.values)
    for kind in (Meeting.Kind.COPIL, Meeting.Kind.COTECH):
        assert Meeting.objects.filter(kind=kind, starts_at__year=2015).exists()


def test_upcoming_sessions_findings_and_obstacles(directory):
    load_workshops()
    upcoming = Meeting.objects.upcoming()
    assert upcoming.count() >= 3
    days = [timezone.localdate(meeting.starts_at) for meeting in upcoming]
    assert len(set(days)) == len(days) and all(working_day(day) == day for day in days)
    for meeting in upcoming:
        assert meeting.agenda_items and meeting.invitations_sent_at is None and not meeting.invitations.exists()
    for group in WorkingGroup.objects.all():
        assert 3 <= Finding.objects.filter(axis=group.axis).count() <= 5
    obstacles = CoordinationObstacle.objects.all()
    assert 10 <= obstacles.count() <= 15
    assert set(obstacles.values_list("category", flat=True)) == set(ObstacleCategory.values)
    assert obstacles.filter(meeting__starts_at__date__in=[date(2015, 5, 21), date(2015, 6, 11)]).exists()
    assert not obstacles.filter(axes=None).exists()


def test_the_sessions_went_through_the_services(directory):
    """Invited, answered, recorded and minuted by the workshops services: their log entries are there."""
    load_workshops()
    meeting = Meeting.objects.get(kind=Meeting.Kind.PLENARY, starts_at__date=date(2015, 4, 9))
    logged = AuditEntry.objects.filter(target_type=ContentType.objects.get_for_model(Meeting), target_id=meeting.pk)
    verbs = set(logged.values_list("verb", flat=True))
    assert {AuditVerb.CREATED, AuditVerb.INVITED, AuditVerb.ANSWERED, AuditVerb.ATTENDANCE} <= verbs
    assert AuditEntry.objects.filter(verb=AuditVerb.PUBLISHED).count() == Minutes.objects.count()
    assert meeting.attendances.filter(is_walk_in=True).exists()
    # Dated after the fact: sent, answered and published in 2015, around the day itself.
    assert timezone.localdate(meeting.invitations_sent_at) == date(2015, 3, 12)
    answered = meeting.invitations.exclude(answered_at=None).values_list("answered_at", flat=True)
    assert all(meeting.invitations_sent_at < moment < meeting.starts_at for moment in answered)


def test_upcoming_sessions_fall_on_working_days():
    assert working_day(date(2026, 11, 28)) == date(2026, 11, 30)  # Saturday → Monday
    assert working_day(date(2026, 12, 23)) == date(2027, 1, 4)  # Christmas break
    assert working_day(date(2027, 5, 8)) == date(2027, 5, 10)  # 8 May, a Saturday, then Sunday
    assert working_day(date(2027, 7, 14)) == date(2027, 7, 15)
    assert working_day(date(2027, 8, 3)) == date(2027, 8, 23)
    assert working_day(date(2027, 3, 2)) == date(2027, 3, 2)
