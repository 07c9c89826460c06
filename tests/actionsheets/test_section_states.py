"""The state of each section of a fiche in the editor's menu: filled, empty, or missing a field the fiche needs
before it is submitted (actionsheets.workflow.REQUIRED_TO_SUBMIT), read from the saved data in one query; the
editor's menu shows it (icon + words) and ends each section with « Section suivante »."""

import pytest
from django.urls import reverse

from actionsheets.completeness import SectionState, section_states
from actionsheets.models import ActionPartner, Framework, Status
from actionsheets.sections import SECTIONS, SECTIONS_BY_SLUG
from actionsheets.workflow import REQUIRED_TO_SUBMIT
from tests.actionsheets.factories import sheet
from tests.utils import html
from tests.workshops.factories import contact, group, structure

pytestmark = pytest.mark.django_db

FILLED, EMPTY, MISSING = SectionState.FILLED, SectionState.EMPTY, SectionState.MISSING


def complete(**fields):
    """A draft whose required fields are all given, plus `fields`."""
    pilot = contact("Claire", "Pilote", "CCAS de Plaisir")
    values = {
        "pilot": pilot,
        "lead_organisation": pilot.organisation,
        "general_objective": "Repérer plus tôt les jeunes qui décrochent.",
        "operational_objectives": "Une cellule mensuelle.",
        "description": "Réunir chaque mois le collège, la Mission locale et le CCAS.",
    }
    return sheet(group("DS"), **(values | fields))


def test_the_required_fields_belong_to_sections():
    fields = {name for section in SECTIONS for name in section.fields}
    assert set(REQUIRED_TO_SUBMIT) <= fields
    assert "title" in REQUIRED_TO_SUBMIT


def test_a_new_draft_misses_its_required_fields_and_the_rest_is_empty():
    states = section_states(sheet(group("DS")))
    assert list(states) == [section.slug for section in SECTIONS]
    required_in = {section.slug for section in SECTIONS if set(section.fields) & set(REQUIRED_TO_SUBMIT)}
    assert {slug for slug, state in states.items() if state == MISSING} == required_in
    assert {slug for slug, state in states.items() if state == EMPTY} == {s.slug for s in SECTIONS} - required_in


def test_a_complete_draft_has_its_sections_filled_and_nothing_missing():
    states = section_states(complete())
    assert MISSING not in states.values()
    assert states["identification"] == FILLED
    assert states["contexte"] == FILLED
    assert states["objectifs"] == FILLED
    assert states["contenu"] == FILLED
    assert states["moyens"] == EMPTY


def test_one_empty_required_field_marks_its_section_only():
    states = section_states(complete(operational_objectives="", expected_results="Moins de décrochages."))
    assert states["objectifs"] == MISSING  # something written, but not the required field
    assert [slug for slug, state in states.items() if state == MISSING] == ["objectifs"]


def test_default_values_do_not_count_as_filled():
    """Priority « moyenne », participation « aucune », a recurring flag left unticked: nothing was written."""
    item = complete(is_recurring=False)
    assert section_states(item)["calendrier"] == EMPTY
    type(item).objects.filter(pk=item.pk).update(is_recurring=True)
    assert section_states(item)["calendrier"] == FILLED


def test_rows_and_many_to_many_choices_fill_a_section():
    item = complete()
    ActionPartner.objects.create(sheet=item, organisation=structure("Mission locale de SQY"))
    assert section_states(item)["conditions"] == EMPTY
    item.frameworks.add(Framework.objects.get_or_create(label="Contrat de ville (test)")[0])
    states = section_states(item)
    assert states["partenaires"] == FILLED
    assert states["conditions"] == FILLED
    assert states["budget"] == EMPTY


@pytest.mark.parametrize("status", [Status.TO_REVISE, Status.SUBMITTED, Status.FORWARDED])
def test_required_fields_are_flagged_until_the_copil_validates(status):
    assert section_states(sheet(group("DS"), status=status))["contexte"] == MISSING


@pytest.mark.parametrize("status", [Status.VALIDATED, Status.IN_PROGRESS, Status.DONE])
def test_after_validation_an_empty_field_is_no_longer_missing(status):
    states = section_states(sheet(group("DS"), status=status))
    assert MISSING not in states.values()
    assert states["contexte"] == EMPTY
    assert states["identification"] == FILLED  # its title


def test_whitespace_only_text_is_empty():
    assert section_states(complete(general_objective="   \n "))["contexte"] == MISSING


def test_the_states_are_read_in_one_query(django_assert_num_queries):
    item = complete()
    with django_assert_num_queries(1):
        section_states(item)


def test_the_states_come_from_the_saved_data_not_the_object_in_memory():
    item = complete()
    item.general_objective = ""  # typed in a form, not saved
    assert section_states(item)["contexte"] == FILLED


def edit_url(item, slug):
    return reverse("actionsheets:section_edit", kwargs={"pk": item.pk, "slug": slug})


def test_the_menu_shows_each_state_in_words_and_the_next_section(coordinator_client):
    item = complete(operational_objectives="")
    page = html(coordinator_client.get(edit_url(item, "contexte")))
    menu = page.find("nav", attrs={"aria-labelledby": "sections-nav-title"})
    contexte = next(li for li in menu.find_all("li") if SECTIONS_BY_SLUG["contexte"].title in li.get_text())
    assert "remplie" in contexte.get_text()
    objectifs = next(li for li in menu.find_all("li") if SECTIONS_BY_SLUG["objectifs"].title in li.get_text())
    assert "champ obligatoire manquant" in objectifs.get_text()
    moyens = next(li for li in menu.find_all("li") if SECTIONS_BY_SLUG["moyens"].title in li.get_text())
    assert "vide" in moyens.get_text()
    for li in menu.find_all("li"):
        assert li.select_one("i[aria-hidden=true]"), li  # the icon is a second cue, never read out
    following = page.find("a", attrs={"data-next-section": True})
    assert following.get_text(" ", strip=True).startswith("Section suivante")
    assert following["href"] == edit_url(item, "objectifs") + "#section-title"
    assert page.find("h1", id="section-title")["tabindex"] == "-1"


def test_the_last_section_has_no_next_one_and_locked_ones_are_skipped(coordinator_client):
    item = complete()
    page = html(coordinator_client.get(edit_url(item, SECTIONS[-1].slug)))
    assert page.find("a", attrs={"data-next-section": True}) is None
    validated = sheet(group("DS"), status=Status.VALIDATED)
    page = html(coordinator_client.get(edit_url(validated, "budget")))
    # After the COPIL only the follow-up sections open: « calendrier » comes after « budget ».
    following = page.find("a", attrs={"data-next-section": True})
    assert following["href"] == edit_url(validated, "calendrier") + "#section-title"
