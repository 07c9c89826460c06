"""The section editor: each section saved one at a time with a version, conflicts shown side by side, drafts
autosaved and restored, bad input refused in French with nothing written, locked sections, rows added in place
(htmx) or without JavaScript, and the same number of queries with 1 or 10 rows."""

import datetime
import os
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actionsheets import services
from actionsheets.editor_forms import ATTACHMENT_MAX_BYTES
from actionsheets.models import (
    ActionPartner,
    ActionSheet,
    AnnualReview,
    Attachment,
    BudgetLine,
    Framework,
    Funder,
    FundingLine,
    Indicator,
    Measurement,
    Milestone,
    SectionDraft,
    SheetVersion,
    Status,
    TargetPublic,
)
from actionsheets.sections import SECTIONS
from partners.models import Neighbourhood
from tests.actionsheets.factories import sheet
from tests.conftest import make_persona
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, member, structure
from workshops.models import CoordinationObstacle, Finding, MembershipRole, ObstacleCategory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fake but well-formed enough for the magic bytes\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def edit_url(item, slug):
    return reverse("actionsheets:section_edit", kwargs={"pk": item.pk, "slug": slug})


def draft_url(item, slug):
    return reverse("actionsheets:section_draft", kwargs={"pk": item.pk, "slug": slug})


def row_url(item, slug, related):
    return reverse("actionsheets:section_row", kwargs={"pk": item.pk, "slug": slug, "related": related})


def form_values(response, form_id="section-form"):
    """What a browser would post from the editor's form as rendered: {name: [values]}."""
    form = html(response).find("form", id=form_id)
    values = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.name == "button":
            continue
        if field.name == "textarea":
            values.setdefault(name, []).append(field.text.removeprefix("\n"))
        elif field.name == "select":
            chosen = [
                option.get("value", option.text) for option in field.find_all("option") if option.has_attr("selected")
            ]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", first.text)] if first else []
            values.setdefault(name, []).extend(chosen)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("file", "submit"):
            values.setdefault(name, []).append(field.get("value", ""))
    return values


def post_section(client, item, slug, changes=None, *, page=None, files=None):
    """GET the section (or use `page`), change some fields as a person would, POST the form."""
    page = page or client.get(edit_url(item, slug))
    assert page.status_code in (200, 409), page.status_code
    data = form_values(page)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    data.update(files or {})
    return client.post(edit_url(item, slug), data)


def squash(node):
    return " ".join(node.get_text(" ").replace("\xa0", " ").split())


def text(response):
    return squash(html(response))


def error_summary(response):
    summary = html(response).find(id="error-summary")
    return squash(summary) if summary else ""


def versions(item):
    return SheetVersion.objects.filter(sheet=item).count()


@pytest.fixture
def draft(db):
    return sheet(group("DS"))


@pytest.fixture
def facilitator(db):
    """The partner persona, animateur of the DS group."""
    user = make_persona("partner")
    member(group("DS"), user.contact, MembershipRole.FACILITATOR)
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


# Each section saves and records a version


def section_changes(item):
    """For each section: the changes to post and a check that they are stored."""
    pilot = contact("Pierre", "Pilote", "CCAS de Plaisir")
    lead = structure("Mission locale de SQY")
    finding = Finding.objects.create(axis=item.axis, kind="need", source="interviews", title="Décrochage repéré tard")
    obstacle = CoordinationObstacle.objects.create(category=ObstacleCategory.SILOS, title="Informations cloisonnées")
    neighbourhood = Neighbourhood.objects.create(name="Le Valibout", is_qpv=True)
    public = TargetPublic.objects.get(label="Jeunes de 16 à 25 ans")
    framework = Framework.objects.get(code="PRE")
    other = sheet(group("DS"), "Accueil des collégiens exclus")
    funder = Funder.objects.get(label="CAF")
    return {
        "identification": (
            {
                "title": "Cellule de veille collège, PRE et Mission locale",
                "pilot": str(pilot.pk),
                "elected_referent": "Adjointe au maire déléguée à la jeunesse",
                "lead_organisation": str(lead.pk),
                "priority": "high",
            },
            lambda s: (
                (s.title, s.pilot, s.lead_organisation, s.priority)
                == ("Cellule de veille collège, PRE et Mission locale", pilot, lead, "high")
            ),
        ),
        "contexte": (
            {"context": "Trop de décrocheurs.", "findings": [str(finding.pk)], "general_objective": "Les repérer."},
            lambda s: s.context == "Trop de décrocheurs." and list(s.findings.all()) == [finding],
        ),
        "objectifs": (
            {"operational_objectives": "Une réunion par mois.", "expected_results": "Moins de décrochage."},
            lambda s: s.operational_objectives == "Une réunion par mois.",
        ),
        "contenu": (
            {
                "description": "Cellule mensuelle.",
                "target_publics": [str(public.pk)],
                "target_count": "40",
                "neighbourhoods": [str(neighbourhood.pk)],
                "citizen_participation": "consultation",
            },
            lambda s: s.target_count == 40 and list(s.neighbourhoods.all()) == [neighbourhood],
        ),
        "partenaires": (
            {"partners-0-organisation": str(lead.pk), "partners-0-role": "operational"},
            lambda s: [(p.organisation, p.role) for p in s.partners.all()] == [(lead, "operational")],
        ),
        "moyens": (
            {"human_resources": "Une coordinatrice.", "fte": "0,5", "material_resources": "Une salle."},
            lambda s: s.fte == Decimal("0.50"),
        ),
        "budget": (
            {
                "budget_lines-0-year": "2016",
                "budget_lines-0-label": "Vacations de psychologue",
                "budget_lines-0-planned": "12 500,50",
                "funding_lines-0-funder": str(funder.pk),
                "funding_lines-0-year": "2016",
                "funding_lines-0-amount": "6000",
            },
            lambda s: (
                [line.planned for line in s.budget_lines.all()] == [Decimal("12500.50")]
                and [line.funder for line in s.funding_lines.all()] == [funder]
            ),
        ),
        "calendrier": (
            {
                "start_date": "2015-09-01",
                "planned_end_date": "2016-06-30",
                "milestones-0-label": "Première cellule",
                "milestones-0-due_on": "2015-10-01",
            },
            lambda s: s.start_date == datetime.date(2015, 9, 1) and s.milestones.get().label == "Première cellule",
        ),
        "evaluation": (
            {
                "monitoring": "Bilan en COTECH.",
                "indicators-0-label": "Jeunes repérés",
                "indicators-0-baseline": "10",
                "indicators-0-target": "40",
            },
            lambda s: s.indicators.get().target == Decimal("40"),
        ),
        "conditions": (
            {
                "success_conditions": "La présence du collège.",
                "obstacles": [str(obstacle.pk)],
                "related_sheets": [str(other.pk)],
                "frameworks": [str(framework.pk)],
            },
            lambda s: list(s.related_sheets.all()) == [other] and list(s.obstacles.all()) == [obstacle],
        ),
        "pieces": (
            {"attachments-0-title": "Compte rendu du COTECH"},
            lambda s: s.attachments.get().title == "Compte rendu du COTECH",
        ),
        "bilan": (
            {"reviews-0-year": "2016", "reviews-0-qualitative": "Une cellule qui fonctionne."},
            lambda s: s.reviews.get().qualitative == "Une cellule qui fonctionne.",
        ),
    }


@pytest.mark.parametrize("slug", [section.slug for section in SECTIONS])
def test_each_section_saves_and_records_a_version(coordinator_client, coordinator, draft, slug):
    changes, stored = section_changes(draft)[slug]
    files = {"attachments-0-file": SimpleUploadedFile("cr.pdf", PDF)} if slug == "pieces" else None
    before = versions(draft)
    response = post_section(coordinator_client, draft, slug, changes, files=files)
    assert response.status_code == 302, error_summary(response)
    assert response.url == edit_url(draft, slug)
    item = ActionSheet.objects.get(pk=draft.pk)
    assert stored(item)
    assert item.section_versions[slug] == 1
    version = SheetVersion.objects.filter(sheet=draft).latest("number")
    assert (versions(draft), version.section, version.saved_by) == (before + 1, slug, coordinator)
    page = coordinator_client.get(response.url)
    assert f"La section « {SECTIONS[[s.slug for s in SECTIONS].index(slug)].title} » est enregistrée." in text(page)


def test_rows_are_changed_and_deleted_in_place(coordinator_client, draft):
    lines = [
        BudgetLine.objects.create(sheet=draft, year=2016, label=f"Poste {n}", planned=Decimal(100 * n)) for n in (1, 2)
    ]
    response = post_section(
        coordinator_client,
        draft,
        "budget",
        {"budget_lines-0-actual": "90,00", "budget_lines-1-DELETE": "on"},
    )
    assert response.status_code == 302, error_summary(response)
    assert list(BudgetLine.objects.filter(sheet=draft).values_list("pk", "actual")) == [(lines[0].pk, Decimal("90"))]


def test_two_partners_can_swap_their_structures(coordinator_client, draft):
    first, second = structure("CCAS de Plaisir"), structure("Collège Blaise-Pascal")
    ActionPartner.objects.create(sheet=draft, organisation=first, role="operational")
    ActionPartner.objects.create(sheet=draft, organisation=second, role="funder")
    response = post_section(
        coordinator_client,
        draft,
        "partenaires",
        {"partners-0-organisation": str(second.pk), "partners-1-organisation": str(first.pk)},
    )
    assert response.status_code == 302, error_summary(response)
    assert sorted((p.organisation.name, p.role) for p in draft.partners.all()) == [
        ("CCAS de Plaisir", "funder"),
        ("Collège Blaise-Pascal", "operational"),
    ]


def test_a_facilitator_saves_a_section_of_the_group_sheet(facilitator, draft):
    response = post_section(logged_in(facilitator), draft, "objectifs", {"expected_results": "Moins d'exclusions."})
    assert response.status_code == 302
    assert ActionSheet.objects.get(pk=draft.pk).expected_results == "Moins d'exclusions."


def test_links_to_sheets_a_partner_cannot_see_are_kept_when_the_partner_saves(facilitator, draft):
    hidden = sheet(group("HAB"), "Accompagnement social du relogement")  # a draft of a group Paula is not in
    visible = sheet(group("DS"), "Accueil des collégiens exclus")
    draft.related_sheets.add(hidden)
    client = logged_in(facilitator)
    page = client.get(edit_url(draft, "conditions"))
    assert "Accompagnement social du relogement" not in text(page)
    response = post_section(client, draft, "conditions", {"related_sheets": [str(visible.pk)]}, page=page)
    assert response.status_code == 302, error_summary(response)
    assert set(draft.related_sheets.all()) == {hidden, visible}


# Conflicts


def test_the_second_of_two_saves_gets_both_versions_side_by_side_and_keeps_its_text(
    coordinator_client, coordinator, facilitator, draft
):
    other = logged_in(facilitator)
    mine = coordinator_client.get(edit_url(draft, "contexte"))
    theirs = other.get(edit_url(draft, "contexte"))
    assert post_section(other, draft, "contexte", {"context": "Le texte de Paula."}, page=theirs).status_code == 302

    response = post_section(coordinator_client, draft, "contexte", {"context": "Mon texte à moi."}, page=mine)
    assert response.status_code == 409
    assert ActionSheet.objects.get(pk=draft.pk).context == "Le texte de Paula."
    page = html(response)
    current = page.find(id="current-version-title").find_parent("section")
    assert "Version enregistrée par Paula Partenaire le" in squash(current)
    assert "Le texte de Paula." in current.get_text()
    assert "Votre saisie" in text(response)
    assert page.find("textarea", attrs={"name": "context"}).text.strip() == "Mon texte à moi."
    assert page.find("input", attrs={"name": "base_version"})["value"] == "1"
    assert SectionDraft.objects.get(user=coordinator, section="contexte").data["context"] == ["Mon texte à moi."]

    # A second, deliberate save from the conflict page applies.
    again = post_section(coordinator_client, draft, "contexte", page=response)
    assert again.status_code == 302
    assert ActionSheet.objects.get(pk=draft.pk).context == "Mon texte à moi."
    assert not SectionDraft.objects.filter(user=coordinator, section="contexte").exists()


def test_a_post_replayed_twice_is_written_once(coordinator_client, draft):
    page = coordinator_client.get(edit_url(draft, "objectifs"))
    data = {**form_values(page), "expected_results": ["Une fois."]}
    assert coordinator_client.post(edit_url(draft, "objectifs"), data).status_code == 302
    before = versions(draft)
    replay = coordinator_client.post(edit_url(draft, "objectifs"), data)
    assert replay.status_code == 409
    assert versions(draft) == before
    assert ActionSheet.objects.get(pk=draft.pk).section_versions == {"objectifs": 1}


def test_a_conflict_on_rows_shows_the_saved_rows(coordinator_client, facilitator, draft):
    mine = coordinator_client.get(edit_url(draft, "calendrier"))
    post_section(logged_in(facilitator), draft, "calendrier", {"milestones-0-label": "Étape de Paula"})
    response = post_section(coordinator_client, draft, "calendrier", {"milestones-0-label": "Mon étape"}, page=mine)
    assert response.status_code == 409
    current = squash(html(response).find(id="current-version-title").find_parent("section"))
    assert "Étape de Paula – sans date" in current
    assert html(response).find("input", attrs={"name": "milestones-0-label"})["value"] == "Mon étape"
    assert list(Milestone.objects.filter(sheet=draft).values_list("label", flat=True)) == ["Étape de Paula"]


# Drafts


def test_autosaved_draft_is_restored_then_discarded(coordinator_client, coordinator, draft):
    page = coordinator_client.get(edit_url(draft, "objectifs"))
    data = {**form_values(page), "operational_objectives": ["Tapé mais pas enregistré."]}
    response = coordinator_client.post(draft_url(draft, "objectifs"), data, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    stored = SectionDraft.objects.get(sheet=draft, user=coordinator, section="objectifs")
    assert stored.data["operational_objectives"] == ["Tapé mais pas enregistré."]
    assert "csrfmiddlewaretoken" not in stored.data
    assert versions(draft) == 1  # a draft is not a version

    reopened = coordinator_client.get(edit_url(draft, "objectifs"))
    assert "Brouillon non enregistré restauré du" in text(reopened)
    assert html(reopened).find("textarea", attrs={"name": "operational_objectives"}).text.strip() == (
        "Tapé mais pas enregistré."
    )
    assert html(reopened).find(id="error-summary") is None

    discarded = coordinator_client.post(draft_url(draft, "objectifs"), {"supprimer": "1"})
    assert discarded.status_code == 302 and discarded.url == edit_url(draft, "objectifs")
    assert not SectionDraft.objects.exists()
    assert "Brouillon non enregistré" not in text(coordinator_client.get(edit_url(draft, "objectifs")))


def test_a_restored_draft_with_rows_is_saved_as_it_was_typed(coordinator_client, draft):
    org = structure("CCAS de Plaisir")
    page = coordinator_client.get(edit_url(draft, "partenaires"))
    data = {**form_values(page), "partners-0-organisation": [str(org.pk)], "partners-0-role": ["co_pilot"]}
    coordinator_client.post(draft_url(draft, "partenaires"), data)
    response = post_section(coordinator_client, draft, "partenaires")  # the form as restored from the draft
    assert response.status_code == 302, error_summary(response)
    assert [(p.organisation, p.role) for p in draft.partners.all()] == [(org, "co_pilot")]
    assert not SectionDraft.objects.exists()


def test_a_draft_older_than_somebody_elses_save_leads_to_the_conflict_page(coordinator_client, facilitator, draft):
    page = coordinator_client.get(edit_url(draft, "objectifs"))
    coordinator_client.post(draft_url(draft, "objectifs"), {**form_values(page), "expected_results": ["Le mien."]})
    post_section(logged_in(facilitator), draft, "objectifs", {"expected_results": "Celui de Paula."})
    reopened = coordinator_client.get(edit_url(draft, "objectifs"))
    assert "a été enregistrée par quelqu'un d'autre depuis" in text(reopened)
    response = post_section(coordinator_client, draft, "objectifs", page=reopened)
    assert response.status_code == 409
    assert ActionSheet.objects.get(pk=draft.pk).expected_results == "Celui de Paula."


def test_a_late_autosave_after_ones_own_save_is_not_kept(coordinator_client, draft):
    page = coordinator_client.get(edit_url(draft, "objectifs"))
    data = {**form_values(page), "expected_results": ["Enregistré."]}
    assert coordinator_client.post(edit_url(draft, "objectifs"), data).status_code == 302
    assert coordinator_client.post(draft_url(draft, "objectifs"), data).status_code == 204
    assert not SectionDraft.objects.exists()


def test_the_draft_endpoint_checks_the_editing_right(facilitator, coordinator_client):
    foreign = sheet(group("IPJ"), "Forum emploi-jeunes")
    member(group("IPJ"), facilitator.contact)  # a plain member reads the sheet, does not write it
    client = logged_in(facilitator)
    assert client.post(draft_url(foreign, "objectifs"), {"base_version": "0"}).status_code == 403
    assert client.get(draft_url(foreign, "objectifs")).status_code == 405
    assert coordinator_client.post(draft_url(foreign, "objectifs"), {}).status_code == 400
    assert not SectionDraft.objects.exists()


# Bad input: a French message next to the field, what was typed kept, nothing written


def assert_nothing_written(item):
    fresh = ActionSheet.objects.get(pk=item.pk)
    assert fresh.section_versions == {} and fresh.revision == 0
    assert versions(item) == 1
    for model in (ActionPartner, BudgetLine, FundingLine, Milestone, Indicator, Attachment, AnnualReview):
        assert not model.objects.filter(sheet=item).exists(), model


def field_error(response, name):
    # the field itself, not a picker's chosen box (issue 14)
    field = html(response).find(lambda tag: tag.get("name") == name and tag.get("type") != "checkbox")
    errors = html(response).find(id=f"{field['id']}_error")
    assert field.get("aria-invalid") == "true"
    assert errors["id"] in field["aria-describedby"]
    return squash(errors)


@pytest.mark.parametrize(
    ("slug", "changes", "field", "message"),
    [
        (
            "budget",
            {"budget_lines-0-year": "2016", "budget_lines-0-label": "Vacations", "budget_lines-0-planned": "-100"},
            "budget_lines-0-planned",
            "Le montant ne peut pas être négatif.",
        ),
        (
            "budget",
            {"funding_lines-0-funder": "999999", "funding_lines-0-year": "2016", "funding_lines-0-amount": "10"},
            "funding_lines-0-funder",
            "Sélectionnez un choix valide.",
        ),
        (
            "budget",
            {"funding_lines-0-funder": "", "funding_lines-0-year": "2016", "funding_lines-0-amount": "-5"},
            "funding_lines-0-amount",
            "Le montant ne peut pas être négatif.",
        ),
        (
            "calendrier",
            {"start_date": "2016-06-30", "planned_end_date": "2015-09-01", "milestones-0-label": "Lancement"},
            "planned_end_date",
            "La date de fin doit être après la date de début.",
        ),
        (
            "contexte",
            {"context": "é" * 50_000},
            "context",
            "Ce texte compte 50 000 caractères : 10 000 au plus.",
        ),
        (
            "moyens",
            {"fte": "-1"},
            "fte",
            "Assurez-vous que cette valeur est supérieure ou égale à 0.",
        ),
        (
            "identification",
            {"title": ""},
            "title",
            "Ce champ est obligatoire.",
        ),
    ],
    ids=["negative-budget", "unknown-funder", "negative-funding", "end-before-start", "long-text", "fte", "title"],
)
def test_bad_input_is_refused_in_french_and_nothing_is_written(
    coordinator_client, draft, slug, changes, field, message
):
    response = post_section(coordinator_client, draft, slug, changes)
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert message in error_summary(response)
    assert "empêche" in error_summary(response)
    assert_nothing_written(draft)
    kept = form_values(response)
    for name, value in changes.items():
        if name != "funding_lines-0-funder":
            assert kept[name] == [value], name


def test_an_inactive_funder_is_refused(coordinator_client, draft):
    funder = Funder.objects.get(label="CAF")
    Funder.objects.filter(pk=funder.pk).update(is_active=False)
    response = post_section(
        coordinator_client,
        draft,
        "budget",
        {"funding_lines-0-funder": str(funder.pk), "funding_lines-0-year": "2016", "funding_lines-0-amount": "10"},
    )
    assert "Sélectionnez un choix valide." in field_error(response, "funding_lines-0-funder")
    assert_nothing_written(draft)


def test_the_same_structure_twice_among_partners_is_refused(coordinator_client, draft):
    org = structure("CCAS de Plaisir")
    data = {
        **form_values(coordinator_client.get(edit_url(draft, "partenaires"))),
        "partners-TOTAL_FORMS": ["2"],
        "partners-0-organisation": [str(org.pk)],
        "partners-0-role": ["co_pilot"],
        "partners-1-organisation": [str(org.pk)],
        "partners-1-role": ["funder"],
    }
    response = coordinator_client.post(edit_url(draft, "partenaires"), data)
    assert "Cette structure figure déjà parmi les partenaires." in field_error(response, "partners-1-organisation")
    assert "Partenaire n° 2 – Structure" in error_summary(response)
    assert_nothing_written(draft)


def test_a_structure_added_meanwhile_by_somebody_else_is_not_added_twice(coordinator_client, facilitator, draft):
    org = structure("CCAS de Plaisir")
    mine = coordinator_client.get(edit_url(draft, "partenaires"))
    changes = {"partners-0-organisation": str(org.pk), "partners-0-role": "co_pilot"}
    assert post_section(logged_in(facilitator), draft, "partenaires", changes).status_code == 302
    conflict = post_section(coordinator_client, draft, "partenaires", changes, page=mine)
    assert conflict.status_code == 409  # the conflict page, with the error in the form
    assert "Cette structure figure déjà parmi les partenaires." in field_error(conflict, "partners-0-organisation")
    assert "CCAS de Plaisir – Co-pilote" in squash(html(conflict).find(id="current-version-title").parent)
    again = post_section(coordinator_client, draft, "partenaires", page=conflict)
    assert again.status_code == 200
    assert "Cette structure figure déjà parmi les partenaires." in field_error(again, "partners-0-organisation")
    assert draft.partners.count() == 1


def upload(name, content):
    return {"attachments-0-file": SimpleUploadedFile(name, content)}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            upload("gros.pdf", PDF + b"0" * ATTACHMENT_MAX_BYTES),
            "Le fichier pèse 10,0 Mo : la taille maximale est de 10 Mo.",
        ),
        (upload("programme.exe", b"MZ\x90\x00"), "Format non accepté (« .exe »)."),
        (upload("faux.pdf", PNG), "Le contenu du fichier ne correspond pas à son extension « .pdf »."),
        (upload("photo.jpg", PDF), "Le contenu du fichier ne correspond pas à son extension « .jpg »."),
    ],
    ids=["too-big", "wrong-type", "pdf-with-png-content", "jpg-with-pdf-content"],
)
def test_bad_attachments_are_refused(coordinator_client, draft, files, message):
    response = post_section(coordinator_client, draft, "pieces", {"attachments-0-title": "Annexe"}, files=files)
    assert response.status_code == 200
    assert message in field_error(response, "attachments-0-file")
    assert form_values(response)["attachments-0-title"] == ["Annexe"]
    assert_nothing_written(draft)


def test_a_good_attachment_is_stored_and_downloaded_then_removed(
    coordinator_client, coordinator, draft, django_capture_on_commit_callbacks
):
    response = post_section(
        coordinator_client, draft, "pieces", {"attachments-0-title": "Photo"}, files=upload("photo.png", PNG)
    )
    assert response.status_code == 302, error_summary(response)
    attachment = Attachment.objects.get(sheet=draft)
    assert (attachment.size, attachment.uploaded_by) == (len(PNG), coordinator)
    download = coordinator_client.get(
        reverse("actionsheets:attachment_download", kwargs={"pk": draft.pk, "attachment": attachment.pk})
    )
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="photo.png"'
    assert b"".join(download.streaming_content) == PNG
    path = attachment.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(coordinator_client, draft, "pieces", {"attachments-0-DELETE": "on"})
    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)


def test_an_attachment_of_a_sheet_one_cannot_see_is_not_found(draft):
    attachment = Attachment.objects.create(
        sheet=draft, title="Note", file=SimpleUploadedFile("note.pdf", PDF), size=len(PDF)
    )
    url = reverse("actionsheets:attachment_download", kwargs={"pk": draft.pk, "attachment": attachment.pk})
    assert logged_in(make_persona("reader")).get(url).status_code == 404
    other = sheet(group("IPJ"), "Autre fiche")
    elsewhere = reverse("actionsheets:attachment_download", kwargs={"pk": other.pk, "attachment": attachment.pk})
    assert logged_in(make_persona("coordinator")).get(elsewhere).status_code == 404


# Locked sections


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.FORWARDED, Status.ARCHIVED])
def test_no_section_can_change_while_the_sheet_is_reviewed_or_archived(coordinator_client, status):
    item = sheet(group("DS"), status=status)
    for section in SECTIONS:
        assert coordinator_client.get(edit_url(item, section.slug)).status_code == 403
        assert coordinator_client.post(edit_url(item, section.slug), {"base_version": "0"}).status_code == 403
        assert coordinator_client.post(draft_url(item, section.slug), {"base_version": "0"}).status_code == 403
    assert coordinator_client.get(row_url(item, "partenaires", "partners")).status_code == 403
    assert ActionSheet.objects.get(pk=item.pk).section_versions == {}
    assert not SectionDraft.objects.exists()


def test_after_the_copil_only_the_follow_up_sections_change(coordinator_client):
    item = sheet(group("DS"), status=Status.VALIDATED)
    open_sections = {"evaluation", "budget", "calendrier", "bilan", "pieces"}
    for section in SECTIONS:
        expected = 200 if section.slug in open_sections else 403
        assert coordinator_client.get(edit_url(item, section.slug)).status_code == expected, section.slug
    response = coordinator_client.post(edit_url(item, "identification"), {"base_version": "0", "title": "Changé"})
    assert response.status_code == 403
    assert ActionSheet.objects.get(pk=item.pk).title == "Cellule de veille partenariale"


def test_the_facilitator_and_the_pilot_follow_up_a_validated_sheet_not_other_partners(facilitator):
    item = sheet(group("DS"), status=Status.VALIDATED)
    assert logged_in(facilitator).get(edit_url(item, "evaluation")).status_code == 200  # facilitators may
    outsider = make_persona("outsider")
    assert logged_in(outsider).get(edit_url(item, "evaluation")).status_code == 403
    ActionSheet.objects.filter(pk=item.pk).update(pilot=outsider.contact)
    assert logged_in(outsider).get(edit_url(item, "evaluation")).status_code == 200


def test_the_section_changed_state_while_typing_keeps_the_text_as_draft(coordinator_client, coordinator, draft):
    page = coordinator_client.get(edit_url(draft, "objectifs"))
    data = {**form_values(page), "expected_results": ["Écrit pendant la relecture."]}
    # The view has already checked the state: the sheet is submitted between that check and the save.
    with mock.patch.object(services, "section_is_open", return_value=False):
        response = coordinator_client.post(edit_url(draft, "objectifs"), data)
    assert response.status_code == 403
    assert "Votre saisie est gardée en brouillon" in text(response)
    assert SectionDraft.objects.get(user=coordinator).data["expected_results"] == ["Écrit pendant la relecture."]
    assert_nothing_written(draft)


# The pilot enters indicator values once the sheet is validated


def test_the_pilot_enters_an_indicator_value_per_year(coordinator_client, coordinator):
    item = sheet(group("DS"), status=Status.VALIDATED)
    indicator = Indicator.objects.create(sheet=item, label="Jeunes repérés", unit="jeunes", target=40)
    page = coordinator_client.get(edit_url(item, "evaluation"))
    assert "Valeur constatée" in text(page)
    response = post_section(
        coordinator_client,
        item,
        "evaluation",
        {"indicators-0-measure_year": "2016", "indicators-0-measure_value": "12,5"},
    )
    assert response.status_code == 302, error_summary(response)
    response = post_section(
        coordinator_client,
        item,
        "evaluation",
        {"indicators-0-measure_year": "2016", "indicators-0-measure_value": "15"},
    )
    assert response.status_code == 302, error_summary(response)
    measure = Measurement.objects.get(indicator=indicator)
    assert (measure.year, measure.value, measure.recorded_by) == (2016, Decimal("15"), coordinator)
    assert "mesures 2016 : 15,00" in SheetVersion.objects.latest("number").data["evaluation"]["Indicateurs"][0]
    assert "2016 : 15,00 jeunes" in text(coordinator_client.get(edit_url(item, "evaluation")))


def test_no_measurement_fields_before_the_copil(coordinator_client, draft):
    Indicator.objects.create(sheet=draft, label="Jeunes repérés")
    assert "indicators-0-measure_value" not in form_values(coordinator_client.get(edit_url(draft, "evaluation")))


# Rows added in place (htmx) or without JavaScript


def test_the_row_endpoint_returns_one_empty_row_with_its_index(coordinator_client, draft):
    structure("CCAS de Plaisir")
    response = coordinator_client.get(
        row_url(draft, "partenaires", "partners"), {"index": "3"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    row = html(response)
    assert row.find("legend").get_text(strip=True) == "Partenaire n° 4"
    select = row.find("input", attrs={"name": "partners-3-organisation", "type": "text"})  # a picker (issue 14)
    assert row.find("label", attrs={"for": select["id"]}).get_text(" ", strip=True).startswith("Structure")
    assert "CCAS de Plaisir" not in row.get_text()  # the structures are searched, never all listed
    assert row.find("input", attrs={"name": "partners-3-DELETE"})
    assert "<html" not in response.content.decode()


def test_the_row_endpoint_knows_only_the_rows_of_the_section(coordinator_client, draft):
    assert coordinator_client.get(row_url(draft, "partenaires", "budget_lines")).status_code == 404
    assert coordinator_client.get(row_url(draft, "inconnue", "partners")).status_code == 404
    assert coordinator_client.get(row_url(draft, "budget", "funding_lines")).status_code == 200


def test_add_a_row_without_javascript_keeps_what_was_typed_and_saves_nothing(coordinator_client, draft):
    org = structure("CCAS de Plaisir")
    response = post_section(
        coordinator_client,
        draft,
        "partenaires",
        {"partners-0-organisation": str(org.pk), "partners-0-role": "co_pilot", "ajouter": "partners"},
    )
    assert response.status_code == 200
    values = form_values(response)
    assert values["partners-TOTAL_FORMS"] == ["2"]
    assert [value for value in values["partners-0-organisation"] if value] == [str(org.pk)]  # + the picker's text
    assert "partners-1-role" in values
    assert html(response).find(id="error-summary") is None
    assert "Une ligne vide est ajoutée à « Partenaires associés »" in text(response)
    assert_nothing_written(draft)
    # the new row left empty is ignored at save time
    saved = post_section(coordinator_client, draft, "partenaires", page=response)
    assert saved.status_code == 302, error_summary(saved)
    assert draft.partners.count() == 1


def test_each_row_field_has_a_label_and_each_block_a_legend(coordinator_client, draft):
    for slug in ("partenaires", "budget", "calendrier", "evaluation", "pieces", "bilan"):
        page = html(coordinator_client.get(edit_url(draft, slug)))
        for block in page.select("fieldset[id$='-rows']"):
            assert block.find("legend").get_text(strip=True)
            for row in block.select("[data-editor-row]"):
                assert row.name == "fieldset" and row.find("legend")
        for field in page.select(
            "#section-form input:not([type=hidden]), #section-form select, #section-form textarea"
        ):
            if field.get("type") == "submit":
                continue
            assert page.find("label", attrs={"for": field["id"]}), (slug, field.get("name"))


# Query budgets


def grow_rows(item, related, count):
    for n in range(count):
        if related == "partners":
            ActionPartner.objects.create(sheet=item, organisation=structure(f"Structure {n}"), role="operational")
        elif related == "budget":
            BudgetLine.objects.create(sheet=item, year=2016, label=f"Poste {n}", planned=100)
            FundingLine.objects.create(sheet=item, funder=Funder.objects.first(), year=2016, amount=100)
        elif related == "calendrier":
            Milestone.objects.create(sheet=item, label=f"Étape {n}")
        elif related == "evaluation":
            indicator = Indicator.objects.create(sheet=item, label=f"Indicateur {n}")
            Measurement.objects.create(indicator=indicator, year=2016, value=n)
        elif related == "pieces":
            Attachment.objects.create(sheet=item, title=f"Pièce {n}", file=f"fiches/{item.pk}/x/{n}.pdf", size=10)
        elif related == "bilan":
            AnnualReview.objects.create(sheet=item, year=2000 + item.reviews.count(), qualitative="Bilan")


@pytest.mark.parametrize("slug", ["partenaires", "budget", "calendrier", "evaluation", "pieces", "bilan", "contenu"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.VALIDATED])
def test_a_section_costs_the_same_queries_with_1_and_10_rows(coordinator_client, slug, status):
    item = sheet(group("DS"), status=status)
    if status == Status.VALIDATED and slug in ("partenaires", "contenu"):
        return
    grow_rows(item, slug, 1)
    count = assert_query_budget(
        coordinator_client, edit_url(item, slug), budget=25, grow=lambda: grow_rows(item, slug, 9)
    )
    print(f"{slug} ({status}): {count} queries")


def test_a_nul_character_is_refused_and_left_out_of_the_draft(coordinator_client, coordinator, draft):
    """Found by the fuzzing (issue 13, finding 17): a NUL character made the kept draft unstorable in JSON (500)."""
    response = post_section(coordinator_client, draft, "objectifs", {"operational_objectives": "avant\x00après"})
    assert response.status_code == 200
    assert "empêche" in error_summary(response)
    stored = SectionDraft.objects.get(sheet=draft, user=coordinator, section="objectifs")
    assert stored.data["operational_objectives"] == ["avantaprès"]
    data = {**form_values(coordinator_client.get(edit_url(draft, "objectifs"))), "operational_objectives": ["x\x00y"]}
    autosaved = coordinator_client.post(draft_url(draft, "objectifs"), data, HTTP_X_REQUESTED_WITH="fetch")
    assert autosaved.status_code == 204
    assert SectionDraft.objects.get(pk=stored.pk).data["operational_objectives"] == ["xy"]


@pytest.mark.parametrize("version", ["2147483648", "2147483648.0", "99999999999999999999"])
def test_a_section_version_out_of_range_is_refused(coordinator_client, draft, version):
    """Found by the fuzzing (issue 13, finding 17): a version beyond the column's range was a 500."""
    response = post_section(coordinator_client, draft, "objectifs", {"base_version": version})
    assert response.status_code == 200
    assert "empêche" in error_summary(response)
    assert versions(draft) == 1
