"""Finding 5 of issue 13: every imported cell goes through the validators of its model field in the preview (a
French message per cell), so an over-long or malformed value never reaches the database as a 500; websites are
http or https only, in the import, the structure form and the links of the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import ImportBatch, Organisation, OrganisationType
from tests.utils import html

pytestmark = pytest.mark.django_db
HEADER = "Structure;Type;Site internet;E-mail;Prénom;Nom;Fonction;E-mail interlocuteur"


def preview(client, *lines):
    content = "\n".join([HEADER, *lines]).encode()
    response = client.post(reverse("partners:import_upload"), {"file": SimpleUploadedFile("liste.csv", content)})
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    url = reverse("partners:import_preview", args=[batch.pk])
    errors = [item.get_text(" ", strip=True) for item in html(client.get(url)).select("#import-errors li")]
    return url, errors


def test_over_long_and_malformed_cells_are_named_in_the_preview(coordinator_client):
    long_function, long_name = "F" * 201, "N" * 101
    url, errors = preview(
        coordinator_client,
        f"Association A;asso;javascript:alert(1);a@x.fr;Ana;Lyse;{long_function};ana@x.fr",
        f"Association B;asso;https://b.fr;{'b' * 250}@x.fr;Bob;{long_name};;bob@x.fr",
    )
    print("\n" + "\n".join(errors))
    assert any(e.startswith("Ligne 2, colonne « Site internet »") and "http" in e for e in errors)
    assert any(e.startswith("Ligne 2, colonne « Fonction »") and "200 caractères" in e for e in errors)
    assert any(e.startswith("Ligne 3, colonne « E-mail de la structure »") for e in errors)
    assert any(e.startswith("Ligne 3, colonne « Nom de l'interlocuteur »") and "100 caractères" in e for e in errors)


def test_a_file_with_an_over_long_cell_is_refused_cleanly(coordinator_client):
    url, errors = preview(coordinator_client, f"Association A;asso;https://a.fr;a@x.fr;Ana;Lyse;{'F' * 201};ana@x.fr")
    assert errors
    response = coordinator_client.post(url)
    assert response.status_code == 302  # back to the preview with a message, not a 500
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize("website", ["javascript:alert(1)", "ftp://fichiers.example.org", "data:text/html,x"])
def test_the_structure_form_accepts_http_and_https_websites_only(coordinator_client, website):
    org = Organisation.objects.create(name="Association A", type=OrganisationType.objects.get(code="asso"))
    url = reverse("partners:organisation_edit", args=[org.pk])
    form = html(coordinator_client.get(url)).select_one("main form")
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") != "checkbox"
    }
    data.update({"type": org.type_id, "website": website})
    response = coordinator_client.post(url, data)
    assert response.status_code == 200
    assert "http" in html(response).select_one("#error-summary").get_text()
    org.refresh_from_db()
    assert org.website == ""


def test_a_stored_non_http_website_is_never_a_link(coordinator_client):
    org = Organisation.objects.create(
        name="Association A", type=OrganisationType.objects.get(code="asso"), website="javascript:alert(1)"
    )
    page = html(coordinator_client.get(org.get_absolute_url()))
    assert not page.select('a[href^="javascript"]')
    assert "javascript:alert(1)" in page.get_text()  # shown as text, so it can be corrected


def test_a_value_the_preview_does_not_know_is_still_refused_cleanly(coordinator_client, monkeypatch):
    """Defence in depth: were a model limit missed by the preview, the import says so instead of a 500."""
    from partners import imports

    monkeypatch.setattr(imports, "check_cell", lambda *args: None)
    url, errors = preview(coordinator_client, f"Association A;asso;https://a.fr;a@x.fr;Ana;Lyse;{'F' * 201};ana@x.fr")
    assert errors == []
    response = coordinator_client.post(url, follow=True)
    assert "ne peut pas être enregistrée" in html(response).get_text()
    assert Organisation.objects.count() == 0
