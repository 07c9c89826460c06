import time

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import ImportBatch, Neighbourhood, Organisation
from partners.samples import SAMPLE_PATH
from solidarites.demo.partners import NEIGHBOURHOODS
from tests.utils import html

pytestmark = pytest.mark.django_db
UPLOAD = reverse("partners:import_upload")
HEADER = "Structure;Type;Code postal;Prénom;Nom;E-mail interlocuteur"


@pytest.fixture(autouse=True)
def neighbourhoods(db):
    for name in NEIGHBOURHOODS:
        Neighbourhood.objects.get_or_create(name=name, defaults={"is_qpv": name == "Le Valibout"})


def upload(client, name, content):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def import_file(client, name, content):
    """Upload, accept the guessed columns, and return the preview response."""
    response = upload(client, name, content)
    assert response.status_code == 302, html(response).select_one("#error-summary")
    batch = ImportBatch.objects.latest("pk")
    client.post(
        reverse("partners:import_mapping", args=[batch.pk]), {target: index for target, index in batch.mapping.items()}
    )
    return batch, client.get(reverse("partners:import_preview", args=[batch.pk]))


def corrected_sample():
    return (
        SAMPLE_PATH.read_bytes()
        .replace(b";Associaton;", b";Association sp\xc3\xa9cialis\xc3\xa9e;")
        .replace(b";7837;", b";78370;")
    )


def test_sample_preview_names_the_two_rows_with_errors_and_writes_nothing(coordinator_client):
    batch, preview = import_file(coordinator_client, SAMPLE_PATH.name, SAMPLE_PATH.read_bytes())
    errors = [item.get_text(" ", strip=True) for item in html(preview).select("#import-errors li")]
    assert errors == [
        "Ligne 5, colonne « Type de structure » : Type inconnu : « Associaton ». Types possibles : "
        + errors[0].split("Types possibles : ")[1],
        "Ligne 7, colonne « Code postal » : Un code postal compte 5 chiffres.",
    ]
    assert coordinator_client.post(reverse("partners:import_preview", args=[batch.pk])).status_code == 302
    assert Organisation.objects.count() == 0


def test_corrected_file_imports_once_and_a_second_import_creates_nothing(coordinator_client):
    batch, preview = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    assert "Structures : 11 à créer" in preview.content.decode()
    response = coordinator_client.post(reverse("partners:import_preview", args=[batch.pk]))
    assert response.status_code == 302
    assert Organisation.objects.count() == 11
    passerelles = Organisation.objects.get(name="Association Passerelles Plaisir")
    assert passerelles.contacts.count() == 2
    assert set(passerelles.axes.values_list("code", flat=True)) == {"IPJ", "DS"}
    assert list(passerelles.neighbourhoods.values_list("name", flat=True)) == ["Le Valibout"]

    batch, preview = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    assert "Structures : 0 à créer, 0 à mettre à jour, 12 inchangées." in preview.content.decode()
    assert "Interlocuteurs : 0 à créer, 0 à mettre à jour." in preview.content.decode()
    coordinator_client.post(reverse("partners:import_preview", args=[batch.pk]))
    assert Organisation.objects.count() == 11


def test_changed_values_are_shown_as_updates_before_they_are_applied(coordinator_client):
    batch, _ = import_file(coordinator_client, "partenaires.csv", corrected_sample())
    coordinator_client.post(reverse("partners:import_preview", args=[batch.pk]))
    changed = corrected_sample().replace(b"01 99 00 71 10", b"01 99 00 79 99")
    _, preview = import_file(coordinator_client, "partenaires.csv", changed)
    assert "Mise à jour (phone)" in preview.content.decode()
    assert Organisation.objects.get(name="Club de prévention du Valibout").phone == "01 99 00 71 10"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.csv", b"", "Le fichier soumis est vide."),
        ("sans-entete.csv", b"Association A;asso;78370\nAssociation B;asso;78370\n", "aucun en-tête reconnu"),
        ("sans-entete.xlsx", "xlsx-without-header", "aucun en-tête reconnu"),
        ("gros.csv", (HEADER + "\n").encode() + b"x" * (10 * 1024 * 1024), "dépasse la taille maximale de 2 Mo"),
        ("liste.pdf", b"%PDF-1.4 ...", "Format non pris en charge"),
        ("faux.xlsx", b"ceci n'est pas un classeur", "n'a pas pu être lu comme un classeur XLSX"),
        ("entete-seule.csv", (HEADER + "\n").encode(), "ne contient que la ligne d'en-tête"),
    ],
)
def test_bad_files_get_a_clear_french_message_and_write_nothing(coordinator_client, name, content, message):
    if content == "xlsx-without-header":
        dataset = tablib.Dataset(["Association A", "asso", "78370"], ["Association B", "asso", "78370"])
        content = dataset.export("xlsx")
    response = upload(coordinator_client, name, content)
    assert response.status_code == 200
    assert message in html(response).get_text()
    assert ImportBatch.objects.count() == 0 and Organisation.objects.count() == 0


def big_file(rows, error_at=None):
    lines = [HEADER]
    for number in range(1, rows + 1):
        postal_code = "123" if number == error_at else "78370"
        lines.append(
            f"Association n° {number};Association spécialisée;{postal_code};Prénom;Nom {number};"
            f"personne{number}@example.org"
        )
    return "\n".join(lines).encode()


def test_error_at_row_500_of_1000_writes_nothing_and_names_the_row(coordinator_client):
    batch, preview = import_file(coordinator_client, "mille.csv", big_file(1000, error_at=500))
    assert "Ligne 501, colonne « Code postal »" in preview.content.decode()
    coordinator_client.post(reverse("partners:import_preview", args=[batch.pk]))
    assert Organisation.objects.count() == 0


def test_1000_rows_import_in_a_number_of_queries_that_grows_with_batches(coordinator_client, capsys):
    batch, _ = import_file(coordinator_client, "mille.csv", big_file(1000))
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        coordinator_client.post(reverse("partners:import_preview", args=[batch.pk]))
    elapsed = time.perf_counter() - started
    assert Organisation.objects.count() == 1000
    assert len(queries) < 60, len(queries)
    with capsys.disabled():
        print(f"\n[import] 1 000 lignes : {len(queries)} requêtes SQL, {elapsed:.2f} s (informatif)")
