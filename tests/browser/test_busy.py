"""Feedback on long work (issue 14, item 6) in a real browser: a POST form pressed twice quickly sends one
request and makes one row, its button shows it is working (aria-busy, disabled, « En cours… » also in the live
region) while the answer is on its way; back from the next page (back-forward cache) the button is usable again;
an export link (a download: the page stays) shows « En cours… », cannot be clicked twice and comes back."""

import json
import re

import pytest
from playwright.sync_api import expect

from actionsheets.models import ActionSheet
from tests.browser.conftest import assert_accessible, log_in
from tests.browser.test_pickers import pick
from tests.conftest import make_persona
from tests.workshops.factories import group

pytestmark = pytest.mark.browser


# Records, in the tab's sessionStorage (it outlives the page), what the form looked like when it turned busy.
RECORD_BUSY_STATE = """() => {
    const form = document.querySelector("main form[method='post']");
    new MutationObserver(() => {
        const button = form.querySelector("button[aria-busy='true']");
        if (form.getAttribute("aria-busy") !== "true" || !button || sessionStorage.getItem("busy")) {
            return;
        }
        sessionStorage.setItem("busy", JSON.stringify({
            text: button.textContent.trim(),
            spinner: Boolean(button.querySelector(".spinner-border[aria-hidden='true']")),
            live: document.getElementById("busy-status").textContent,
            live_mode: document.getElementById("busy-status").getAttribute("aria-live"),
        }));
    }).observe(form, {attributes: true, subtree: true, childList: true});
}"""


def test_a_create_button_pressed_twice_sends_one_request_and_shows_it_is_working(page):
    ds = group("DS")
    log_in(page, make_persona("coordinator"))
    page.goto("/fiches/nouvelle/")
    pick(page, "Groupe de travail", ds.name[:6], str(ds))
    page.get_by_label("Intitulé de l'action").fill("Cellule de veille partenariale")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    page.evaluate(RECORD_BUSY_STATE)
    page.get_by_role("button", name="Créer la fiche").dblclick()
    page.wait_for_url(re.compile(r"/fiches/\d+/$"))
    assert ActionSheet.objects.filter(title="Cellule de veille partenariale").count() == 1
    assert len(posts) == 1, posts
    busy = json.loads(page.evaluate("sessionStorage.getItem('busy')"))
    assert busy == {"text": "En cours…", "spinner": True, "live": "En cours…", "live_mode": "polite"}
    # Back to the form (back-forward cache or not): nothing is on its way, the button is usable again.
    page.go_back()
    expect(page.get_by_role("button", name="Créer la fiche")).to_be_enabled()
    expect(page.locator("form[aria-busy]")).to_have_count(0)


def test_a_download_button_is_disabled_while_working_then_comes_back(page):
    log_in(page, make_persona("partner"))
    page.goto("/mon-profil/mes-donnees/")
    button = page.get_by_role("button", name="Télécharger mes données (ZIP)")
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".zip")
    working = page.locator("form[data-busy-download][aria-busy='true'] button[aria-busy='true']")
    expect(working).to_be_disabled()
    expect(working).to_have_text("En cours…")
    expect(page.locator("#busy-status")).to_have_text("En cours…")
    assert_accessible(page, every_impact=True)
    # the file came and the page stayed: the button comes back by itself (after 3 s)
    expect(page.get_by_role("button", name="Télécharger mes données (ZIP)")).to_be_enabled(timeout=15_000)
    expect(page.locator("form[aria-busy]")).to_have_count(0)


def test_an_export_link_shows_it_is_working_then_comes_back(page):
    log_in(page, make_persona("coordinator"))
    page.goto("/fiches/")
    page.get_by_role("button", name="Exporter").click()
    link = page.get_by_role("link", name="CSV pour Excel")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".csv")
    working = page.locator("a[data-busy-download][aria-busy='true']")
    expect(working).to_have_text("En cours…")
    expect(working).to_have_attribute("aria-disabled", "true")
    # the download started and the page stayed: the link comes back by itself (after 3 s)
    expect(page.locator("a[data-busy-download][aria-busy]")).to_have_count(0, timeout=15_000)
    expect(page.locator("a[data-busy-download]", has_text="CSV pour Excel")).not_to_have_attribute(
        "aria-disabled", "true"
    )
