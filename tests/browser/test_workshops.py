"""Working groups and sessions in a real browser: schedule, invite, answer, sign-in sheet, attendance, minutes."""

import io
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from partners.models import SentEmail
from tests.browser.conftest import assert_accessible, log_in, new_context
from tests.conftest import make_persona
from tests.workshops.factories import contact, group, member, mosaique
from workshops.models import Attendance, Invitation, Meeting, MembershipRole, Minutes

pytestmark = pytest.mark.browser
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def groups(transactional_db):
    """DS (animated by the partner persona) and IPJ, with one member in both; an outsider in neither."""
    from partners.models import Commune
    from solidarites.demo.partners import PLAISIR

    Commune.objects.create(**PLAISIR)
    mosaique()
    ds, ipj = group("DS"), group("IPJ")
    facilitator = make_persona("partner")
    member(ds, facilitator.contact, MembershipRole.FACILITATOR)
    shared = contact("Paul", "Partagé", "Mission locale")
    member(ds, shared)
    member(ipj, shared)
    for index, name in enumerate(["Lemaire", "Nguyen", "Da Silva"]):
        member(ipj if index else ds, contact("Membre", name, "Collège"))
    return {"ds": ds, "ipj": ipj, "facilitator": facilitator, "shared": shared}


def link_in(message, label):
    return re.search(rf"{label} : (http\S+)", message.body).group(1)


def test_session_from_scheduling_to_published_minutes(page, groups, browser, live_url):
    coordinator = make_persona("coordinator")
    log_in(page, coordinator)
    page.goto("/calendrier/")
    assert_accessible(page)
    page.get_by_role("link", name="Programmer une séance").click()

    # The form in its error state first: French messages, nothing lost.
    page.get_by_label("Intitulé").fill("Séance commune décrochage et insertion")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("Intitulé")).to_have_value("Séance commune décrochage et insertion")
    assert_accessible(page)

    day = timezone.localdate() + timedelta(days=14)
    page.get_by_label(groups["ds"].name).check()
    page.get_by_label(groups["ipj"].name).check()
    page.locator("#id_date").fill(day.isoformat())
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Heure de fin").fill("16:30")
    page.get_by_label("Lieu").select_option(label="La Mosaïque – maison des familles")
    page.get_by_label("Ordre du jour").fill("Accueil\nCellule de veille décrochage\nQuestions diverses")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Séance commune décrochage et insertion")
    assert_accessible(page)
    meeting = Meeting.objects.get()

    page.get_by_role("link", name="Envoyer les invitations").click()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer 5 invitations").click()
    expect(page.locator(".alert-success")).to_contain_text("5 invitations envoyées")

    # Every member once (the one in both groups too), each with an ICS at 14:00 in Paris.
    recipients = sorted(message.to[0] for message in mail.outbox)
    expected = sorted(
        {membership.contact.email for g in (groups["ds"], groups["ipj"]) for membership in g.memberships.all()}
    )
    assert recipients == expected and len(expected) == 5
    assert SentEmail.objects.filter(subject__startswith="Invitation").count() == 5
    for message in mail.outbox:
        event = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
        start = event.decoded("dtstart").astimezone(PARIS)
        assert (start.date(), start.hour, start.minute) == (day, 14, 0)

    # A partner answers from the e-mail without logging in, then changes the answer.
    paul = next(message for message in mail.outbox if message.to == [groups["shared"].email])
    guest = new_context(browser, live_url).new_page()
    guest.goto(link_in(paul, "Je viens"))
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Répondre à l'invitation")
    expect(guest.get_by_label("Je viens")).to_be_checked()
    assert_accessible(guest)
    guest.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(guest.locator("#current-answer")).to_contain_text("Je viens")
    # One answer per link (issue 13, finding 8): the e-mail's other links are used too; a new link comes by e-mail.
    guest.goto(link_in(paul, "Je me fais représenter"))
    expect(guest.locator("main")).to_contain_text("Ce lien a déjà servi à répondre")
    expect(guest.locator("input[name=answer]")).to_have_count(0)
    assert_accessible(guest)
    sent = len(mail.outbox)
    guest.get_by_role("button", name="M'envoyer un nouveau lien").click()
    expect(guest.locator("main")).to_contain_text("Un nouveau lien de réponse vient d'être envoyé")
    assert len(mail.outbox) == sent + 1 and mail.outbox[-1].to == [groups["shared"].email]
    guest.goto(link_in(mail.outbox[-1], "Je me fais représenter"))
    guest.get_by_role("button", name="Enregistrer ma réponse").click()  # represented, without a name
    expect(guest.locator("#error-summary")).to_contain_text("Indiquez qui vous représentera.")
    assert_accessible(guest)
    guest.get_by_label("Représenté ou représentée par").fill("Léa Suppléante, conseillère")
    guest.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(guest.locator("#current-answer")).to_contain_text("Léa Suppléante")
    guest.context.close()
    invitation = Invitation.objects.get(contact=groups["shared"])
    assert (invitation.answer, invitation.represented_by) == ("represented", "Léa Suppléante, conseillère")

    # The organiser sees the answers.
    page.reload()
    expect(page.locator("#answers")).to_contain_text("Léa Suppléante")

    # The facilitator prints the sign-in sheet and takes attendance.
    page.context.clear_cookies()
    log_in(page, groups["facilitator"])
    page.goto(meeting.get_absolute_url())
    sheet = page.get_by_role("link", name="Feuille d'émargement (PDF)").get_attribute("href")
    pdf = page.request.get(sheet)
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    for invited in Invitation.objects.select_related("contact"):
        assert f"{invited.contact.last_name.upper()} {invited.contact.first_name}" in text
    assert "La Mosaïque" in text

    Meeting.objects.filter(pk=meeting.pk).update(  # the day has come
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    page.get_by_role("link", name="Faire l'émargement").click()
    assert_accessible(page)
    for person in ["Paula Partenaire", "Membre Lemaire"]:
        page.get_by_role("group", name=f"Présence de {person}").get_by_label("Présent ou présente").check()
    page.get_by_role("group", name="Présence de Paul Partagé").get_by_label("Représenté ou représentée").check()
    page.get_by_role("button", name="Enregistrer l'émargement").click()
    expect(page.locator("#error-summary")).to_contain_text("Indiquez qui a représenté cette personne.")
    assert_accessible(page)
    page.get_by_label("Représenté ou représentée par (pour Paul Partagé)").fill("Léa Suppléante")
    page.get_by_role("button", name="Enregistrer l'émargement").click()
    expect(page.locator(".alert-success")).to_contain_text("Émargement enregistré")
    assert Attendance.objects.filter(status="present").count() == 2
    page.get_by_role("link", name="Ajouter une personne venue sans invitation").click()
    assert_accessible(page)

    # Minutes: two decisions, one follow-up task; a draft first.
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Compte rendu").click()
    page.get_by_label("Synthèse des échanges").fill("Les partenaires partagent leurs repérages.")
    page.get_by_label("Décisions").fill(
        "Créer une cellule de veille mensuelle\nAssocier le collège au prochain groupe"
    )
    page.locator("#id_suites-0-what").fill("Envoyer la liste des référents")
    page.locator("#id_suites-0-who").fill("Paula Partenaire")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".alert-success")).to_contain_text("Le compte rendu est enregistré")
    assert_accessible(page)

    # A partner of another group cannot see the meeting, let alone the draft.
    outsider = new_context(browser, live_url).new_page()
    log_in(outsider, make_persona("outsider"))
    assert outsider.goto(meeting.get_absolute_url()).status == 404
    assert outsider.goto(f"/seances/{meeting.pk}/compte-rendu.pdf").status == 404
    outsider.context.close()

    page.get_by_role("button", name="Publier le compte rendu").click()
    expect(page.locator(".alert-success")).to_contain_text("Le compte rendu est publié")
    minutes = Minutes.objects.get()
    assert minutes.is_published and minutes.decisions.count() == 2 and minutes.tasks.count() == 1
    assert SentEmail.objects.filter(subject__startswith="Compte rendu publié").count() == 5
    expect(page.locator("#minutes-title").locator("..")).to_contain_text("Associer le collège au prochain groupe")


def test_group_pages_and_calendar_views_are_accessible(page, groups):
    log_in(page, groups["facilitator"])
    for path in [
        "/groupes/",
        groups["ds"].get_absolute_url(),
        f"/groupes/{groups['ds'].pk}/membres/ajouter/",
        "/calendrier/?vue=liste",
        "/calendrier/abonnement/",
        "/mon-espace/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/calendrier/abonnement/")
    page.get_by_role("button", name="Créer mon lien d'abonnement").click()
    expect(page.get_by_label("Adresse de votre calendrier")).to_have_value(re.compile(r"/calendrier/flux/.+\.ics$"))
    assert_accessible(page)
    page.goto(f"/groupes/{groups['ds'].pk}/membres/ajouter/")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)
    # The facilitator of DS is refused on IPJ's management pages (not a member there: not even visible).
    assert page.goto(f"/groupes/{groups['ipj'].pk}/membres/ajouter/").status == 404


def test_coordinator_pages_and_error_states_are_accessible(page, groups):
    from tests.workshops.factories import meeting

    session = meeting(groups["ds"], groups["ipj"], title="Séance de préparation")
    log_in(page, make_persona("coordinator"))
    for path in [
        "/calendrier/",
        "/seances/participation/",
        f"/seances/{session.pk}/modifier/",
        f"/seances/{session.pk}/annuler/",
        f"/seances/{session.pk}/compte-rendu/",
        f"/seances/{session.pk}/presences/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/seances/{session.pk}/documents/ajouter/")
    page.get_by_label("Titre").fill("Ordre du jour")
    page.get_by_label("Fichier").set_input_files(
        {"name": "odj.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}
    )
    page.get_by_role("button", name="Joindre").click()
    expect(page.locator("#error-summary")).to_contain_text("Format non accepté")
    expect(page.get_by_label("Titre")).to_have_value("Ordre du jour")
    assert_accessible(page)
    page.goto(f"/seances/{session.pk}/presences/sans-invitation/")
    page.get_by_role("button", name="Inscrire comme présente").click()
    expect(page.locator("#error-summary")).to_contain_text("Choisissez un interlocuteur de l'annuaire")
    assert_accessible(page)
    response = page.goto("/reponse/jeton-modifie/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Lien de réponse non valide")
    assert_accessible(page)
