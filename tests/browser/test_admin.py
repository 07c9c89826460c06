"""The Django admin (the back office where administrators edit reference data) in a real browser: axe on every
changelist, add form and change form, as an administrator, with no violation of any impact (issue 14, item 5).

The demo data gives most models a row; the few it leaves empty get one here, so that every change form is seen.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import AXE_TAGS, log_in, new_context
from tests.conftest import make_persona

pytestmark = pytest.mark.browser

_axe = Axe()


def load_every_model():
    """The demo data, then one row of every registered model it leaves empty."""
    from partners.models import Commune
    from solidarites.demo import actionsheets, partners, programme, workshops

    partners.load_partners()
    workshops.load_workshops()
    actionsheets.load_actionsheets()
    programme.load_key_partner_types()
    if not Commune.objects.exists():
        partners.load_commune()
    fill_the_rest()
    return [model for model in admin.site._registry if not model._default_manager.exists()]


def fill_the_rest():
    """One row of each model the demo data leaves empty (logs, the outbox, tasks, uploads, feeds)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from partners.models import ImportBatch, SentEmail, User
    from partners.samples import SAMPLE_PATH
    from workshops import services
    from workshops.models import Meeting, MeetingDocument

    Group.objects.create(name="Équipe projet")
    seen = {"username": "inconnu@example.org", "ip_address": "127.0.0.1", "user_agent": "Firefox"}
    seen |= {"http_accept": "text/html", "path_info": "/connexion/"}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    DBTaskResult.objects.create(
        task_path="partners.tasks.deliver_outbox",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="database",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    SentEmail.objects.create(to="marie@example.org", subject="Invitation", body="Bonjour.", status="sent")
    coordinator = User.objects.filter(role="coordinator").first()
    ImportBatch.objects.create(
        created_by=coordinator, file_name=SAMPLE_PATH.name, content=SAMPLE_PATH.read_bytes(), mapping={"name": 0}
    )
    pdf = SimpleUploadedFile("ordre-du-jour.pdf", b"%PDF-1.4 ordre du jour")
    meeting = Meeting.objects.order_by("pk").first()
    MeetingDocument.objects.create(meeting=meeting, title="Ordre du jour", file=pdf, size=pdf.size)
    services.create_calendar_feed(user=coordinator)


def admin_urls():
    """admin:index, each app index, then every registered model's changelist, add form and change form."""
    urls = [reverse("admin:index")]
    apps = sorted({model._meta.app_label for model in admin.site._registry})
    urls += [reverse("admin:app_list", kwargs={"app_label": label}) for label in apps]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(_FakeRequest()):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    return urls


class _FakeRequest:
    """What has_add_permission reads: an administrator (the admin's own permission hooks ask the user)."""

    def __init__(self):
        from partners.models import User

        self.user = User(role="admin", is_active=True)


@pytest.fixture
def media_and_tasks(settings, tmp_path):
    """Uploads in a temporary folder; a database backend beside the immediate one, for the task results' pages."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {**settings.TASKS, "database": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def violations_on(page):
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, options=options)
    return [
        (
            page.url,
            violation["id"],
            violation["impact"],
            "; ".join(node["target"][0] for node in violation["nodes"][:3]),
        )
        for violation in results.response["violations"]
    ]


@pytest.fixture
def admin_page(browser, live_url, transactional_db):
    """A page whose JavaScript and CSP errors are counted while pages load and run, not while axe runs (axe
    sets style attributes of its own as it measures, which the strict CSP refuses)."""
    context = new_context(browser, live_url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors, page.counting = [], True
    page.on("pageerror", lambda error: page.errors.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            page.counting and message.type == "error" and page.errors.append(f"{page.url}: {message.text}")
        ),
    )
    yield page
    context.close()


def count_error(page, message):
    if page.counting and message.type == "error" and "favicon.ico" not in (message.location or {}).get("url", ""):
        page.errors.append(f"{page.url}: {message.text}")


def walk(page, urls):
    found = []
    for url in urls:
        page.counting = True
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        page.counting = False
        found += violations_on(page)
    return found


def test_every_admin_page_passes_axe_and_works_by_keyboard(admin_page, media_and_tasks):
    page = admin_page
    empty = load_every_model()
    assert empty == [], f"registered models without a row (their change form would not be walked): {empty}"
    log_in(page, make_persona("admin"))
    urls = admin_urls()
    found = walk(page, urls)
    print(f"admin pages walked with axe: {len(urls)}; violations of any impact: {len(found)}")
    assert found == [], "\n".join(" | ".join(str(part) for part in row) for row in found)
    page.counting = True
    open_a_filter_and_an_inline_by_keyboard(page)
    assert page.errors == [], f"JavaScript or CSP errors in the browser: {page.errors}"


def open_a_filter_and_an_inline_by_keyboard(page):
    changelist = reverse("admin:workshops_workinggroup_changelist")
    page.goto(changelist)
    # A choice of the filter panel, reached and followed with the keyboard alone.
    page.locator("#changelist-filter a").nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/?*")
    # The group's change form: « Ajouter un objet … » adds a row to the members' inline from the keyboard.
    page.goto(changelist)
    page.locator("#result_list tbody th a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/change/")
    rows = page.locator("#memberships-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.locator("#memberships-group .add-row a").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(before + 1)
    expect(page.locator(f"#id_memberships-{before}-role")).to_have_attribute("aria-label", "Rôle (nouvelle ligne)")
