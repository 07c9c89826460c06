"""Finding 2 of issue 13: a formula typed into the directory never runs in the coordinator's spreadsheet, and every
export of the portal goes through the one neutralising helper of solidarites/lib/exports.py."""

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
import tablib
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Contact, Organisation, OrganisationType
from solidarites.lib import exports

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x","y")'
ROOT = Path(__file__).resolve().parents[2]
APPS = ["partners", "workshops", "actionsheets", "programme", "background", "solidarites"]


@pytest.fixture
def planted(db):
    kind = OrganisationType.objects.first()
    org = Organisation.objects.create(name="Association piégée", acronym=FORMULA, type=kind)
    Contact.objects.create(organisation=org, first_name="Ana", last_name="Lyse", function=FORMULA)
    return org


def read(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate  # never a formula
        return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]
    dataset = tablib.Dataset().load(io.BytesIO(response.content), format="ods", headers=False)
    assert b"table:formula" not in response.content
    return [list(row) for row in dataset]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
@pytest.mark.parametrize("url_name", ["partners:organisation_export", "partners:contact_export"])
def test_a_planted_formula_is_exported_as_text(coordinator_client, planted, fmt, url_name):
    rows = read(coordinator_client.get(reverse(url_name, args=[fmt])), fmt)
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1+1", "'＝1+1"),  # full-width look-alikes some spreadsheets normalise
        ("Association", "Association"),
        (Decimal("-12.50"), Decimal("-12.50")),  # a negative amount stays a number
        (-3, -3),
        (None, None),
    ],
)
def test_the_helper_neutralises_text_and_leaves_numbers(value, expected):
    assert exports.neutralise(value) == expected


def _offences(path):
    """Calls that build a spreadsheet or a CSV outside the shared export layer."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in {"Dataset", "writer", "DictWriter", "Workbook"}:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module in {"tablib", "csv", "openpyxl"}:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} from {node.module} import")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "export":
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} .export()")
    return found


def test_every_export_goes_through_the_shared_helper():
    allowed = {ROOT / "solidarites/lib/exports.py", ROOT / "partners/imports.py"}  # imports only read files
    offences = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path not in allowed and "migrations" not in path.parts:
                offences += _offences(path)
    assert offences == []
