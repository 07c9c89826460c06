"""Working groups and meeting venues created by the project team from the portal (issue 14, item 5): atomic and
logged. Edits go through partners.versioning.save_versioned (optimistic locking, a log row of the fields changed).
"""

from django.db import transaction

from partners.enums import AuditVerb
from partners.services import log_action
from workshops.models import Venue, WorkingGroup


@transaction.atomic
def create_group(*, by, data):
    group = WorkingGroup.objects.create(**data)
    log_action(actor=by, verb=AuditVerb.CREATED, target=group, message=f"Axe : {group.axis}")
    return group


@transaction.atomic
def create_venue(*, by, data):
    venue = Venue.objects.create(**data)
    log_action(actor=by, verb=AuditVerb.CREATED, target=venue, message=venue.full_address)
    return venue
