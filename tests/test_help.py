"""Help where the work is (issue 14, item 7): a help page per everyday task under /aide/<slug>/, public like
the help index that lists them, each reached by following the discreet « Aide : … » link of a page where the
task is done, and listed in the site map; the query budget of a help page does not grow with data."""

import pytest
from django.urls import reverse

from actionsheets.models import Status
from partners.models import Contact
from solidarites import help as help_topics
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, meeting, member

pytestmark = pytest.mark.django_db

SLUGS = [topic.slug for topic in help_topics.TOPICS]


def test_there_is_a_help_page_per_task_of_the_issue():
    assert SLUGS == [
        "preparer-une-seance",
        "inviter",
        "emargement",
        "compte-rendu",
        "rediger-une-fiche",
        "soumettre-une-fiche",
        "valider-au-copil",
        "suivre-les-indicateurs",
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_a_help_page_is_public_and_titled_after_its_task(client, slug):
    topic = help_topics.BY_SLUG[slug]
    page = html(client.get(reverse("help_topic", args=[slug])))
    assert page.h1.get_text(strip=True) == topic.title
    assert page.select_one("main a[href='/aide/']")  # back to the index


def test_an_unknown_help_page_is_404(client):
    assert client.get("/aide/inconnue/").status_code == 404


def test_the_help_index_and_the_site_map_list_every_help_page(client):
    for url in (reverse("help"), reverse("site_map")):
        hrefs = {a["href"] for a in html(client.get(url)).select("main a[href]")}
        missing = {reverse("help_topic", args=[slug]) for slug in SLUGS} - hrefs
        assert missing == set(), url


def test_the_help_index_keeps_the_accounts_help(client):
    text = html(client.get(reverse("help"))).select_one("main").get_text(" ", strip=True)
    assert "Obtenir un compte" in text and "Durée de la session" in text


@pytest.fixture
def work():
    """Where the tasks are done: a group session with an invitee, a fiche in draft, one being carried out, a COPIL."""
    ds = group("DS")
    member(ds, contact("Inès", "Invitée"))
    session = meeting(ds, title="Séance DS d'avril")
    draft = sheet(ds, "Cellule de veille partenariale")
    running = sheet(ds, "Parrainage de collégiens", status=Status.IN_PROGRESS)
    copil = meeting(title="COPIL de juin", kind="copil")
    return {"session": session, "draft": draft, "running": running, "copil": copil}


def pages_explained(work):
    """Each help page and the pages (as the coordinator) that link to it."""
    session, draft, running, copil = work["session"].pk, work["draft"].pk, work["running"].pk, work["copil"].pk
    return {
        "preparer-une-seance": [
            reverse("workshops:meeting_create"),
            reverse("workshops:meeting_edit", args=[session]),
            reverse("workshops:meeting_detail", args=[session]),
        ],
        "inviter": [reverse("workshops:meeting_invite", args=[session])],
        "emargement": [reverse("workshops:attendance", args=[session]), reverse("workshops:walk_in", args=[session])],
        "compte-rendu": [reverse("workshops:minutes_edit", args=[session])],
        "rediger-une-fiche": [
            reverse("actionsheets:sheet_create"),
            reverse("actionsheets:section_edit", args=[draft, "contexte"]),
        ],
        "soumettre-une-fiche": [
            reverse("actionsheets:sheet_detail", args=[draft]),
            reverse("actionsheets:sheet_move", args=[draft, "submit"]),
        ],
        "valider-au-copil": [
            reverse("programme:copil_dossier", args=[copil]),
            reverse("programme:copil_decisions", args=[copil]),
        ],
        "suivre-les-indicateurs": [
            reverse("actionsheets:section_edit", args=[running, "evaluation"]),
            reverse("actionsheets:sheet_detail", args=[running]),
        ],
    }


def test_each_help_page_is_linked_from_the_pages_it_explains_and_the_link_leads_there(client, work):
    client.force_login(make_persona("coordinator"))
    followed = set()
    for slug, urls in pages_explained(work).items():
        target = reverse("help_topic", args=[slug])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            link = html(response).select_one(f"main a.help-link[href='{target}']")
            assert link is not None, f"{url} does not link to {target}"
            assert link.select_one("i.bi-question-circle[aria-hidden='true']")
            assert link.get_text(" ", strip=True).startswith("Aide :")
            landing = client.get(link["href"])
            assert landing.status_code == 200
            followed.add(slug)
    assert followed == set(SLUGS)


def test_the_help_links_appear_on_my_space_for_a_pilot_with_actions(client, work):
    pilot = make_persona("partner")
    running = work["running"]
    running.pilot = Contact.objects.get(user=pilot)
    running.save(update_fields=["pilot"])
    client.force_login(pilot)
    page = html(client.get(reverse("my_space")))
    assert page.select_one(f"a.help-link[href='{reverse('help_topic', args=['suivre-les-indicateurs'])}']")


def test_help_page_query_budget_does_not_grow_with_data(client):
    client.force_login(make_persona("coordinator"))

    def grow():
        sheet(group("HAB"), "Permanences logement")
        meeting(group("HAB"))

    # the shell (session, user, the session's sliding expiry in a savepoint): nothing of the help page itself
    assert_query_budget(client, reverse("help_topic", args=["inviter"]), budget=6, grow=grow)
