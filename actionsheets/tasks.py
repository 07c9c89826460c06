"""The fiches' background tasks: comparing a fiche with the others again after it changed (actionsheets.overlaps).

Run by the task worker (django-tasks; at once, inside the test, with the immediate backend), so that the save of
a fiche never waits for the comparison and a failure of the comparison never touches the save.
"""

from django_tasks import task


@task(queue_name="default")
def refresh_sheet_overlaps(sheet_id):
    """The pairs of one fiche, brought up to date (idempotent: a second run changes nothing)."""
    from actionsheets.models import ActionSheet
    from actionsheets.overlaps import refresh_overlaps

    sheet = ActionSheet.objects.filter(pk=sheet_id).first()
    if sheet is None:  # deleted since: its pairs went with it
        return None
    return refresh_overlaps(sheet)
