"""History and comparison pages of a fiche action: the timeline, the field-by-field diff, bad parameters, scope
and query budgets."""

import datetime

import pytest
from django.urls import reverse

from actionsheets import services
from actionsheets.diff import compare, compare_lists, compare_texts
from actionsheets.models import ActionPartner, ReviewComment, Status
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group, member, structure

pytestmark = pytest.mark.django_db


def save(by, item, section, **fields):
    """Save one section through the service (a new version), setting `fields` on the sheet."""

    def apply(current):
        for name, value in fields.items():
            setattr(current, name, value)

    return services.save_section(
        by=by, sheet=item, section=section, base_version=services.section_version(item, section), apply=apply
    )


def add_partner(by, item, name, role=ActionPartner.Role.OPERATIONAL):
    def apply(current):
        current.partners.create(organisation=structure(name), role=role, contribution="Accueil des jeunes")

    return services.save_section(
        by=by,
        sheet=item,
        section="partenaires",
        base_version=services.section_version(item, "partenaires"),
        apply=apply,
    )


def history_url(item):
    return reverse("actionsheets:sheet_history", kwargs={"pk": item.pk})


def diff_url(item, start=None, end=None):
    url = reverse("actionsheets:sheet_diff", kwargs={"pk": item.pk})
    query = "&".join(f"{name}={value}" for name, value in (("de", start), ("a", end)) if value is not None)
    return f"{url}?{query}" if query else url


@pytest.fixture
def written(coordinator):
    """A sheet with four versions: created, objectives written, objectives reworded, a partner added."""
    item = sheet(by=coordinator, title="Cellule de veille partenariale")
    item = save(coordinator, item, "objectifs", operational_objectives="Réduire de 10 % les exclusions au collège.")
    item = save(
        coordinator,
        item,
        "objectifs",
        operational_objectives="Réduire de 20 % les exclusions temporaires au collège.",
    )
    return add_partner(coordinator, item, "Mission locale de Saint-Quentin-en-Yvelines")


# History


def test_versions_recorded_by_save_section_appear_newest_first(coordinator_client, written, coordinator):
    response = coordinator_client.get(history_url(written))
    assert response.status_code == 200
    page = html(response)
    assert page.h1.get_text(" ", strip=True).startswith(f"Historique de la fiche {written.code}")
    items = [item.get_text(" ", strip=True) for item in page.select("#timeline-title ~ ol > li")]
    assert [text.split(" – ")[0] for text in items] == ["Version 4", "Version 3", "Version 2", "Version 1"]
    assert "section « Partenaires associés » enregistrée" in items[0]
    assert "section « Objectifs opérationnels et résultats attendus » enregistrée" in items[1]
    assert "création de la fiche" in items[3]
    assert f"Par {coordinator}" in items[0]
    # each version links to its own changes
    links = [a["href"] for a in page.select("#timeline-title ~ ol > li a")]
    assert links == [diff_url(written, 3, 4), diff_url(written, 2, 3), diff_url(written, 1, 2)]


def test_transitions_and_review_comments_are_in_the_timeline(coordinator_client, written, coordinator):
    services.move(by=coordinator, sheet=written, action="submit")
    services.move(
        by=coordinator,
        sheet=written,
        action="send_back",
        comment="Préciser les indicateurs avant le COPIL.",
        section_comments={"evaluation": "Il manque une valeur de référence."},
    )
    ReviewComment.objects.create(sheet=written, section="budget", text="Le plan de financement est à compléter.")
    services.move(by=coordinator, sheet=written, action="submit")
    services.move(by=coordinator, sheet=written, action="validate", copil_date=datetime.date(2015, 10, 8))
    page = html(coordinator_client.get(history_url(written)))
    texts = [item.get_text(" ", strip=True) for item in page.select("#timeline-title ~ ol > li")]
    first = texts[0]
    assert first.startswith("Statut : Soumise à l'animation du groupe → Validée")
    assert "Décision du COPIL du jeudi 8 octobre 2015" in first
    sent_back = next(text for text in texts if "→ À retravailler" in text)
    assert "Préciser les indicateurs avant le COPIL." in sent_back
    assert "Indicateurs et suivi : Il manque une valeur de référence." in sent_back
    loose = next(text for text in texts if text.startswith("Commentaire de relecture"))
    assert "section « Budget et plan de financement »" in loose
    assert "Le plan de financement est à compléter." in loose


def test_compare_form_offers_every_version_with_the_last_two_selected(coordinator_client, written):
    page = html(coordinator_client.get(history_url(written)))
    form = page.find("form", action=reverse("actionsheets:sheet_diff", kwargs={"pk": written.pk}))
    assert form["method"] == "get"
    start, end = form.find("select", attrs={"name": "de"}), form.find("select", attrs={"name": "a"})
    assert page.find("label", attrs={"for": start["id"]}).get_text(strip=True) == "Version de départ"
    assert page.find("label", attrs={"for": end["id"]}).get_text(strip=True) == "Version d'arrivée"
    assert [option["value"] for option in start.find_all("option")] == ["1", "2", "3", "4"]
    assert start.find("option", selected=True)["value"] == "3"
    assert end.find("option", selected=True)["value"] == "4"


def test_a_single_version_has_nothing_to_compare(coordinator_client, coordinator):
    item = sheet(by=coordinator)
    assert "il n'y a rien à comparer" in coordinator_client.get(history_url(item)).content.decode()
    response = coordinator_client.get(diff_url(item))
    assert response.status_code == 200
    assert "est la seule version de cette fiche" in response.content.decode()


# Comparison


def test_diff_shows_a_reworded_objective_word_by_word(coordinator_client, written, coordinator):
    response = coordinator_client.get(diff_url(written, 2, 3))
    assert response.status_code == 200
    page = html(response)
    lead = page.select_one("p.lead").get_text(" ", strip=True)
    version_2, version_3 = written.versions.get(number=2), written.versions.get(number=3)
    assert lead.startswith(f"Version 2 (par {coordinator}, le {version_2.saved_at.astimezone():%d/%m/%Y} à ")
    assert f"version 3 (par {coordinator}, le {version_3.saved_at.astimezone():%d/%m/%Y} à " in lead
    field = page.find("h3", string="Objectifs opérationnels").parent
    assert [tag.get_text(strip=True) for tag in field.find_all("del")] == ["supprimé :10"]
    assert [tag.get_text(strip=True) for tag in field.find_all("ins")] == ["ajouté :20", "ajouté :temporaires"]
    assert "Réduire de" in field.get_text() and "les exclusions" in field.get_text()
    # only what changed: the other sections are not there
    assert [h2.get_text(strip=True) for h2 in page.select("section h2[id^=diff-]")] == [
        "Objectifs opérationnels et résultats attendus"
    ]


def test_diff_shows_an_added_partner_row(coordinator_client, written):
    page = html(coordinator_client.get(diff_url(written, 1, 4)))
    section = page.find(id="diff-partenaires").parent
    row = section.find("li").get_text(" ", strip=True)
    assert row.startswith("Ajouté :")
    assert "Mission locale de Saint-Quentin-en-Yvelines – Partenaire opérationnel : Accueil des jeunes" in row
    assert section.find("ins")


def test_diff_without_parameters_compares_the_last_two_versions(coordinator_client, written):
    page = html(coordinator_client.get(diff_url(written)))
    assert page.select_one("p.lead").get_text(" ", strip=True).startswith("Version 3 (")
    assert page.find(id="diff-partenaires")


def test_diff_can_go_backwards_and_says_when_nothing_changed(coordinator_client, written, coordinator):
    page = html(coordinator_client.get(diff_url(written, 4, 1)))
    assert "Supprimé :" in page.find(id="diff-partenaires").parent.get_text(" ", strip=True)
    response = coordinator_client.get(diff_url(written, 2, 2))
    assert response.status_code == 200
    assert "choisissez une version de départ et une version d'arrivée différentes" in response.content.decode()
    response = coordinator_client.get(diff_url(written, None, 1))  # nothing before the first version
    assert response.status_code == 200 and "Une seule version choisie (la version 1)" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("abc", "2", "« abc » n'est pas un numéro de version (version de départ)"),
        ("1", "-3", "« -3 » n'est pas un numéro de version (version d'arrivée)"),
        ("1.5", "2", "« 1.5 » n'est pas un numéro de version"),
        (
            "1",
            "99",
            "La version 99 n'existe pas (version d'arrivée) : cette fiche compte 4 versions, numérotées de 1 à 4.",
        ),
        ("0", "2", "La version 0 n'existe pas (version de départ)"),
        ("99999999999999999999", "2", "n'est pas un numéro de version"),
        ("²", "2", "« ² » n'est pas un numéro de version"),
    ],
)
def test_bad_parameters_get_a_clear_message(coordinator_client, written, start, end, message):
    response = coordinator_client.get(diff_url(written, start, end))
    assert response.status_code == 400
    alert = html(response).find(role="alert").get_text(" ", strip=True)
    assert message in alert
    assert html(response).find("select", attrs={"name": "de"})  # and a way to choose again


# Scope


def test_other_groups_drafts_are_not_found(client, coordinator):
    partner = make_persona("partner")
    own_group, other_group = group("DS"), group("HAB")
    member(own_group, partner.contact)
    own, foreign = sheet(own_group, by=coordinator), sheet(other_group, by=coordinator, title="Relogement")
    validated = sheet(other_group, by=coordinator, title="Permanences ADIL", status=Status.VALIDATED)
    client.force_login(partner)
    for url in (history_url(foreign), diff_url(foreign), diff_url(foreign, 1, 1)):
        assert client.get(url).status_code == 404, url
    for item in (own, validated):
        assert client.get(history_url(item)).status_code == 200
        assert client.get(diff_url(item)).status_code == 200


def test_readers_see_the_history_of_validated_sheets_only(client, coordinator):
    reader = make_persona("reader")
    draft = sheet(by=coordinator)
    validated = sheet(by=coordinator, title="Validée", status=Status.VALIDATED)
    client.force_login(reader)
    assert client.get(history_url(draft)).status_code == 404
    assert client.get(history_url(validated)).status_code == 200


# Query budgets


def grow(item, by):
    """Nine more versions, with moves and comments, so that the history has ten versions."""

    def more():
        current = item
        for index in range(8):
            current = save(by, current, "objectifs", operational_objectives=f"Objectif reformulé {index}")
        current = add_partner(by, current, "Centre social")
        services.move(by=by, sheet=current, action="submit", section_comments={"objectifs": "Plus précis."})
        services.move(by=by, sheet=current, action="send_back", comment="À revoir.")
        ReviewComment.objects.create(sheet=current, section="contexte", text="Citer le diagnostic.", author=by)
        assert current.versions.count() >= 10

    return more


def test_history_makes_as_many_queries_with_one_and_ten_versions(coordinator_client, coordinator):
    item = sheet(by=coordinator)
    queries = assert_query_budget(coordinator_client, history_url(item), budget=12, grow=grow(item, coordinator))
    print(f"history: {queries} queries with 1 and with 10 versions")


def test_history_query_budget_for_a_partner(client, coordinator):
    partner = make_persona("partner")
    own_group = group("DS")
    member(own_group, partner.contact)
    item = sheet(own_group, by=coordinator)
    client.force_login(partner)
    queries = assert_query_budget(client, history_url(item), budget=14, grow=grow(item, coordinator))
    print(f"history (partner): {queries} queries")


def test_diff_makes_as_many_queries_whatever_the_number_of_versions(coordinator_client, coordinator):
    item = save(coordinator, sheet(by=coordinator), "contexte", context="Des exclusions en hausse.")
    queries = assert_query_budget(coordinator_client, diff_url(item, 1, 2), budget=11, grow=grow(item, coordinator))
    print(f"diff: {queries} queries with 2 and with 11 versions")


# The comparison itself


def test_word_level_changes_group_neighbouring_words():
    assert compare_texts("Réunion le jeudi matin au collège", "Réunion le lundi soir au collège") == [
        ("same", "Réunion le "),
        ("del", "jeudi matin"),
        ("same", " "),
        ("ins", "lundi soir"),
        ("same", " au collège"),
    ]


def test_long_unchanged_passages_are_shortened_around_the_change():
    words = [f"mot{index}" for index in range(60)]
    old = " ".join(words)
    new = " ".join(words[:30] + ["nouveau"] + words[30:])
    segments = compare_texts(old, new)
    kinds = [kind for kind, _ in segments]
    assert kinds == ["cut", "same", "ins", "same", "cut"]
    assert segments[1][1].split()[-1] == "mot29" and len(segments[1][1].split()) == 12


def test_a_text_filled_in_or_emptied():
    assert compare_texts("", "Un objectif") == [("ins", "Un objectif")]
    assert compare_texts("Un objectif", "") == [("del", "Un objectif")]


def test_lists_show_removed_added_and_modified_rows():
    old = ["2016 – Fonctionnement – Animation : prévu 5 000,00 €", "Jeunes de 16 à 25 ans", "Seniors"]
    new = [
        "Familles et parents",
        "2016 – Fonctionnement – Animation : prévu 5 000,00 €, réalisé 4 800,00 €",
        "Jeunes de 16 à 25 ans",
    ]
    rows = compare_lists(old, new)
    assert [row["kind"] for row in rows] == ["changed", "del", "ins"]
    assert ("ins", ", réalisé 4 800,00 €") in rows[0]["segments"]
    assert rows[1]["text"] == "Seniors" and rows[2]["text"] == "Familles et parents"


def test_compare_keeps_only_changed_fields_in_the_editor_order():
    before = {"contenu": {"Publics cibles": ["Seniors"], "Description": "Ateliers"}, "identification": {"Pilote": ""}}
    after = {"identification": {"Pilote": "Amina Martin"}, "contenu": {"Publics cibles": ["Seniors"]}}
    sections = compare(before, after)
    assert [section["slug"] for section in sections] == ["identification", "contenu"]
    assert [field["label"] for field in sections[1]["fields"]] == ["Description"]
    assert sections[1]["fields"][0]["is_empty"] is True
