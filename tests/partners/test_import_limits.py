"""Finding 4 of issue 13: a small hostile workbook cannot make the import parse millions of cells. Rows, columns
and cells are capped before anything is kept, the true dimension of a sheet is computed (not the declared one),
the file is parsed once on upload, and the user gets a French message."""

import io
import re
import zipfile

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from partners import imports
from partners.imports import ImportFileError, read_table
from partners.models import ImportBatch
from tests.utils import html

pytestmark = pytest.mark.django_db
HEADERS = ["Structure", "Type", "Code postal", "Prénom", "Nom", "E-mail interlocuteur"]
ROW = ["Association A", "asso", "78370", "Ana", "Lyse", "ana@example.org"]


def xlsx(rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Partenaires")
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def patched(content, member, change):
    """The same zip with `member` rewritten by `change(text)`."""
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(data.decode()).encode() if item.filename == member else data)
    return output.getvalue()


def with_dimension(content, ref):
    def change(text):
        if "<dimension" in text:
            return re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', text)
        return text.replace("<sheetData", f'<dimension ref="{ref}"/><sheetData', 1)

    return patched(content, "xl/worksheets/sheet1.xml", change)


def test_a_declared_dimension_of_16384_columns_is_not_believed():
    content = with_dimension(xlsx([HEADERS, ROW, ROW]), "A1:XFD1048576")
    assert len(content) < 8000
    headers, rows = read_table("partenaires.xlsx", content)
    print(f"\n[import] XLSX de {len(content)} octets déclarant A1:XFD1048576 : lignes de {len(headers)} cellules")
    assert len(headers) == len(HEADERS)
    assert [len(row) for row in rows] == [len(HEADERS)] * 2


def test_a_hostile_workbook_is_refused_on_the_upload_form_in_french(coordinator_client):
    wide = [*HEADERS, *[""] * 100, "x"]
    response = coordinator_client.post(
        reverse("partners:import_upload"), {"file": SimpleUploadedFile("large.xlsx", xlsx([wide, ROW]))}
    )
    assert response.status_code == 200
    assert "colonnes" in html(response).select_one("#error-summary").get_text()
    assert ImportBatch.objects.count() == 0


def test_too_many_rows_are_refused_before_being_kept(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 50)
    with pytest.raises(ImportFileError, match="plus de 50 lignes"):
        read_table("partenaires.xlsx", xlsx([HEADERS, *[ROW] * 60]))
    csv = "\n".join(";".join(row) for row in [HEADERS, *[ROW] * 60]).encode()
    with pytest.raises(ImportFileError, match="plus de 50 lignes"):
        read_table("partenaires.csv", csv)


def test_too_many_columns_in_a_csv_are_refused():
    csv = (";".join(HEADERS) + ";" * 5000 + "x\n" + ";".join(ROW)).encode()
    with pytest.raises(ImportFileError, match="colonnes"):
        read_table("partenaires.csv", csv)


def test_a_zip_bomb_is_refused_before_it_is_inflated(monkeypatch):
    monkeypatch.setattr(imports, "MAX_INFLATED_BYTES", 1024 * 1024)
    padding = "<row/>" * 400_000  # 2.4 MB of XML that deflates to a few kilobytes
    content = patched(
        xlsx([HEADERS, ROW]),
        "xl/worksheets/sheet1.xml",
        lambda text: text.replace("</sheetData>", padding + "</sheetData>"),
    )
    assert len(content) < 50_000
    with pytest.raises(ImportFileError, match="décompressé"):
        read_table("partenaires.xlsx", content)


def ods(rows):
    return tablib.Dataset(*rows).export("ods")


def test_an_ods_zip_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_INFLATED_BYTES", 1024 * 1024)
    padding = "<table:table-row/>" * 200_000
    content = patched(
        ods([HEADERS, ROW]), "content.xml", lambda text: text.replace("</table:table>", padding + "</table:table>")
    )
    with pytest.raises(ImportFileError, match="décompressé"):
        read_table("partenaires.ods", content)


def test_an_ods_repeating_a_row_a_million_times_is_refused():
    def repeat(text):  # the data row, repeated
        head, tail = text.rsplit("<table:table-row ", 1)
        return head + '<table:table-row table:number-rows-repeated="1000000" ' + tail

    content = patched(ods([HEADERS, ROW]), "content.xml", repeat)
    with pytest.raises(ImportFileError, match="lignes"):
        read_table("partenaires.ods", content)


def test_repeated_empty_ods_cells_keep_the_columns_in_place():
    headers, rows = read_table("partenaires.ods", ods([HEADERS, ["Association A", "", "", "", "Lyse", "a@x.fr"]]))
    assert headers == HEADERS
    assert rows == [["Association A", "", "", "", "Lyse", "a@x.fr"]]


def test_the_upload_keeps_the_parsed_table_for_the_next_pages(coordinator_client, monkeypatch):
    content = "\n".join(";".join(row) for row in [HEADERS, ROW]).encode()
    coordinator_client.post(reverse("partners:import_upload"), {"file": SimpleUploadedFile("a.csv", content)})
    batch = ImportBatch.objects.get()
    assert batch.table == [HEADERS, ROW]

    def no_parsing(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(imports, "read_table", no_parsing)
    assert coordinator_client.get(reverse("partners:import_mapping", args=[batch.pk])).status_code == 200
    assert coordinator_client.get(reverse("partners:import_preview", args=[batch.pk])).status_code == 200


def test_ods_text_keeps_its_spaces_and_leaves_comments_out():
    def spaced(text):
        return text.replace(
            '<text:p text:style-name="None">Association A</text:p>',
            "<office:annotation><text:p>Commentaire</text:p></office:annotation>"
            "<text:p>Association<text:s/>des <text:span>voisins</text:span></text:p>",
        )

    content = patched(ods([HEADERS, ROW]), "content.xml", spaced)
    _, rows = read_table("partenaires.ods", content)
    assert rows[0][0] == "Association des voisins"


def test_a_workbook_over_the_real_row_cap_is_refused_in_french():
    content = xlsx([HEADERS, *[ROW] * (imports.MAX_ROWS + 1)])
    with pytest.raises(ImportFileError) as refused:
        read_table("partenaires.xlsx", content)
    print(f"\n[import] XLSX de {imports.MAX_ROWS + 1} lignes ({len(content)} octets) : « {refused.value} »")
    assert "plus de 5\u202f000 lignes" in str(refused.value)
