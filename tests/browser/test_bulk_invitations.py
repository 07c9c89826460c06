"""Invitations in bulk in a real browser: audiences ticked, preview, sending; axe on the preview and error states."""

from datetime import datetime

import pytest
from django.core import mail
from playwright.sync_api import expect

from partners.models import Contact, Neighbourhood, Organisation, OrganisationType
from tests.browser.conftest import assert_accessible, assert_reflows, log_in
from tests.conftest import make_persona
from tests.workshops.factories import group, meeting, member, mosaique
from workshops.models import Attendance, Invitation

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(transactional_db):
    """Le Valibout's three structures (one main interlocutor without an address), the partners' day of 9 April
    2015 with two participants (one of them also Le Valibout's), and a session of DS to come with one member."""
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR
    from solidarites.demo.workshops import PARIS

    Commune.objects.create(**PLAISIR)
    mosaique()
    valibout = Neighbourhood.objects.create(name="Le Valibout", is_qpv=True)
    kind = OrganisationType.objects.get(code="asso_quartier")
    primaries = []
    for name, email in [("Centre social", "centre@example.org"), ("Amicale", "amicale@example.org"), ("Régie", "")]:
        place = Organisation.objects.create(name=f"{name} du Valibout", type=kind)
        place.neighbourhoods.set([valibout])
        primaries.append(
            Contact.objects.create(organisation=place, first_name="Main", last_name=name, email=email, is_primary=True)
        )
        colleague = f"autre{len(primaries)}@example.org"
        Contact.objects.create(organisation=place, first_name="Autre", last_name=name, email=colleague)
    ds = group("DS")
    mona = Contact.objects.create(organisation=place, first_name="Mona", last_name="Membre", email="m@example.org")
    member(ds, mona)
    day = meeting(
        ds,
        title="Journée partenariale",
        starts_at=datetime(2015, 4, 9, 9, tzinfo=PARIS),
        ends_at=datetime(2015, 4, 9, 16, 30, tzinfo=PARIS),
    )
    venu = Contact.objects.create(organisation=place, first_name="Vic", last_name="Venu", email="v@example.org")
    Attendance.objects.create(meeting=day, contact=venu, status="present")
    Attendance.objects.create(meeting=day, contact=primaries[0], status="present")
    return {"session": meeting(ds, title="Séance plénière de juin")}


def test_coordinator_invites_a_neighbourhood_and_the_partners_day_after_a_preview(page, directory):
    log_in(page, make_persona("coordinator"))
    page.goto(f"/seances/{directory['session'].pk}/inviter/")
    expect(page.locator("#preview-count")).to_contain_text("1 personne recevra une invitation")
    page.get_by_label("Le Valibout (QPV)").check()
    page.get_by_label("Les participants d'une séance passée").select_option(
        label="09/04/2015 – Journée partenariale (2 participants)"
    )
    page.get_by_role("button", name="Voir l'aperçu").click()
    # Mona (member), the two main interlocutors with an address, Vic (participant); the centre's once.
    expect(page.locator("#preview-count")).to_contain_text("4 personnes recevront une invitation")
    expect(page.locator("#without-email")).to_contain_text("1 personne sans adresse e-mail")
    expect(page.get_by_label("Le Valibout (QPV)")).to_be_checked()
    assert_accessible(page, every_impact=True)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Envoyer 4 invitations").click()
    expect(page.locator(".alert-success")).to_contain_text("4 invitations envoyées")
    assert Invitation.objects.filter(meeting=directory["session"]).count() == 4
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amicale@example.org",
        "centre@example.org",
        "m@example.org",
        "v@example.org",
    ]


def test_choosing_nobody_is_explained_and_accessible(page, directory):
    log_in(page, make_persona("coordinator"))
    page.goto(f"/seances/{directory['session'].pk}/inviter/")
    assert_accessible(page, every_impact=True)
    page.get_by_label("Tous les membres des groupes concernés").uncheck()
    page.get_by_role("button", name="Voir l'aperçu").click()
    expect(page.locator("#error-summary")).to_contain_text("Choisissez au moins un public à inviter.")
    expect(page.get_by_label("Tous les membres des groupes concernés")).not_to_be_checked()
    assert_accessible(page, every_impact=True)
    assert not Invitation.objects.exists()
