"""Issue 14, spreadsheets as they come: a partner list as French Excel saves it (Windows-1252, « ; », a title line,
a blank and a « Total » line), types and axes written the town's way, near-duplicates within the file and against
the directory, each merged or created at the coordinator's choice; nothing written before the confirmation, and
importing the same file again creates nothing."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from partners import imports
from partners.imports import read_file
from partners.matching import fold
from partners.models import Axis, Contact, ImportBatch, ImportedName, Organisation, OrganisationType
from tests.utils import assert_query_budget, html

pytestmark = pytest.mark.django_db
UPLOAD = reverse("partners:import_upload")
TITLE = "Annuaire des partenaires – Cohésion sociale – mars 2026"
HEADER = ["Structure", "Type", "Axes", "Code postal", "Commune", "E-mail", "Prénom", "Nom", "E-mail interlocuteur"]
ROWS = [  # lines 3 to 12 of the file
    ["Mission locale de SQY", "Service public de l'emploi", "Jeunesse ; Emploi", "78370", "Plaisir", "",
     "Élodie", "Durand", "e.durand@example.org"],
    ["Centre communal d'action sociale", "CCAS", "Accès aux droits", "78370", "Plaisir", "ccas@example.org",
     "Hélène", "Petit", "h.petit@example.org"],
    ["Direction de la jeunesse et des sports", "Ville - direction", "DS / Habitat", "78370", "Plaisir", "",
     "Loïc", "Bénard", "l.benard@example.org"],
    ["Mission Locale de SQY", "Association d'insertion ou d'emploi", "IPJ", "78370", "Plaisir", "",
     "Karim", "Benali", "k.benali@example.org"],
    ["Épicerie solidaire Le Panier plaisirois", "Association spécialisée", "AD", "78370", "Plaisir", "",
     "Françoise", "Lemaître", "f.lemaitre@example.org"],
    ["Maison de quartier du Valibout", "Équipement de proximité", "BVE, AD", "78370", "Plaisir", "",
     "Thérèse", "Gaël", "t.gael@example.org"],
    ["Centre social Louis-Aragon", "Équipement", "BVE", "78370", "Plaisir", "aragon@example.org",
     "Noël", "Crépin", "n.crepin@example.org"],
    ["Club de prévention du Valibout", "Association spécialisée", "DS, BVE", "78370", "Plaisir", "",
     "Thomas", "Girard", "t.girard@example.org"],
    ["Secours populaire – antenne de Plaisir", "Association spécialisée", "AD", "78370", "Plaisir", "",
     "Zoé", "Mercier", "z.mercier@example.org"],
    ["Collège Guillaume-Apollinaire", "Éducation nationale", "Réussite éducative", "78370", "Plaisir", "",
     "André", "Würth", "a.wurth@example.org"],
]  # fmt: skip
NAMES = [row[0] for row in ROWS]


def excel_csv():
    """The list as « CSV (séparateur : point-virgule) » of French Excel: Windows-1252, quoted where a cell holds
    « ; », the title padded with separators, a blank line and a total line at the end."""

    def line(cells):
        return ";".join(f'"{cell}"' if ";" in cell else cell for cell in cells)

    width = len(HEADER)
    lines = [TITLE + ";" * (width - 1), line(HEADER), *map(line, ROWS), ";" * (width - 1), "Total : 10 structures"]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def merged_title_xlsx():
    """The same list saved as a workbook: the title in A1 merged across the columns, the total in the last row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    for row in [HEADER, *ROWS, [], ["TOTAL", None, None, None, None, None, None, None, None]]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def aragon(db):
    """A structure already in the directory, its name written otherwise and under another type."""
    return Organisation.objects.create(
        name="Centre Social Louis Aragon",
        type=OrganisationType.objects.get(code="asso_quartier"),
        phone="01 30 00 00 01",
    )


def upload(client, name, content):
    response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, html(response).select_one("#error-summary")
    batch = ImportBatch.objects.latest("pk")
    client.post(reverse("partners:import_mapping", args=[batch.pk]), batch.mapping)
    return batch, reverse("partners:import_preview", args=[batch.pk])


def rows_of(page):
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")[:2]]
        for row in html(page).select("table tbody tr")
    ]


def counts():
    return Organisation.objects.count(), Contact.objects.count()


def check_preview_and_import(client, name, content, aragon, reading):
    batch, url = upload(client, name, content)
    page = client.get(url)
    text = html(page).get_text(" ", strip=True)
    print(f"\n[import] {name} : {reading} ; notes : {[li.get_text() for li in html(page).select('#import-notes li')]}")
    assert rows_of(page) == [[str(number), row_name] for number, row_name in zip(range(3, 13), NAMES, strict=True)]
    assert reading in text
    assert [li.get_text(strip=True) for li in html(page).select("#import-notes li")] == [
        "Ligne 1 ignorée : titre",
        "Ligne 13 ignorée : vide",
        "Ligne 14 ignorée : total",
    ]
    assert not html(page).select("#import-errors")
    duplicates = html(page).select("#import-duplicates fieldset")
    legends = [fieldset.legend.get_text(" ", strip=True) for fieldset in duplicates]
    print(f"[import] doublons signalés : {legends}")
    assert legends == [
        "Ligne 6 : « Mission Locale de SQY » (obligatoire)",
        "Ligne 9 : « Centre social Louis-Aragon » (obligatoire)",
    ]
    options = {
        fieldset.legend.get_text(" ", strip=True): [
            label.get_text(" ", strip=True) for label in fieldset.select("label")
        ]
        for fieldset in duplicates
    }
    assert options["Ligne 6 : « Mission Locale de SQY » (obligatoire)"] == [
        "Fusionner avec « Mission locale de SQY » (ligne 3)",
        "Créer quand même une nouvelle structure",
    ]
    assert options["Ligne 9 : « Centre social Louis-Aragon » (obligatoire)"] == [
        "Fusionner avec « Centre Social Louis Aragon » (Association de quartier ou d'habitants, déjà dans l'annuaire)",
        "Créer quand même une nouvelle structure",
    ]
    assert counts() == (1, 0)

    refused = client.post(url)  # no choice made: said next to each question, nothing written
    assert refused.status_code == 200
    links = [link["href"] for link in html(refused).select("#error-summary a")]
    assert links == ["#id_ligne_6_0", "#id_ligne_9_0"]  # each to the first option of its question
    assert html(refused).select_one("#id_ligne_6_0")["value"] == "row-3"
    assert counts() == (1, 0)

    done = client.post(url, {"ligne_6": "row-3", "ligne_9": f"org-{aragon.pk}"})
    assert done.status_code == 302
    return batch


def check_directory(aragon):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert names == {*NAMES, "Centre Social Louis Aragon"} - {"Mission Locale de SQY", "Centre social Louis-Aragon"}
    assert counts() == (9, 10)
    mission = Organisation.objects.get(name="Mission locale de SQY")
    assert mission.type.code == "emploi"
    assert sorted(mission.contacts.values_list("last_name", flat=True)) == ["Benali", "Durand"]
    assert list(mission.axes.values_list("code", flat=True)) == ["IPJ"]  # « Jeunesse ; Emploi » and « IPJ »
    direction = Organisation.objects.get(name="Direction de la jeunesse et des sports")
    assert direction.type.code == "ville"
    assert set(direction.axes.values_list("code", flat=True)) == {"DS", "HAB"}
    assert Organisation.objects.get(name__startswith="Centre communal").type.code == "ccas"
    assert Organisation.objects.get(name__startswith="Collège").axes.get().code == "DS"
    aragon.refresh_from_db()
    assert aragon.phone == "01 30 00 00 01" and aragon.email == "aragon@example.org"  # filled, nothing replaced
    assert list(aragon.axes.values_list("code", flat=True)) == ["BVE"]
    assert list(aragon.contacts.values_list("last_name", flat=True)) == ["Crépin"]


def check_second_import(client, name, content):
    batch, url = upload(client, name, content)
    page = client.get(url)
    text = html(page).get_text(" ", strip=True)
    print(f"[import] {name}, 2e import : {text[text.index('Structures :') :].split(' Interlocuteurs')[0]}")
    assert "Structures : 0 à créer, 0 à mettre à jour, 10 inchangées." in text
    assert "Interlocuteurs : 0 à créer, 0 à mettre à jour." in text
    assert not html(page).select("#import-duplicates")  # the earlier choices are remembered
    assert "fusionnée avec « Mission locale de SQY » lors d'un import précédent" in text
    assert client.post(url).status_code == 302
    assert counts() == (9, 10)


def test_a_windows_1252_excel_csv_is_read_checked_and_imported_once(coordinator_client, aragon):
    check_preview_and_import(
        coordinator_client, "partenaires.csv", excel_csv(), aragon, "Encodage lu : Windows-1252 (Excel)"
    )
    check_directory(aragon)
    assert ImportedName.objects.count() == 2
    check_second_import(coordinator_client, "partenaires.csv", excel_csv())


def test_a_workbook_with_a_merged_title_cell_is_read_the_same_way(coordinator_client, aragon):
    content = merged_title_xlsx()
    assert load_workbook(io.BytesIO(content)).active.merged_cells.ranges  # the title cell is a merged one
    check_preview_and_import(coordinator_client, "partenaires.xlsx", content, aragon, "Fichier « partenaires.xlsx »")
    check_directory(aragon)
    check_second_import(coordinator_client, "partenaires.xlsx", content)


@pytest.mark.parametrize(
    ("content", "encoding", "separator"),
    [
        ("\ufeffStructure,Type\nAssociation é,asso\n".encode(), "UTF-8 avec BOM", "virgule"),
        ("Structure\tType\nAssociation é\tasso\n".encode(), "UTF-8", "tabulation"),
        ("Structure;Type\nAssociation é;asso\n".encode("latin-1"), "Windows-1252 (Excel)", "point-virgule"),
        ("Structure;Type\nŒuvre de l'Étoile - 5 €;asso\n".encode("iso-8859-15"), "ISO-8859-15", "point-virgule"),
        ("Structure;Type\nŒuvre de l'Étoile - 5 €;asso\n".encode("cp1252"), "Windows-1252 (Excel)", "point-virgule"),
    ],
)
def test_encodings_and_separators_are_found_without_asking(content, encoding, separator):
    table = read_file("liste.csv", content)
    assert (table.encoding, table.separator, table.headers) == (encoding, separator, ["Structure", "Type"])
    assert table.rows[0][0] in ("Association é", "Œuvre de l'Étoile - 5 €")


def test_an_ods_with_a_title_row_and_a_total_is_read_with_its_line_numbers():
    width = len(HEADER)
    blank, total = [""] * width, ["Total", *[""] * (width - 1)]
    content = tablib.Dataset([TITLE, *[""] * (width - 1)], HEADER, *ROWS, blank, blank, total).export("ods")
    table = read_file("partenaires.ods", content)
    assert (table.headers, table.rows, table.numbers) == (HEADER, ROWS, list(range(3, 13)))
    assert table.notes == ["Ligne 1 ignorée : titre", "Lignes 13 à 14 ignorées : vides", "Ligne 15 ignorée : total"]


def test_headers_are_recognised_whatever_their_punctuation():
    content = "Nom de la structure :;Type de structure*;Axes d’intervention;E-MAIL\nA;asso;DS;a@x.fr\n"
    table = read_file("liste.csv", content.encode())
    assert imports.guess_mapping(table.headers) == {"name": 0, "type": 1, "axes": 2, "email": 3}


def test_several_title_lines_and_a_total_in_capitals_are_left_out():
    content = "Ville de Plaisir\nListe des partenaires;mise à jour le 3 mars\n\nStructure;Type\nA;asso\nB;asso\n"
    table = read_file("liste.csv", (content + "TOTAL;2\n;1 234\n").encode())
    assert table.numbers == [5, 6]
    assert table.notes == [
        "Ligne 1 ignorée : titre",
        "Ligne 2 ignorée : au-dessus de l’en-tête",
        "Ligne 7 ignorée : total",
        "Ligne 8 ignorée : total",
    ]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Ville - direction", "ville"),
        ("VILLE – DIRECTION OU SERVICE MUNICIPAL", "ville"),
        ("ville ‑ direction ou service", "ville"),
        ("C.C.A.S.", "ccas"),
        ("Centre communal d’action sociale", "ccas"),
        ("Mairie", "ville"),
        ("Bailleur social", "bailleur"),
        ("conseil citoyen", "habitants"),
    ],
)
def test_types_are_found_by_label_beginning_acronym_or_synonym(written, code):
    analysis = imports.Analysis([["Structure A", written]], {"name": 0, "type": 1})
    result = analysis.results[0]
    assert not result.errors, result.errors
    assert OrganisationType.objects.get(pk=result.type_id).code == code


def test_an_ambiguous_beginning_names_the_types_it_could_be_and_a_commune_adds_its_own_synonym():
    analysis = imports.Analysis(
        [["Structure A", "Association", "Vie des quartiers"]], {"name": 0, "type": 1, "axes": 2}
    )
    messages = [message for _, message in analysis.results[0].errors]
    print(f"\n[import] {messages}")
    assert messages[0] == (
        "« Association » peut désigner plusieurs types : Association de quartier ou d'habitants ; Association "
        "d'insertion ou d'emploi ; Association spécialisée. Précisez le type."
    )
    assert messages[1] == "Valeur inconnue : « Vie des quartiers »."
    Axis.objects.filter(code="BVE").update(synonyms="Vie des quartiers\nAnimation")  # as in the admin
    analysis = imports.Analysis(
        [["Structure A", "Ville", "vie des QUARTIERS / ds"]], {"name": 0, "type": 1, "axes": 2}
    )
    assert not analysis.results[0].errors
    assert set(Axis.objects.filter(pk__in=analysis.results[0].axis_ids).values_list("code", flat=True)) == {
        "BVE",
        "DS",
    }


def test_names_are_compared_without_case_accents_punctuation_nor_small_words():
    assert fold("  L’Épicerie—Solidaire  ") == "l epicerie solidaire"
    index = imports.NameIndex()
    for number, name in enumerate(["Mission locale de SQY", "Maison de quartier du Valibout", "Association n° 12"]):
        index.add(name, number)
    assert index.similar("MISSION LOCALE SQY") == [0]
    assert index.similar("Mision locale de SQY") == [0]  # a typo
    assert index.similar("Maison quartier Valibout") == [1]
    assert index.similar("Association n° 13") == []  # another number: another structure
    assert index.similar("Maison de la justice") == []


def test_the_preview_does_the_same_number_of_queries_whatever_the_directory_holds(coordinator_client, aragon):
    _, url = upload(coordinator_client, "partenaires.csv", excel_csv())
    kind = OrganisationType.objects.get(code="asso")

    def grow():
        Organisation.objects.bulk_create(
            [Organisation(name=f"Association n° {number}", type=kind) for number in range(20)]
        )

    queries = assert_query_budget(coordinator_client, url, budget=25, grow=grow)
    print(f"\n[import] aperçu de 10 lignes avec doublons : {queries} requêtes, 20 structures de plus comprises")


@pytest.mark.parametrize("model", [OrganisationType, Axis])
def test_administrators_edit_the_synonyms_in_the_admin(persona_client, model):
    client = persona_client("admin")
    item = model.objects.order_by("pk").first()
    url = reverse(f"admin:partners_{model._meta.model_name}_change", args=[item.pk])
    page = html(client.get(url))
    assert page.select_one("textarea[name=synonyms]") is not None
    assert page.select_one("label[for=id_synonyms]").get_text(strip=True).startswith("Autres noms reconnus à l'import")


def test_the_same_name_written_otherwise_with_the_same_type_is_one_structure_and_said_so(coordinator_client):
    content = "Structure;Type;Prénom;Nom\nMission locale de SQY;emploi;Ana;Lyse\nMISSION LOCALE DE SQY;emploi;Bob;Ré\n"
    _, url = upload(coordinator_client, "liste.csv", content.encode())
    page = html(coordinator_client.get(url))
    assert not page.select("#import-duplicates")
    assert "Même structure que la ligne 2 (nom écrit autrement)" in page.select("tbody tr")[1].get_text(
        " ", strip=True
    )
    assert coordinator_client.post(url).status_code == 302
    assert Organisation.objects.get().contacts.count() == 2


def test_a_name_merged_before_is_found_as_a_parent_structure(coordinator_client, aragon):
    ImportedName.objects.create(organisation=aragon, name="CS Aragon", type=aragon.type)
    content = "Structure;Type;Structure de rattachement\nLudothèque Aragon;Équipement de proximité;CS Aragon\n"
    _, url = upload(coordinator_client, "liste.csv", content.encode())
    assert not html(coordinator_client.get(url)).select("#import-errors")
    assert coordinator_client.post(url).status_code == 302
    assert Organisation.objects.get(name="Ludothèque Aragon").parent == aragon
