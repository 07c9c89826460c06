"""Overlap detection across groups (actionsheets.overlaps), on the demo's fiches and the pairs planted in them:
the planted pairs come first, unrelated fiches are not proposed, the reasons are in words, the refresh is
idempotent and keeps the team's decisions, a saved section refreshes its fiche's pairs, and the fiche page's
panel shows only what the viewer may open, in a fixed number of queries."""

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from actionsheets import services
from actionsheets.models import ActionSheet, Overlap, OverlapDecision, Status
from actionsheets.overlaps import (
    closeness_label,
    refresh_all_overlaps,
    refresh_overlaps,
)
from partners.models import User
from solidarites.demo.actionsheets import EXAMPLE, load_actionsheets, load_overlap_examples
from solidarites.demo.partners import load_partners
from solidarites.demo.workshops import PARTNER_EMAIL, load_workshops
from tests.actionsheets.factories import sheet
from tests.conftest import kept_for_the_class
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group

pytestmark = pytest.mark.django_db

SENIORS_ONLINE = "Aide aux démarches en ligne pour les seniors isolés"  # AD, a draft
SENIORS_DIGITAL = "Ateliers numériques seniors"  # SEN, sent back to its authors
SENIORS_ISOLATION = "Repérage et lutte contre l'isolement des seniors"  # SEN, in progress
JOBS_COACHING = "Coaching vers l'emploi et aide au permis de conduire des 16-25 ans"  # IPJ
DROPOUTS_COACHING = "Remobilisation des décrocheurs de plus de 16 ans : coaching, stages et permis"  # DS
HOMES = "Adaptation des logements au vieillissement"  # HAB
HOMES_SENIORS = "Maintien à domicile : adapter le logement des seniors"  # SEN
PLANTED = [{SENIORS_DIGITAL, SENIORS_ONLINE}, {JOBS_COACHING, DROPOUTS_COACHING}, {HOMES, HOMES_SENIORS}]
UNRELATED = [
    "Guide local du handicap",
    "Accessibilité des manifestations municipales",
    "Formation des agents d'accueil au premier accueil social",
]


def load_demo_sheets():
    load_partners()
    load_workshops()
    load_actionsheets()
    load_overlap_examples()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    yield from kept_for_the_class(django_db_blocker, load_demo_sheets)


def fiche(title):
    return ActionSheet.objects.get(title=title + EXAMPLE)


def titles(pair):
    return {pair.sheet.title.removesuffix(EXAMPLE), pair.other.title.removesuffix(EXAMPLE)}


def pairs_of(item):
    return Overlap.objects.filter(Q(sheet=item) | Q(other=item)).select_related("sheet", "other")


def pair_between(first, second):
    other = fiche(second)
    return pairs_of(fiche(first)).get(Q(sheet=other) | Q(other=other))


def table():
    return sorted(Overlap.objects.values_list("sheet_id", "other_id", "score", "reasons", "decision"))


@pytest.mark.usefixtures("demo")
class TestDemoOverlaps:
    def test_the_planted_pairs_come_first(self):
        best = list(Overlap.objects.select_related("sheet", "other").order_by("-score")[:3])
        assert [titles(pair) for pair in best] == PLANTED or sorted(map(sorted, map(titles, best))) == sorted(
            map(sorted, PLANTED)
        )
        for pair in best:
            assert closeness_label(pair.score) == "très proches", (titles(pair), pair.score)
        assert all(pair.sheet_id < pair.other_id for pair in Overlap.objects.all())

    def test_pairs_join_two_groups_and_leave_unrelated_fiches_out(self):
        for pair in Overlap.objects.select_related("sheet", "other"):
            assert pair.sheet.group_id != pair.other.group_id, titles(pair)
        for title in UNRELATED:
            assert not pairs_of(fiche(title)).exists(), title
        # the fiche on online help for isolated seniors meets the seniors' group only
        others = {next(iter(titles(pair) - {SENIORS_ONLINE})) for pair in pairs_of(fiche(SENIORS_ONLINE))}
        assert others == {SENIORS_DIGITAL, SENIORS_ISOLATION}

    def test_the_reasons_are_in_words(self):
        pair = pair_between(SENIORS_ONLINE, SENIORS_DIGITAL)
        assert pair.reasons == [
            "même public : seniors",
            "mêmes partenaires : CNAV, Conseil des sages de Plaisir, Médiathèque du centre-ville",
            "objectifs proches",
        ]
        jobs = pair_between(JOBS_COACHING, DROPOUTS_COACHING)
        assert "même quartier : Le Valibout" in jobs.reasons
        assert any(reason.startswith("mêmes partenaires : Mission locale") for reason in jobs.reasons)

    def test_refreshing_again_changes_nothing(self):
        before = table()
        assert refresh_all_overlaps() == {"created": 0, "updated": 0, "deleted": 0}
        call_command("refresh_overlaps", verbosity=0)
        assert table() == before
        for item in ActionSheet.objects.all():  # one fiche at a time agrees with the whole run
            assert refresh_overlaps(item) == {"created": 0, "updated": 0, "deleted": 0}, item.code
        assert table() == before

    def test_decided_pairs_are_kept_and_never_proposed_again(self, coordinator):
        online, digital = fiche(SENIORS_ONLINE), fiche(SENIORS_DIGITAL)
        dismissed = pairs_of(online).get(Q(sheet=digital) | Q(other=digital))
        Overlap.objects.filter(pk=dismissed.pk).update(decision=OverlapDecision.NOT_DUPLICATE)
        other = pairs_of(online).exclude(pk=dismissed.pk).get()
        # the fiche is rewritten about something else: its pending pairs go, the decided one stays as it was
        unrelated = "Tournoi d'échecs des écoles primaires, le mercredi au gymnase."
        services.save_section(
            by=coordinator,
            sheet=online,
            section="objectifs",
            base_version=services.section_version(online, "objectifs"),
            apply=lambda item: setattr(item, "operational_objectives", unrelated),
        )
        ActionSheet.objects.filter(pk=online.pk).update(
            title="Tournoi d'échecs", general_objective=unrelated, description=unrelated
        )
        online.partners.all().delete()
        online.target_publics.clear()
        refresh_overlaps(online)
        kept = pairs_of(online).get()
        assert kept.pk == dismissed.pk and kept.decision == OverlapDecision.NOT_DUPLICATE
        assert (kept.score, kept.reasons) == (dismissed.score, dismissed.reasons)
        assert not Overlap.objects.filter(pk=other.pk).exists()
        refresh_all_overlaps()
        assert list(pairs_of(online)) == [kept]

    def test_abandoned_fiches_are_left_out(self):
        homes = fiche(HOMES)
        ActionSheet.objects.filter(pk=homes.pk).update(status=Status.ABANDONED)
        refresh_all_overlaps()
        assert not pairs_of(homes).exists()

    def test_a_saved_section_refreshes_the_pairs_of_its_fiche(self, coordinator, django_capture_on_commit_callbacks):
        digital = fiche(SENIORS_DIGITAL)
        Overlap.objects.all().delete()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.save_section(
                by=coordinator,
                sheet=digital,
                section="budget",
                base_version=services.section_version(digital, "budget"),
            )
        assert callbacks == [] and not Overlap.objects.exists()  # the budget is not compared
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.save_section(
                by=coordinator,
                sheet=digital,
                section="contenu",
                base_version=services.section_version(digital, "contenu"),
            )
        assert len(callbacks) == 1
        assert {next(iter(titles(pair) - {SENIORS_DIGITAL})) for pair in pairs_of(digital)} == {SENIORS_ONLINE}

    def test_the_refresh_is_a_task_for_the_worker_not_part_of_the_save(
        self, coordinator, settings, django_capture_on_commit_callbacks
    ):
        """With the production queue, the save only queues the comparison (actionsheets.tasks); the worker runs
        it, and running it again changes nothing."""
        from django_tasks_db.models import DBTaskResult

        from actionsheets.tasks import refresh_sheet_overlaps

        digital = fiche(SENIORS_DIGITAL)
        Overlap.objects.all().delete()
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with django_capture_on_commit_callbacks(execute=True):
            services.save_section(
                by=coordinator,
                sheet=digital,
                section="contenu",
                base_version=services.section_version(digital, "contenu"),
            )
        queued = DBTaskResult.objects.get(task_path="actionsheets.tasks.refresh_sheet_overlaps")
        assert queued.args_kwargs == {"args": [digital.pk], "kwargs": {}} and not Overlap.objects.exists()
        assert refresh_sheet_overlaps.call(digital.pk)["created"] == 1  # what the worker does
        assert refresh_sheet_overlaps.call(digital.pk) == {"created": 0, "updated": 0, "deleted": 0}
        assert refresh_sheet_overlaps.call(0) is None  # a fiche deleted since

    def test_the_panel_shows_only_the_fiches_the_viewer_may_open(self, client):
        online = fiche(SENIORS_ONLINE)
        coordinator = User.objects.filter(role="coordinator", is_active=True).first()
        partner = User.objects.get(email__iexact=PARTNER_EMAIL)  # a member of « Accès aux droits »
        seen = {}
        for name, user in (("coordinator", coordinator), ("partner", partner)):
            client.force_login(user)
            page = html(client.get(online.get_absolute_url()))
            panel = page.find(id="overlaps-title").parent
            seen[name] = panel.get_text(" ", strip=True)
        assert fiche(SENIORS_DIGITAL).code in seen["coordinator"]
        assert fiche(SENIORS_ISOLATION).code in seen["coordinator"]
        assert "même public : seniors" in seen["coordinator"].lower()
        assert "Tous les rapprochements du programme" in seen["coordinator"]
        # the partner does not see the seniors' group's draft (sent back to its authors), nor the coordinators' page
        assert fiche(SENIORS_DIGITAL).code not in seen["partner"]
        assert fiche(SENIORS_ISOLATION).code in seen["partner"]
        assert "Tous les rapprochements du programme" not in seen["partner"]


def test_the_fiche_page_panel_has_a_fixed_query_budget(coordinator_client):
    mine = sheet(group("SEN"), "Ateliers numériques seniors", status=Status.VALIDATED)
    others = [sheet(group(code), f"Fiche proche {code}") for code in ("AD", "HAB", "DS", "IPJ", "BVE")]
    others += [sheet(group(code), f"Autre fiche proche {code}") for code in ("AD", "HAB", "DS", "IPJ", "BVE")]

    def pair(other, score):
        low, high = sorted((mine, other), key=lambda item: item.pk)
        Overlap.objects.create(sheet=low, other=high, score=score, reasons=["même public : seniors"])

    pair(others[0], 0.9)

    def grow():
        for index, other in enumerate(others[1:]):
            pair(other, 0.8 - index / 100)

    url = reverse("actionsheets:sheet_detail", kwargs={"pk": mine.pk})
    assert_query_budget(coordinator_client, url, budget=40, grow=grow)
    panel = html(coordinator_client.get(url)).find(id="overlaps-title").parent
    assert len(panel.find_all("li")) == 5  # the five best
