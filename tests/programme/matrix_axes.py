"""Permission-matrix rows for the programme's axes pages (see tests/test_permissions.py): every logged-in
persona reads an axis page, outsiders included (what each sees is tested in tests/programme/test_axes.py);
the page changes nothing (POST 405); an unknown or inactive axis is 404."""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
MEMBERS_200 = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
MEMBERS_405 = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
MEMBERS_404 = {**dict.fromkeys(PERSONAS, 404), **LOGGED_IN}


def code(value):
    return lambda objects: {"code": value}


MATRIX = [
    ("programme:axis_detail", code("DS"), "get", None, MEMBERS_200),
    ("programme:axis_detail", code("ds"), "get", None, MEMBERS_200),
    ("programme:axis_detail", code("DS"), "post", {}, MEMBERS_405),
    ("programme:axis_detail", code("ZZZ"), "get", None, MEMBERS_404),
    ("programme:axis_detail", lambda objects: {"code": objects["inactive_axis"].code}, "get", None, MEMBERS_404),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from partners.models import Axis

    inactive = Axis.objects.create(code="ANCIEN", title="Axe abandonné", short_title="Abandonné", is_active=False)
    return {"inactive_axis": inactive}
