"""Every change to findings and coordination obstacles goes through these functions: atomic and logged.

Edits use `update_versioned` (optimistic locking: ConcurrentEditError when somebody saved in between).
"""

from django.db import transaction

from partners.enums import AuditVerb
from partners.services import ConcurrentEditError, log_action, update_versioned
from workshops.models import CoordinationObstacle, Finding

__all__ = ["ConcurrentEditError", "create_finding", "create_obstacle", "update_versioned"]


@transaction.atomic
def create_finding(*, by, data):
    finding = Finding.objects.create(**data)
    log_action(actor=by, verb=AuditVerb.CREATED, target=finding, message=f"Axe : {finding.axis}")
    return finding


@transaction.atomic
def create_obstacle(*, by, data):
    """Create an obstacle from cleaned form data (its axes as a list or a queryset)."""
    data = dict(data)
    axes = data.pop("axes", [])
    obstacle = CoordinationObstacle.objects.create(**data, created_by=by)
    obstacle.axes.set(axes)
    log_action(
        actor=by, verb=AuditVerb.CREATED, target=obstacle, message=f"Catégorie : {obstacle.get_category_display()}"
    )
    return obstacle
