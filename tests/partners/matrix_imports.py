"""Permission-matrix rows for spreadsheets as they come: the page that follows a confirmed import.

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. Imports are the coordinators' work:
others are refused (403) as on the other import pages; a list not confirmed yet has no progress page (404); the
page only reads (POST: 405).
"""

LOGGED_IN = {"anonymous": 302, "inactive": 302}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}


def confirmed(objects):
    return {"pk": objects["confirmed_import"].pk}


def unconfirmed(objects):
    return {"pk": objects["batch"].pk}


MATRIX = [
    ("partners:import_progress", confirmed, "get", None, COORDINATION),
    ("partners:import_progress", unconfirmed, "get", None, {**COORDINATION, "coordinator": 404, "admin": 404}),
    ("partners:import_progress", confirmed, "post", {}, {**COORDINATION, "coordinator": 405, "admin": 405}),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from partners.enums import ImportState
    from partners.models import ImportBatch
    from tests.partners.factories import UserFactory

    coordinator = UserFactory(coordinator=True)
    batch = ImportBatch.objects.create(
        created_by=coordinator,
        confirmed_by=coordinator,
        file_name="partenaires.csv",
        content=b"Structure;Type\n",
        state=ImportState.DONE,
        summary="1 structure(s) créée(s).",
    )
    return {"confirmed_import": batch}
