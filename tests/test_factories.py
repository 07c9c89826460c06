"""The test factories reach each lifecycle state the way the pages do (through the services and the workflow)."""

import pytest

from actionsheets.models import Status
from tests.actionsheets.factories import PATHS, ActionSheetFactory, sheet
from tests.partners.factories import OrganisationFactory
from tests.workshops.factories import MeetingFactory, MembershipFactory, WorkingGroupFactory, group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", list(PATHS))
def test_a_sheet_reaches_each_state_through_the_workflow(status):
    item = sheet(group("HAB"), status=status)
    assert item.status == status
    assert [move.action for move in item.transitions.order_by("pk")] == [action for action, _ in PATHS[status]]


def test_sheet_traits_and_the_copil_date():
    item = ActionSheetFactory(in_progress=True)
    assert item.status == Status.IN_PROGRESS and item.copil_date is not None
    assert ActionSheetFactory(validated=True, copil_date=item.copil_date.replace(year=2014)).copil_date.year == 2014


def test_organisation_with_contacts_and_a_group_with_members():
    organisation = OrganisationFactory(with_contacts=3)
    assert organisation.contacts.filter(is_active=True).count() == 3
    facilitator = MembershipFactory(facilitator=True, contact__organisation=organisation)
    assert facilitator.role == "facilitator"
    assert WorkingGroupFactory(with_members=2).memberships.count() == 2


def test_meeting_traits():
    held = MeetingFactory(groups=[group("DS")], past_with_minutes=True)
    assert held.has_started and held.minutes.is_published and held.groups.count() == 1
    assert not MeetingFactory(with_minutes=True).minutes.is_published
    assert MeetingFactory(cancelled=True).is_cancelled
    assert MeetingFactory(past=True).has_started
