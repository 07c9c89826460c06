"""Builders for action sheets (tests only): a sheet is made by the service, then walked through the workflow.

`ActionSheetFactory(validated=True)` or `sheet(status=Status.VALIDATED)` make the moves a real sheet makes to
reach that state (actionsheets.workflow), with `notify=False`, so the transitions, log rows and COPIL date
are those the pages would have written.
"""

import datetime

import factory

from actionsheets import services
from actionsheets.models import ActionSheet, Status
from tests.workshops.factories import group

COPIL = datetime.date(2015, 10, 8)
TO_VALIDATED = [("submit", {}), ("forward", {}), ("validate", {"copil_date": COPIL})]
TO_IN_PROGRESS = [*TO_VALIDATED, ("start", {})]
# The moves from a new draft to each state (comments where the workflow asks for one).
PATHS = {
    Status.DRAFT: [],
    Status.SUBMITTED: [("submit", {})],
    Status.TO_REVISE: [("submit", {}), ("send_back", {"comment": "À préciser"})],
    Status.FORWARDED: [("submit", {}), ("forward", {})],
    Status.VALIDATED: TO_VALIDATED,
    Status.PLANNED: [*TO_VALIDATED, ("plan", {})],
    Status.IN_PROGRESS: TO_IN_PROGRESS,
    Status.ON_HOLD: [*TO_IN_PROGRESS, ("pause", {"comment": "En attente des financements"})],
    Status.DONE: [*TO_IN_PROGRESS, ("complete", {})],
    Status.ABANDONED: [*TO_VALIDATED, ("abandon", {"comment": "Plus de porteur"})],
    Status.ARCHIVED: [*TO_VALIDATED, ("archive", {})],
}


def walk(item, status, *, by=None, copil_date=None):
    """Make the workflow moves that take a new draft to `status`; returns the sheet as the last move left it."""
    for action, extra in PATHS[status]:
        if "copil_date" in extra and copil_date:
            extra = {**extra, "copil_date": copil_date}
        item = services.move(by=by, sheet=item, action=action, notify=False, **extra)
    return item


class ActionSheetFactory(factory.django.DjangoModelFactory):
    """ActionSheetFactory(group=…, title=…, by=user, submitted=True / validated=True / in_progress=True…)."""

    class Meta:
        model = ActionSheet

    group = factory.LazyFunction(lambda: group("DS"))
    title = factory.Sequence(lambda n: f"Fiche action {n}")
    by = None
    status = Status.DRAFT
    copil_date = None

    class Params:
        submitted = factory.Trait(status=Status.SUBMITTED)
        to_revise = factory.Trait(status=Status.TO_REVISE)
        forwarded = factory.Trait(status=Status.FORWARDED)
        validated = factory.Trait(status=Status.VALIDATED)
        planned = factory.Trait(status=Status.PLANNED)
        in_progress = factory.Trait(status=Status.IN_PROGRESS)
        on_hold = factory.Trait(status=Status.ON_HOLD)
        done = factory.Trait(status=Status.DONE)
        abandoned = factory.Trait(status=Status.ABANDONED)
        archived = factory.Trait(status=Status.ARCHIVED)

    @classmethod
    def _create(cls, model_class, *, group, title, by, status, copil_date, **fields):
        item = services.create_sheet(by=by, group=group, title=title)
        if copil_date and "validate" not in dict(PATHS[status]):
            fields["copil_date"] = copil_date
        if fields:  # plain fields (pilot, description, dates…): written before the moves, as an author would
            ActionSheet.objects.filter(pk=item.pk).update(**fields)
        walk(item, status, by=by, copil_date=copil_date)
        item.refresh_from_db()
        return item


def sheet(of=None, title="Cellule de veille partenariale", by=None, status=Status.DRAFT, **fields):
    """A sheet of the group `of` (DS by default) brought to `status` through the workflow."""
    return ActionSheetFactory(group=of or group("DS"), title=title, by=by, status=status, **fields)


def forced(item, status):
    """Put `status` straight on the row, with no transition behind it: only for a test that counts every
    transition and log row of the sheet (the twenty concurrent validations)."""
    ActionSheet.objects.filter(pk=item.pk).update(status=status)
    item.refresh_from_db()
    return item
