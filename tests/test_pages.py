import pytest
from django.urls import reverse
from django.utils import timezone

from partners.enums import AuditVerb
from partners.models import AuditEntry, Commune, SentEmail
from tests.conftest import PERSONAS
from tests.partners.factories import UserFactory
from tests.test_permissions import MATRIX, objects, world  # noqa: F401  (fixtures reused)
from tests.utils import assert_query_budget, html

pytestmark = pytest.mark.django_db


NOT_HTML = {
    "healthz",
    "workshops:calendar_export",
    "workshops:group_meetings_export",
    "workshops:invitations_export",
    "workshops:attendance_export",
    "workshops:participation_export",
    "workshops:finding_export",
    "workshops:obstacle_export",
    "accounts:account_export",
    "accounts:email_export",
    "commune_logo",
    "picker_search",  # JSON: the pickers' suggestions (partners/picking.py)
    "partners:organisation_export",
    "partners:contact_export",
    "partners:import_sample",
    "workshops:calendar_feed",
    "workshops:meeting_ics",
    "workshops:meeting_mail_status",  # an htmx fragment of the session's page
    "workshops:document_download",
    "workshops:attendance_sheet",
    "workshops:minutes_pdf",
    "actionsheets:sheet_export",
    "actionsheets:sheet_pdf",
    "actionsheets:attachment_download",
    "actionsheets:section_row",  # an htmx fragment: one row of a repeated block
    "programme:timeline_export",
    "programme:dashboard_export",
    "programme:partner_map_export",
    "programme:coverage_export",
    "programme:changes_export",
    "background:document_progress",  # an htmx fragment: the live part of a build's page
    "background:document_download",
    "public:robots_txt",  # issue 12, the public page: text for search engines
}


def html_pages():
    """Every (url name, kwargs builder, persona) the matrix says answers a page with 200."""
    for name, builder, method, _, expected in MATRIX:
        if method != "get" or name in NOT_HTML:
            continue
        for persona in PERSONAS:
            if expected[persona] == 200:
                yield name, builder, persona


class TestEveryPage:
    """One case per page × persona, on the matrix's objects and personas made once for the class."""

    @pytest.mark.parametrize(("name", "builder", "persona"), list(html_pages()))
    def test_every_page_has_exactly_one_h1_matching_the_title(self, name, builder, persona, objects, world, client):  # noqa: F811
        user = world.personas[persona]
        if user:
            client.force_login(user)
        response = client.get(reverse(name, kwargs=builder(objects) if builder else None))
        response.close()
        page = html(response)
        headings = page.find_all("h1")
        assert len(headings) == 1, name
        assert page.html["lang"] in ("fr", "fr-fr")
        if not name.startswith("admin:"):
            assert page.find("a", class_="skip-link")["href"] == "#contenu"
            # The <title> repeats the heading (counts shown in a <span> beside it are left out).
            heading = " ".join(headings[0].find_all(string=True, recursive=False)).split()
            assert " ".join(heading) in " ".join(page.title.get_text().split())
            assert page.find("footer").find("a", string=lambda text: text and "Accessibilité :" in text)


@pytest.mark.parametrize("url", ["/", "/mon-espace/", "/page-qui-n-existe-pas/", "/comptes/"])
def test_security_headers_on_every_kind_of_response(client, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code in (200, 403, 404)
    csp = response["Content-Security-Policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


def test_error_pages_are_in_french(client):
    client.force_login(UserFactory())
    assert "Page introuvable" in client.get("/nulle-part/").content.decode()
    assert "Accès refusé" in client.get(reverse("accounts:account_list")).content.decode()


def test_home_presents_the_programme_and_its_axes(client):
    Commune.objects.create(
        name="Ville de Plaisir",
        programme_name="Projet Ville Solidarités",
        partners_day_text="98 partenaires à La Mosaïque",
    )
    page = html(client.get("/"))
    text = page.get_text()
    assert "Projet Ville Solidarités" in page.h1.get_text()
    assert "98 partenaires à La Mosaïque" in text
    assert "7 axes de travail" in text
    assert "Le décrochage scolaire" in text
    assert "la coordination entre les acteurs" in text
    assert page.find("a", string=lambda s: s and "Se connecter" in s)


def test_commune_data_drives_the_legal_pages(client):
    Commune.objects.create(
        name="Ville d'Ailleurs",
        address="1 place de la Mairie, 99999 Ailleurs",
        dpo_name="Délégué mutualisé",
        publication_director="La maire d'Ailleurs",
    )
    legal = client.get(reverse("legal_notice")).content.decode()
    assert "1 place de la Mairie" in legal and "La maire d&#x27;Ailleurs" in legal
    assert "Délégué mutualisé" in client.get(reverse("personal_data")).content.decode()
    # Unknown facts are flagged, not invented.
    assert '<mark class="placeholder-fact">[à compléter]</mark>' in legal


def test_short_dates_are_french(settings):
    from django.template import Context, Template

    rendered = Template('{{ day|date:"SHORT_DATE_FORMAT" }}').render(
        Context({"day": timezone.datetime(2015, 4, 9).date()})
    )
    assert rendered == "09/04/2015"


def test_account_list_query_budget_does_not_grow_with_rows(coordinator_client):
    # shell (see below) + count + page of accounts
    assert_query_budget(
        coordinator_client, reverse("accounts:account_list"), budget=7, grow=lambda: UserFactory.create_batch(10)
    )


def test_email_list_query_budget_does_not_grow_with_rows(coordinator_client):
    def grow():
        for account in UserFactory.create_batch(10):
            SentEmail.objects.create(to=account.email, subject="Essai", related=account)

    SentEmail.objects.create(to="a@example.org", subject="Premier", related=UserFactory())
    # shell + counts per state + page of e-mails with their related type + the workers' state (2)
    assert_query_budget(coordinator_client, reverse("accounts:email_list"), budget=9, grow=grow)


def test_account_detail_query_budget_does_not_grow_with_history(coordinator_client, coordinator):
    account = UserFactory()

    def grow():
        for _ in range(10):
            AuditEntry.objects.create(actor=coordinator, verb=AuditVerb.UPDATED, target=account)
            SentEmail.objects.create(to=account.email, subject="Essai", related=account)

    AuditEntry.objects.create(actor=coordinator, verb=AuditVerb.CREATED, target=account)
    # shell + account + history with actors + e-mails
    assert_query_budget(coordinator_client, reverse("accounts:account_detail", args=[account.pk]), budget=8, grow=grow)


@pytest.mark.parametrize(("url_name", "budget"), [("home", 6), ("my_space", 8), ("legal_notice", 5)])
def test_shell_pages_query_budget(coordinator_client, url_name, budget):
    # The shell: session, user, then the session's sliding expiry saved (UPDATE inside a savepoint in tests,
    # 3 queries; 1 in production). The commune is cached per process. The home page adds the axes; Mon espace
    # adds the person's groups and next meetings (3).
    assert_query_budget(coordinator_client, reverse(url_name), budget=budget, grow=lambda: UserFactory.create_batch(3))
