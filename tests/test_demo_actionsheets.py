"""Demo fiches actions: idempotent, one or more per axis, marked as examples, in varied states, with content,
versions and workflow moves dated in the 2015 cycle, and not a single e-mail sent."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actionsheets.models import (
    ActionPartner,
    ActionSheet,
    BudgetLine,
    FundingLine,
    Indicator,
    Measurement,
    Milestone,
    ReviewComment,
    SheetVersion,
    Status,
    Transition,
)
from actionsheets.permissions import can_edit_section
from actionsheets.workflow import MOVES_BY_ACTION
from partners.models import Axis, SentEmail, User
from solidarites.demo.actionsheets import OVERLAP_SHEETS, SHEETS, load_actionsheets
from solidarites.demo.partners import load_partners
from solidarites.demo.workshops import PARTNER_EMAIL, load_workshops
from tests.utils import html
from workshops.models import FACILITATING_ROLES, Membership

pytestmark = pytest.mark.django_db

MODELS = [
    ActionSheet,
    ActionPartner,
    BudgetLine,
    FundingLine,
    Milestone,
    Indicator,
    Measurement,
    SheetVersion,
    Transition,
    ReviewComment,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def groups():
    """The demo directory, accounts and working groups, as `load_demo` loads them before the sheets."""
    load_partners()
    load_workshops()


@pytest.fixture
def loaded(groups):
    load_actionsheets()
    return ActionSheet.objects.filter(is_example=True).select_related("axis", "group")


def test_loading_twice_creates_nothing_new_and_sends_nothing(groups, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = load_actionsheets()
        first = counts()
        again = load_actionsheets()
    assert created == len(SHEETS) == 14 and again == 0
    assert counts() == first
    assert callbacks == []  # nothing waits for the commit to send an e-mail
    assert mail.outbox == [] and not SentEmail.objects.exists()


def test_every_thematic_axis_has_examples_marked_as_such_in_varied_states(loaded):
    for axis in Axis.objects.thematic():
        sheets = [sheet for sheet in loaded if sheet.axis_id == axis.pk]
        assert 1 <= len(sheets) <= 2, axis
        assert all(sheet.group.axis_id == axis.pk for sheet in sheets)
    assert all(sheet.title.endswith(" (exemple)") and sheet.is_example for sheet in loaded)
    assert sorted(sheet.code for sheet in loaded if sheet.axis.code == "DS") == ["DS-01", "DS-02"]
    # in varied states, the validated ones with the date of the 2015 COPIL
    states = {sheet.status for sheet in loaded}
    assert {
        Status.DRAFT,
        Status.SUBMITTED,
        Status.TO_REVISE,
        Status.VALIDATED,
        Status.IN_PROGRESS,
        Status.DONE,
    } <= states
    for sheet in loaded:
        if sheet.is_validated:
            assert sheet.copil_date == date(2015, 10, 8), sheet
            validation = sheet.transitions.get(action="validate")
            assert validation.copil_date == date(2015, 10, 8) and validation.at.date() > validation.copil_date
        else:
            assert sheet.copil_date is None


def test_every_sheet_is_filled_in_and_has_versions_and_moves_that_follow_the_workflow(loaded):
    for sheet in loaded:
        versions = list(sheet.versions.order_by("number"))
        assert len(versions) >= 4, sheet
        assert [version.number for version in versions] == list(range(1, len(versions) + 1))
        assert [version.saved_at for version in versions] == sorted(version.saved_at for version in versions)
        moves = list(sheet.transitions.order_by("at", "pk"))
        assert bool(moves) == (sheet.status != Status.DRAFT), sheet
        state = Status.DRAFT
        for move in moves:
            step = MOVES_BY_ACTION[move.action]
            assert move.from_status == state and state in step.sources and move.to_status == step.target, move
            assert move.at > versions[0].saved_at and move.by is not None
            assert move.comment or not step.needs_comment
            state = move.to_status
        assert state == sheet.status
        # the last snapshot was taken from the sheet itself
        assert versions[-1].data["identification"]["Intitulé de l'action"] == sheet.title
        # and what was written: partners, pilot and co-authors, budget, funding, milestones, indicators, values
        assert sheet.partners.exists(), sheet
        assert sheet.pilot is not None and sheet.co_authors.exists(), sheet
        assert Membership.objects.filter(group=sheet.group, contact=sheet.pilot).exists(), sheet
        if sheet.status != Status.DRAFT:
            assert sheet.budget_lines.exists() and sheet.milestones.exists() and sheet.indicators.exists(), sheet
            assert sheet.indicators.filter(target__isnull=False).exists(), sheet
    started = loaded.filter(status__in=[Status.IN_PROGRESS, Status.DONE])
    assert Measurement.objects.filter(indicator__sheet__in=started).count() >= 5
    assert FundingLine.objects.filter(sheet__in=loaded).values("funder").distinct().count() >= 5
    assert BudgetLine.objects.filter(sheet__in=loaded, actual__isnull=False).exists()
    assert Indicator.objects.filter(sheet__in=loaded, baseline__isnull=False).exists()


def test_a_sheet_sent_back_then_reworded_shows_it_in_its_history(loaded, client):
    sheet = loaded.get(title__startswith="Cellule de veille")
    sent_back = sheet.transitions.get(action="send_back")
    assert sent_back.comment and sent_back.section_comments.count() == 2
    assert sheet.status == Status.IN_PROGRESS
    client.force_login(User.objects.get(email="coordination.demo@example.org"))
    page = html(client.get(reverse("actionsheets:sheet_history", kwargs={"pk": sheet.pk})))
    text = page.get_text(" ", strip=True)
    assert "Statut : Soumise à l'animation du groupe → À retravailler" in text
    assert "Décision du COPIL du jeudi 8 octobre 2015" in text
    reworded = sheet.versions.filter(section="objectifs").order_by("number")
    first, last = reworded.first().number, reworded.last().number
    url = reverse("actionsheets:sheet_diff", kwargs={"pk": sheet.pk}) + f"?de={first}&a={last}"
    diff = html(client.get(url)).find(id="diff-objectifs").parent
    assert diff.find("del") and diff.find("ins")


def test_the_demo_partner_co_writes_a_draft_of_the_group_it_co_animates(loaded):
    partner = User.objects.get(email=PARTNER_EMAIL)
    draft = loaded.get(status=Status.DRAFT, axis__code="BVE")
    assert draft.co_authors.filter(pk=partner.contact.pk).exists()
    assert draft.created_by == partner
    assert Membership.objects.filter(group=draft.group, contact=partner.contact, role__in=FACILITATING_ROLES).exists()
    assert ActionSheet.objects.visible_to(partner).filter(pk=draft.pk).exists()
    assert can_edit_section(partner, draft, "objectifs")
    assert draft.versions.filter(saved_by=partner).count() >= 3


def test_load_demo_twice_prints_the_sheets_and_sends_nothing(settings, capsys):
    settings.DEBUG = True
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    output = capsys.readouterr().out
    # the 14 sheets, then the 5 planted look-alikes of another group's sheet (issue 10, overlaps)
    assert counts() == first and first["ActionSheet"] == 14 + 5 == len(SHEETS) + len(OVERLAP_SHEETS)
    assert "Fiches actions – créées : 14 fiches d'exemple" in output
    assert "Rapprochements – 5 fiches proches d'une autre" in output
    assert "Fiches actions : 19 fiches dont 19 exemples" in output
    assert mail.outbox == [] and not SentEmail.objects.exists()


def test_some_sheets_being_carried_out_are_flagged_with_a_progress_kept_in_their_history(loaded):
    examples = ActionSheet.objects.filter(is_example=True)
    flags = set(examples.exclude(follow_up_flag="").values_list("follow_up_flag", flat=True))
    assert flags == {"late", "blocked", "to_discuss"}
    assert set(examples.filter(status=Status.DONE).values_list("progress", flat=True)) == {100}
    late = examples.filter(follow_up_flag="late").first()
    saved = SheetVersion.objects.filter(sheet=late, section="evaluation").latest("number")
    assert saved.data["evaluation"]["Signalement"] == "En retard"
    assert saved.data["evaluation"]["Avancement (%)"].endswith("%")
