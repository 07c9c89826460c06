"""Issue 14, item 4, in a real browser: the « Exporter » menu of every list that gained one opens, passes axe
with the menu open (no violation of any impact), and a download from it reads back as the list."""

import re

import pytest
import tablib
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import make_persona
from tests.workshops.test_list_exports import outbox, register, world  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def open_menus(page):
    """Open each « Exporter » menu of the page in turn, axe with it open."""
    buttons = page.get_by_role("button", name=re.compile("^Exporter"))
    count = buttons.count()
    assert count, page.url
    for index in range(count):
        button = buttons.nth(index)
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        menu = button.locator("xpath=following-sibling::ul")
        expect(menu.get_by_role("link", name="OpenDocument (ODS)")).to_be_visible()
        assert_accessible(page, every_impact=True)
        page.keyboard.press("Escape")
    return count


def test_every_list_page_has_an_accessible_export_menu(page, world, register, outbox):  # noqa: F811
    log_in(page, make_persona("coordinator"))
    urls = [
        reverse("workshops:calendar"),
        reverse("workshops:calendar") + "?vue=liste&periode=passees",
        world["own"].get_absolute_url(),
        world["soon"].get_absolute_url(),
        reverse("workshops:attendance", args=[world["held"].pk]),
        reverse("workshops:attendance_stats"),
        reverse("workshops:finding_list"),
        reverse("workshops:obstacle_list"),
        reverse("accounts:account_list"),
        reverse("accounts:email_list"),
    ]
    menus = 0
    for url in urls:
        page.goto(url)
        menus += open_menus(page)
    print(len(urls), "pages,", menus, "menus checked with axe")
    assert menus == len(urls) + 5  # the participation page has one menu per table (6)


def test_the_calendar_download_reads_back_as_its_list(page, world):  # noqa: F811
    log_in(page, make_persona("coordinator"))
    page.goto(reverse("workshops:calendar") + "?vue=liste&periode=passees")
    titles = page.locator("table tbody tr td:nth-child(2) a").all_inner_texts()
    page.get_by_role("button", name=re.compile("^Exporter")).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV pour Excel").click()
    download = info.value
    assert re.fullmatch(r"seances-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    with open(download.path(), "rb") as file:
        dataset = tablib.Dataset().load(file.read().decode("utf-8-sig"), format="csv", delimiter=";")
    assert [title.removeprefix("'") for title in dataset["Séance"]] == [title.strip() for title in titles]
