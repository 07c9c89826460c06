"""The disk full while an upload is saved, in a real browser: the French message next to the file field, in the
error summary, and the page accessible (axe, every impact). MEDIA_ROOT is a real 64 KB tmpfs
(tests/background/test_scaleout_uploads.py `small_disk`)."""

import os

from django.urls import reverse
from playwright.sync_api import expect

from actionsheets.models import Attachment
from tests.actionsheets.factories import sheet
from tests.background.test_scaleout_uploads import FULL, files_under, small_disk  # noqa: F401 (fixture)
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, meeting
from workshops.models import MeetingDocument

BIG = {"name": "diaporama.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + os.urandom(100 * 1024)}


def test_a_full_disk_is_explained_next_to_the_file_field(page, small_disk):  # noqa: F811
    session, draft = meeting(group("DS")), sheet(group("DS"))
    log_in(page, make_persona("coordinator"))

    page.goto(reverse("workshops:document_add", args=[session.pk]))
    page.get_by_label("Titre").fill("Diaporama")
    page.get_by_label("Fichier").set_input_files(BIG)
    page.get_by_role("button", name="Joindre").click()
    expect(page.locator("#div_id_file")).to_contain_text(FULL)
    expect(page.get_by_label("Titre")).to_have_value("Diaporama")
    assert_accessible(page, every_impact=True)
    assert_reflows(page)

    page.goto(reverse("actionsheets:section_edit", kwargs={"pk": draft.pk, "slug": "pieces"}))
    page.locator("[name='attachments-0-title']").fill("Annexe")
    page.locator("[name='attachments-0-file']").set_input_files(BIG)
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.locator("#error-summary")).to_contain_text(FULL)
    assert_accessible(page, every_impact=True)

    assert not MeetingDocument.objects.exists() and not Attachment.objects.exists()
    assert files_under(small_disk) == []
