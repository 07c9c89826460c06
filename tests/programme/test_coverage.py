"""Need → action coverage: the needs of the diagnostic with the fiches that answer them (uncovered first), the
share per axis, what each persona sees, the export read back, the query budget; and linking a finding to
fiches from the finding's side, through each fiche's history."""

import csv
import io

import pytest
import tablib
from django.urls import reverse

from actionsheets import services
from actionsheets.models import SectionDraft, SheetVersion, Status
from partners.models import AuditEntry, Axis, Contact
from tests.actionsheets.factories import sheet
from tests.utils import assert_query_budget, html
from tests.workshops.factories import group, member
from workshops.enums import FindingKind, FindingSource, MembershipRole
from workshops.models import Finding

pytestmark = pytest.mark.django_db
URL = reverse("programme:coverage")


def finding(code, title, kind=FindingKind.NEED, position=0):
    return Finding.objects.create(
        axis=Axis.objects.get(code=code), kind=kind, source=FindingSource.PARTNERS, title=title, position=position
    )


@pytest.fixture
def diagnostic():
    """DS: a need answered by a draft of DS, a weakness no fiche answers, a strength (not a need). HAB: a need
    answered by a validated fiche, another answered by a draft of HAB only."""
    ds, hab = group("DS"), group("HAB")
    draft_ds = sheet(ds, "Cellule de veille")
    submitted_ds = sheet(ds, "Accueil des exclus", status=Status.SUBMITTED)
    validated_hab = sheet(hab, "Permanences logement", status=Status.VALIDATED)
    draft_hab = sheet(hab, "Relogement")
    needs = {
        "veille": finding("DS", "Repérer les décrocheurs", position=1),
        "exclus": finding("DS", "Accueillir les exclus", FindingKind.WEAKNESS, position=2),
        "atout": finding("DS", "Une réussite éducative ancienne", FindingKind.STRENGTH, position=0),
        "logement": finding("HAB", "Informer sur le logement", position=1),
        "relogement": finding("HAB", "Accompagner le relogement", position=2),
    }
    draft_ds.findings.add(needs["veille"])
    validated_hab.findings.add(needs["logement"])
    draft_hab.findings.add(needs["relogement"])
    return {
        **needs,
        "draft_ds": draft_ds,
        "submitted_ds": submitted_ds,
        "validated_hab": validated_hab,
        "draft_hab": draft_hab,
    }


@pytest.fixture
def facilitator(persona_client):
    """The partner persona, animating the group DS."""
    client = persona_client("partner")
    member(group("DS"), Contact.objects.get(user=client.user), MembershipRole.FACILITATOR)
    return client


def rows(page):
    """[(finding, axis, [fiches], [linked fiches])] of the coverage table."""
    found = []
    for tr in page.select("table.align-top tbody tr"):
        tds = tr.find_all("td")
        sheets = [li.get_text(" ", strip=True) for li in tds[2].select("li")]
        links = [a.get_text(" ", strip=True) for a in tds[2].select("a")]
        found.append((tr.th.strong.get_text(strip=True), tds[0].get_text(strip=True), sheets, links))
    return found


def test_uncovered_needs_come_first_and_strengths_are_left_out(diagnostic, coordinator_client):
    found = rows(html(coordinator_client.get(URL)))
    assert [row[0] for row in found] == [
        "Accueillir les exclus",
        "Repérer les décrocheurs",
        "Informer sur le logement",
        "Accompagner le relogement",
    ]
    assert found[0][2] == []
    code = diagnostic["draft_ds"].code
    assert found[1][2] == [f"{code} – Cellule de veille"] == found[1][3]
    page = html(coordinator_client.get(URL))
    assert "Aucune fiche" in page.select_one("table.align-top tbody tr").get_text()
    assert "4 besoins ou fragilités, dont 1 sans aucune fiche." in " ".join(page.get_text(" ").split())


def test_coverage_per_axis_with_its_chart_and_table(diagnostic, coordinator_client):
    page = html(coordinator_client.get(URL))
    table = {
        tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in page.select("table.coverage-per-axis tbody tr")
    }
    assert table["DS – Décrochage scolaire"] == ["2", "1", "50\xa0%"]
    assert table["HAB – Habitat"] == ["2", "2", "100\xa0%"]
    assert table["SEN – Seniors"] == ["0", "0", "—"]
    chart = page.select_one("svg.coverage-chart")
    assert chart["role"] == "img" and chart.title.get_text() == "Couverture des besoins par axe"
    assert "DS : 50 % (1 sur 2)." in " ".join(chart.desc.get_text().split())
    assert page.select_one("figure figcaption")


@pytest.mark.parametrize(
    ("persona", "uncovered", "linked"),
    [
        # partners count the validated fiches and those of their groups: the draft of HAB is not theirs
        ("partner", ["Accueillir les exclus", "Accompagner le relogement"], ["veille", "logement"]),
        # readers count every fiche, open only the validated ones
        ("reader", ["Accueillir les exclus"], ["logement"]),
        ("outsider", ["Repérer les décrocheurs", "Accueillir les exclus", "Accompagner le relogement"], ["logement"]),
        ("coordinator", ["Accueillir les exclus"], ["veille", "logement", "relogement"]),
    ],
)
def test_each_persona_counts_and_opens_the_fiches_it_may(diagnostic, persona_client, persona, uncovered, linked):
    client = persona_client(persona)
    if persona == "partner":
        member(group("DS"), Contact.objects.get(user=client.user))
    found = rows(html(client.get(URL)))
    assert [row[0] for row in found if not row[2]] == uncovered
    opened = {title for title, _, _, links in found if links}
    assert opened == {diagnostic[key].title for key in linked}
    listed = [fiche for row in found for fiche in row[2]]
    if persona == "reader":  # the draft of DS is counted, not linked, and its title not shown
        assert f"{diagnostic['draft_ds'].code} (fiche non validée)" in listed
        assert not any("Cellule de veille" in fiche for fiche in listed)
    if persona in ("partner", "outsider"):
        assert not any("Relogement" in fiche for fiche in listed)


def test_filter_by_axis(diagnostic, coordinator_client):
    found = rows(html(coordinator_client.get(f"{URL}?axe=HAB")))
    assert [row[0] for row in found] == ["Informer sur le logement", "Accompagner le relogement"]
    assert {row[1] for row in found} == {"HAB"}
    assert len(rows(html(coordinator_client.get(f"{URL}?axe=<script>")))) == 4  # unknown: every axis


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ods"])
@pytest.mark.parametrize(("persona", "query"), [("coordinator", ""), ("coordinator", "?axe=DS"), ("reader", "")])
def test_the_export_gives_the_rows_of_the_page(diagnostic, persona_client, persona, fmt, query):
    client = persona_client(persona)
    found = rows(html(client.get(URL + query)))
    response = client.get(reverse("programme:coverage_export", args=[fmt]) + query)
    assert response.status_code == 200 and "couverture-besoins" in response["Content-Disposition"]
    if fmt == "csv":
        exported = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        dataset = tablib.Dataset().load(response.content, format=fmt)
        exported = [list(dataset.headers)] + [["" if v is None else str(v) for v in row] for row in dataset]
    assert exported[0] == ["Axe", "Nature", "Constat", "Source", "Fiches qui y répondent", "Fiches"]
    page_rows = [(title, axis, " ; ".join(fiches), str(len(fiches))) for title, axis, fiches, _ in found]
    export_rows = [(row[2], row[0].split(" – ")[0], row[5], str(int(float(row[4])))) for row in exported[1:]]
    assert export_rows == page_rows


def test_query_budget_does_not_grow_with_the_needs(coordinator_client):
    ds = group("DS")
    finding("DS", "Un premier besoin").sheets.add(sheet(ds, "Fiche 0"))

    def grow():
        for n in range(1, 10):
            need = finding("HAB" if n % 2 else "DS", f"Besoin {n}")
            if n % 3:
                need.sheets.add(sheet(ds, f"Fiche {n}"), sheet(group("HAB"), f"Fiche logement {n}"))

    # session and user, per-axis coverage, the needs, their fiches, those the user may open; the session's
    # renewal (savepoint, update, release)
    queries = assert_query_budget(coordinator_client, URL, budget=9, grow=grow)
    print(f"coverage: {queries} queries with 1 and with 10 needs")


# Linking a finding to fiches, from the finding's side


def sheets_url(item):
    return reverse("programme:finding_sheets", args=[item.pk])


def test_the_form_offers_the_fiches_the_user_may_change(diagnostic, facilitator):
    page = html(facilitator.get(sheets_url(diagnostic["veille"])))
    offered = {box["value"]: box.has_attr("checked") for box in page.select("input[name=sheets]")}
    # the draft of DS (already linked: ticked); not the submitted fiche, which can no longer change
    assert offered == {str(diagnostic["draft_ds"].pk): True}
    assert page.find("label", string=lambda text: text and "Cellule de veille (brouillon)" in text)


def test_a_link_is_saved_in_the_fiche_history(diagnostic, facilitator):
    draft = diagnostic["draft_ds"]
    before = SheetVersion.objects.filter(sheet=draft).count()
    response = facilitator.post(sheets_url(diagnostic["exclus"]), {"sheets": [draft.pk]})
    assert response.status_code == 302
    assert response.url == reverse("programme:coverage") + f"#constat-{diagnostic['exclus'].pk}"
    assert set(draft.findings.all()) == {diagnostic["veille"], diagnostic["exclus"]}
    version = SheetVersion.objects.filter(sheet=draft).latest("number")
    assert SheetVersion.objects.filter(sheet=draft).count() == before + 1
    assert version.section == "contexte" and version.saved_by == facilitator.user
    draft.refresh_from_db()
    assert draft.section_versions["contexte"] == 1
    assert AuditEntry.objects.about(draft).filter(message="Section « Constat et objectif général »").exists()
    assert AuditEntry.objects.about(diagnostic["exclus"]).get().message == f"Fiches : {draft.code} liée"
    follow = facilitator.get(response.url)
    assert "ont été enregistrées (liées : " in follow.content.decode()


def test_unticking_a_fiche_unlinks_it(diagnostic, coordinator_client):
    draft = diagnostic["draft_ds"]
    response = coordinator_client.post(sheets_url(diagnostic["veille"]), {})
    assert response.status_code == 302
    assert not draft.findings.exists()
    assert SheetVersion.objects.filter(sheet=draft, section="contexte").count() == 1


def test_saving_without_a_change_records_nothing(diagnostic, coordinator_client):
    draft = diagnostic["draft_ds"]
    coordinator_client.post(sheets_url(diagnostic["veille"]), {"sheets": [draft.pk]})
    assert not SheetVersion.objects.filter(sheet=draft, section="contexte").exists()
    assert not AuditEntry.objects.about(diagnostic["veille"]).exists()


def test_a_fiche_one_may_not_change_gets_an_error_next_to_the_field_and_nothing_is_lost(diagnostic, facilitator):
    draft, submitted = diagnostic["draft_ds"], diagnostic["submitted_ds"]
    response = facilitator.post(sheets_url(diagnostic["exclus"]), {"sheets": [draft.pk, submitted.pk]})
    assert response.status_code == 200
    page = html(response)
    summary = page.select_one("#error-summary").get_text(" ", strip=True)
    assert f"Vous ne pouvez pas lier la fiche {submitted.code} à ce constat" in summary
    field = page.select_one("#div_id_sheets")
    assert f"Vous ne pouvez pas lier la fiche {submitted.code}" in field.get_text()
    ticked = {box["value"] for box in page.select("input[name=sheets][checked]")}
    assert ticked == {str(draft.pk), str(submitted.pk)}  # what was ticked is kept
    assert not diagnostic["exclus"].sheets.exists()  # nothing saved


def test_readers_and_people_who_may_change_no_fiche_of_the_axis_get_403(diagnostic, persona_client, facilitator):
    assert facilitator.get(sheets_url(diagnostic["logement"])).status_code == 403
    assert persona_client("reader").get(sheets_url(diagnostic["veille"])).status_code == 403


def test_the_coverage_links_to_the_form_for_those_who_write_fiches(diagnostic, facilitator, persona_client):
    href = sheets_url(diagnostic["veille"])
    assert html(facilitator.get(URL)).find("a", href=href)
    assert not html(persona_client("reader").get(URL)).find("a", href=href)


def test_linking_keeps_the_editor_draft_of_the_section(diagnostic, coordinator):
    draft = diagnostic["draft_ds"]
    services.save_draft(by=coordinator, sheet=draft, section="contexte", data={"context": ["Tapé"]}, base_version=0)
    services.link_finding(by=coordinator, finding=diagnostic["exclus"], add=[draft])
    kept = SectionDraft.objects.get(sheet=draft, user=coordinator, section="contexte")
    draft.refresh_from_db()
    assert kept.base_version < services.section_version(draft, "contexte")  # the editor shows it as older


def test_a_fiche_locked_meanwhile_saves_nothing(diagnostic, coordinator):
    draft, other = diagnostic["draft_ds"], sheet(group("DS"), "Autre brouillon")
    services.move(by=None, sheet=other, action="submit", notify=False)
    with pytest.raises(services.SectionLocked):
        services.link_finding(by=coordinator, finding=diagnostic["exclus"], add=[draft, other])
    assert not diagnostic["exclus"].sheets.exists()


def test_the_form_query_budget_does_not_grow_with_the_fiches(diagnostic, facilitator):
    def grow():
        for n in range(9):
            sheet(group("DS"), f"Brouillon {n}", by=facilitator.user).findings.add(diagnostic["veille"])

    # session and user, the finding, the fiches and their co-authors, the person's contacts and groups
    queries = assert_query_budget(facilitator, sheets_url(diagnostic["veille"]), budget=12, grow=grow)
    print(f"finding → fiches form: {queries} queries with 1 and with 10 fiches")
