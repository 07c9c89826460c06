"""Issue 12's acceptance journey in a real browser: the coordinator opens the next COPIL from its meeting page,
finds the three fiches awaiting its decision, downloads the dossier as a PDF and as an ODT (read back with pypdf
and odfpy), records one validation, one « à retravailler » with a comment and one « ajournée », closes the COPIL;
« ce qui a changé » since the previous COPIL shows exactly these two moves (the « ajournée » fiche has not moved);
the pilot of the sent-back fiche receives one e-mail; updating the snapshot fails in the database. axe at every
impact on each page."""

import io
import re

import pytest
from django.db import DatabaseError, transaction
from odf import teletype
from odf.opendocument import load
from odf.text import H
from playwright.sync_api import expect
from pypdf import PdfReader

from actionsheets.models import ActionSheet, Status
from background import documents
from background.models import DocumentBuild
from partners.models import Contact, SentEmail
from programme.models import CopilDossier, ProgrammeSnapshot, SnapshotRow
from programme.snapshots import close_copil
from tests.actionsheets.factories import sheet
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona, organisation
from tests.workshops.factories import group, meeting

pytestmark = pytest.mark.browser


@pytest.fixture
def cycle(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the test plays the worker
    coordinator = make_persona("coordinator")
    fiches = [
        sheet(group("DS"), "Parrainage de collégiens", status=Status.FORWARDED),
        sheet(group("HAB"), "Permanences logement", status=Status.FORWARDED),
        sheet(group("SEN"), "Visites de convivialité", status=Status.FORWARDED),
    ]
    pilot = Contact.objects.create(
        organisation=organisation("Association des pilotes"),
        first_name="Paule",
        last_name="Pilote",
        email="paule.pilote@example.org",
    )
    ActionSheet.objects.filter(pk=fiches[1].pk).update(pilot=pilot)
    previous = meeting(title="COPIL de mars", kind="copil", days=-90)
    dossier = CopilDossier.objects.create(meeting=previous)
    dossier.sheets.set(fiches)
    close_copil(coordinator, dossier)  # the previous COPIL's snapshot: the three fiches « transmises »
    return {
        "coordinator": coordinator,
        "fiches": fiches,
        "copil": meeting(title="COPIL de juin", kind="copil", days=-1),
    }


def downloaded(page, fmt):
    """The worker builds the document asked for; the build's page offers it; its bytes."""
    page.wait_for_url("**/documents/*/")
    build = DocumentBuild.objects.filter(status="queued").get()
    documents.run_build(build.pk)
    link = page.get_by_role("link", name=re.compile(rf"Télécharger le dossier du COPIL \({fmt}, "))
    expect(link).to_be_visible(timeout=15_000)
    with page.expect_download() as info:
        link.click()
    with open(info.value.path(), "rb") as file:
        return file.read()


def test_the_copil_cycle_from_the_dossier_to_what_changed(page, cycle):
    valid, rework, later = cycle["fiches"]
    log_in(page, cycle["coordinator"])
    page.goto(cycle["copil"].get_absolute_url())
    page.get_by_role("link", name="Ouvrir le dossier du COPIL").click()
    dossier_url = page.url
    table = page.locator("#tableau-synthese")
    for item in cycle["fiches"]:
        expect(table).to_contain_text(f"{item.code} – {item.title}")
    assert_accessible(page, every_impact=True)

    page.get_by_role("button", name="Préparer le dossier en PDF").click()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(downloaded(page, "PDF"))).pages)
    assert "Synthèse des fiches par axe" in text and all(item.title in text for item in cycle["fiches"])
    page.goto(dossier_url)
    page.get_by_role("button", name="Préparer le dossier modifiable (ODT)").click()
    odt = load(io.BytesIO(downloaded(page, "ODT")))
    headings = [teletype.extractText(heading) for heading in odt.getElementsByType(H)]
    assert all(f"Fiche {item.code} – {item.title}" in headings for item in cycle["fiches"])

    page.goto(dossier_url)
    page.get_by_role("group", name=f"Décision sur la fiche {valid.code}").get_by_label("Validée").check()
    page.get_by_role("group", name=f"Décision sur la fiche {rework.code}").get_by_label("À retravailler").check()
    page.get_by_label(f"Commentaire aux auteurs de la fiche {rework.code}").fill("Chiffrer les objectifs.")
    page.get_by_role("group", name=f"Décision sur la fiche {later.code}").get_by_label("Ajournée").check()
    page.get_by_role("button", name="Enregistrer les décisions").click()
    expect(page.locator("#decisions table")).to_contain_text("Chiffrer les objectifs.")
    assert_accessible(page, every_impact=True)
    statuses = dict(ActionSheet.objects.filter(pk__in=[f.pk for f in cycle["fiches"]]).values_list("pk", "status"))
    assert statuses == {valid.pk: Status.VALIDATED, rework.pk: Status.TO_REVISE, later.pk: Status.FORWARDED}
    to_pilot = SentEmail.objects.about(ActionSheet.objects.get(pk=rework.pk)).filter(to="paule.pilote@example.org")
    assert to_pilot.count() == 1

    page.get_by_role("button", name=re.compile("Clore le COPIL")).click()
    expect(page.locator(".copil-close")).to_contain_text("COPIL clos le")
    june = ProgrammeSnapshot.objects.get(dossier__meeting=cycle["copil"])
    march = ProgrammeSnapshot.objects.exclude(pk=june.pk).get()
    page.goto(f"/programme/ce-qui-a-change/?depuis={march.pk}&jusqu_a={june.pk}")
    moves = page.locator("#changes-moves-table tbody tr")
    expect(moves).to_have_count(2)
    expect(page.locator("#changes-moves-table")).to_contain_text(valid.code)
    expect(page.locator("#changes-moves-table")).to_contain_text(rework.code)
    expect(page.locator("#changes-moves-table")).not_to_contain_text(later.code)
    assert_accessible(page, every_impact=True)

    with pytest.raises(DatabaseError), transaction.atomic():
        SnapshotRow.objects.filter(snapshot=june).update(status=Status.DRAFT)
    assert set(SnapshotRow.objects.filter(snapshot=june).values_list("status", flat=True)) == {
        Status.VALIDATED,
        Status.TO_REVISE,
        Status.FORWARDED,
    }
