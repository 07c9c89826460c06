"""Permission-matrix rows for the snapshots pages of issue 12 (see tests/test_permissions.py).

Snapshots and « ce qui a changé » show the whole programme: coordinators and readers read them, partners (the
outsider is one) get 403 (programme/permissions.py, can_see_snapshots). Closing a COPIL is a coordinator's POST
(then a redirect to the dossier; a COPIL without a dossier is 404), GET 405. Anonymous and inactive accounts go
to the login page. An unknown export format is 404.
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
READERS = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 200, "coordinator": 200, "admin": 200}
CLOSE = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 302, "admin": 302}
CLOSE_MISSING = {**CLOSE, "coordinator": 404, "admin": 404}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
EXPORT_UNKNOWN = {**READERS, "reader": 404, "coordinator": 404, "admin": 404}


def open_copil(objects):
    return {"pk": objects["snapshots_open_copil"].pk}


def copil_without_dossier(objects):
    return {"pk": objects["snapshots_bare_copil"].pk}


def snapshot(objects):
    return {"pk": objects["snapshots_taken"].pk}


def export_as(fmt):
    return lambda objects: {"fmt": fmt}


MATRIX = [
    ("programme:copil_close", open_copil, "post", {}, CLOSE),
    ("programme:copil_close", copil_without_dossier, "post", {}, CLOSE_MISSING),
    ("programme:copil_close", open_copil, "get", None, READ_ONLY),
    ("programme:snapshot_list", None, "get", None, READERS),
    ("programme:snapshot_list", None, "post", {}, READ_ONLY),
    ("programme:snapshot_detail", snapshot, "get", None, READERS),
    ("programme:snapshot_detail", snapshot, "post", {}, READ_ONLY),
    ("programme:changes", None, "get", None, READERS),
    ("programme:changes", None, "post", {}, READ_ONLY),
    ("programme:changes_export", export_as("csv"), "get", None, READERS),
    ("programme:changes_export", export_as("xlsx"), "get", None, READERS),
    ("programme:changes_export", export_as("ods"), "get", None, READERS),
    ("programme:changes_export", export_as("pdf"), "get", None, EXPORT_UNKNOWN),
    ("programme:changes_export", export_as("csv"), "post", {}, READ_ONLY),
]


def objects():
    """A COPIL whose dossier is open, one closed (its snapshot), one without a dossier."""
    from programme.models import CopilDossier
    from programme.snapshots import close_copil
    from tests.workshops.factories import meeting
    from workshops.models import Meeting

    def copil(days, title):
        return meeting(days=days, title=title, kind=Meeting.Kind.COPIL)

    closed = CopilDossier.objects.create(meeting=copil(-60, "COPIL de printemps"))
    taken = close_copil(by=None, dossier=closed)
    open_dossier = CopilDossier.objects.create(meeting=copil(20, "COPIL d'automne"))
    return {
        "snapshots_open_copil": open_dossier.meeting,
        "snapshots_bare_copil": copil(40, "COPIL d'hiver"),
        "snapshots_taken": taken,
    }
