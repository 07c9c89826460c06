"""Real browser: Debian's Chromium driven by Playwright against the portal served by a live server thread."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connection
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from tests.partners.factories import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"]
# Reduced motion turns Bootstrap's transitions off, so axe measures colours in their final state and not
# half-way through a 0.15 s fade (a button just clicked read as low-contrast on a busy CI machine).
CONTEXT_OPTIONS = {"locale": "fr-FR", "timezone_id": "Europe/Paris", "reduced_motion": "reduce"}


def new_context(browser, live_url):
    return browser.new_context(base_url=live_url, **CONTEXT_OPTIONS)


@pytest.fixture(scope="session")
def live_url(django_db_setup, django_db_blocker):
    # Static files go through WhiteNoise, as in production (hashed names from collectstatic).
    with django_db_blocker.unblock():
        server = LiveServerThread("127.0.0.1", static_handler=lambda handler: handler)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
    yield f"http://127.0.0.1:{server.port}"
    server.terminate()
    with django_db_blocker.unblock():
        _end_other_sessions()


def _end_other_sessions():
    """A request thread of the server still blocked on a kept-alive browser connection holds a database session,
    which would stop the test database from being dropped at the end of the run (of each xdist worker)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser(live_url):
    # After the server (live_url): closed first at the end, so its kept-alive connections go before it stops.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_url, transactional_db):
    context = new_context(browser, live_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Console errors (CSP refusals…); failed loads are judged by the response listener, which lets pages
    # that are meant to answer 403/404 through.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and errors.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status == 404
            and response.request.resource_type != "document"
            and errors.append(f"404 {response.url}")
        ),
    )
    yield page
    context.close()
    assert errors == [], f"JavaScript or CSP errors in the browser: {errors}"


def log_in(page, user, password=PASSWORD):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/mon-espace/")


_axe = Axe()


def assert_accessible(page, *, every_impact=False):
    """axe-core on the current page: no serious or critical violation of WCAG 2.1 AA / RGAA (no violation of any
    impact with `every_impact`, the rule for the pages added since the programme views)."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if every_impact or violation["impact"] in ("serious", "critical")
    ]
    assert violations == [], f"{page.url}: " + "\n".join(violations)


def assert_reflows(page, widths=(320, 768, 1024, 1280)):
    """RGAA 10.11, which axe does not test: at each width the page does not scroll sideways."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px at {width} px wide"
