"""Finding 7 of issue 13: merging two structures that share a unique relation (both partners of one fiche, their
people invited to one session) combines the rows instead of failing on the unique constraint."""

import pytest
from django.db.models import UniqueConstraint

from actionsheets.models import ActionPartner
from partners import services
from partners.models import Contact, Organisation
from tests.actionsheets.factories import sheet
from tests.workshops.factories import contact, meeting, structure
from workshops.models import Invitation

pytestmark = pytest.mark.django_db


def test_two_partners_of_one_fiche_and_invited_to_one_session_merge(coordinator):
    keep, remove = structure("Mission locale"), structure("Mission locale SQY")
    item = sheet()
    ActionPartner.objects.create(sheet=item, organisation=keep, role="relay", contribution="Orientation des jeunes")
    ActionPartner.objects.create(sheet=item, organisation=remove, role="co_pilot", contribution="Ateliers CV")
    session = meeting()
    for person in (contact("Ana", "Keep", keep.name), contact("Bob", "Remove", remove.name)):
        Invitation.objects.create(meeting=session, contact=person)

    services.merge_organisations(by=coordinator, keep=keep, remove=remove, choices={})

    partner = ActionPartner.objects.get(sheet=item)  # one row left
    assert partner.organisation == keep
    assert partner.role == "co_pilot"  # the stronger commitment wins
    assert partner.contribution == "Orientation des jeunes ; Ateliers CV"
    invited = Invitation.objects.filter(meeting=session)
    assert {invitation.contact.organisation for invitation in invited} == {keep}  # one row per person, all kept
    assert invited.count() == 2


def test_every_unique_relation_to_a_structure_or_a_person_is_known():
    """A new model with a unique constraint on a structure gets a combiner or the default (keep the kept row)."""
    from partners import merging

    found = []
    for model in (Organisation, Contact):
        for relation in model._meta.related_objects:
            for others, _ in merging.unique_partners(relation.related_model, relation.field.name):
                found.append((model.__name__, relation.related_model._meta.label, relation.field.name, *others))
    print(*found, sep="\n")
    assert ("Organisation", "actionsheets.ActionPartner", "organisation", "sheet") in found
    assert ("Contact", "workshops.Invitation", "contact", "meeting") in found
    assert merging.combiner(ActionPartner) is not merging.keep_first
    assert all(isinstance(c, UniqueConstraint) for c in ActionPartner._meta.constraints)
