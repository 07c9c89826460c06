"""Builders for action sheets (tests only)."""

from actionsheets import services
from actionsheets.models import ActionSheet, Status
from tests.workshops.factories import group


def sheet(of=None, title="Cellule de veille partenariale", by=None, status=Status.DRAFT, **fields):
    """A sheet made through the service (code allocation, first version), then put in `status` directly."""
    item = services.create_sheet(by=by, group=of or group("DS"), title=title)
    updates = {"status": status, **fields}
    ActionSheet.objects.filter(pk=item.pk).update(**updates)
    item.refresh_from_db()
    return item
