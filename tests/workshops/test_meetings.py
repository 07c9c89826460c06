import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from partners.models import AuditEntry, SentEmail
from tests.partners.factories import UserFactory
from tests.utils import assert_query_budget, html
from tests.workshops.factories import contact, group, meeting, member
from workshops import services
from workshops.models import Attendance, Invitation, Meeting, MembershipRole, Minutes
from workshops.tokens import make_token

# E-mails leave after commit (transaction.on_commit): the tests that read them run the callbacks with
# django_capture_on_commit_callbacks(execute=True), as the commit would.
pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def setting(db, coordinator):
    """Two groups sharing one member, a facilitator with an account, and a session for both groups."""
    ds, ipj = group("DS"), group("IPJ")
    anna = contact("Anna", "Animatrice", "Ville de Test")
    anna.user = UserFactory(email="anna@example.org")
    anna.save()
    member(ds, anna, MembershipRole.FACILITATOR)
    shared = contact("Paul", "Partagé")
    member(ds, shared)
    member(ipj, shared)
    for index in range(3):
        member(ipj, contact("Membre", f"Numéro{index}"))
    member(ipj, contact("Sans", "Courriel", email=""))
    session = meeting(ds, ipj, title="Séance commune DS et IPJ", agenda="Accueil\nCellule de veille\n- Suites")
    return {"ds": ds, "ipj": ipj, "anna": anna, "shared": shared, "meeting": session, "coordinator": coordinator}


def ics_of(message):
    name, content, mimetype = message.attachments[0]
    assert name == "seance.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_invitations_reach_every_member_once_with_an_ics_in_paris_time(setting, django_capture_on_commit_callbacks):
    session = setting["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.send_invitations(by=setting["coordinator"], meeting=session)
    assert sent == 5  # Anna, Paul (in both groups, once) and the three members; not the one without e-mail
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == len(set(recipients)) == 5
    assert SentEmail.objects.filter(subject__startswith="Invitation :").count() == 5
    event = ics_of(mail.outbox[0]).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(PARIS) == session.starts_at.astimezone(PARIS)
    assert event.decoded("dtstart").astimezone(PARIS).hour == 14
    assert str(event["uid"]).startswith(str(session.uid)) and int(event["sequence"]) == 0
    assert "La Mosaïque" in str(event["location"])
    body = mail.outbox[0].body
    assert "Je viens : http" in body and "Cellule de veille" in body
    # Sending again invites nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_invitations(by=setting["coordinator"], meeting=session) == 0
    assert len(mail.outbox) == 5


def test_rescheduling_sends_an_update_with_the_same_uid_and_a_new_sequence(
    setting, django_capture_on_commit_callbacks
):
    session = setting["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(by=setting["coordinator"], meeting=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            by=setting["coordinator"],
            meeting=session,
            version=session.version,
            changes={
                "starts_at": session.starts_at + timedelta(hours=1),
                "ends_at": session.ends_at + timedelta(hours=1),
            },
        )
    assert len(mail.outbox) == 5 and mail.outbox[0].subject.startswith("Modification")
    event = ics_of(mail.outbox[0]).walk("VEVENT")[0]
    assert str(event["uid"]).startswith(str(session.uid)) and int(event["sequence"]) == 1
    assert event.decoded("dtstart").astimezone(PARIS).hour == 15
    # A change of agenda only does not disturb anybody.
    mail.outbox.clear()
    session.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            by=setting["coordinator"], meeting=session, version=session.version, changes={"agenda": "Autre"}
        )
    assert mail.outbox == []


def test_cancelling_sends_a_cancel_ics(setting, django_capture_on_commit_callbacks):
    session = setting["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(by=setting["coordinator"], meeting=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(by=setting["coordinator"], meeting=session, reason="Salle indisponible")
    assert len(mail.outbox) == 5 and "Salle indisponible" in mail.outbox[0].body
    calendar = ics_of(mail.outbox[0])
    assert calendar["method"] == "CANCEL" and calendar.walk("VEVENT")[0]["status"] == "CANCELLED"
    assert int(calendar.walk("VEVENT")[0]["sequence"]) == 1


def rsvp_url(invitation, answer=""):
    return reverse("workshops:rsvp", args=[make_token(invitation, answer)])


def test_answer_through_the_link_without_logging_in_then_change_it(client, setting):
    services.send_invitations(by=setting["coordinator"], meeting=setting["meeting"])
    invitation = Invitation.objects.get(contact=setting["shared"])
    page = client.get(rsvp_url(invitation, "yes"))
    assert page.status_code == 200
    assert html(page).select_one("input[value=yes]").has_attr("checked")
    action = html(page).select_one("main form")["action"]
    response = client.post(action, {"answer": "yes"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == "yes" and invitation.answered_at
    # Changed later through a new link (one answer per link, issue 13 finding 8: the page it lands on refuses).
    refused = client.post(response.url, {"answer": "represented", "represented_by": "Léa Suppléante, adjointe"})
    assert refused.status_code == 409
    invitation.refresh_from_db()
    client.post(rsvp_url(invitation), {"answer": "represented", "represented_by": "Léa Suppléante, adjointe"})
    invitation.refresh_from_db()
    assert (invitation.answer, invitation.represented_by) == ("represented", "Léa Suppléante, adjointe")
    assert AuditEntry.objects.filter(verb="answered").count() == 2


def test_represented_without_a_name_keeps_the_form_with_a_message(client, setting):
    services.send_invitations(by=setting["coordinator"], meeting=setting["meeting"])
    invitation = Invitation.objects.get(contact=setting["shared"])
    response = client.post(rsvp_url(invitation), {"answer": "represented"})
    assert response.status_code == 200
    assert "Indiquez qui vous représentera." in html(response).get_text()
    invitation.refresh_from_db()
    assert invitation.answer == "pending"


def test_used_expired_tampered_and_cancelled_links_change_nothing(client, setting):
    services.send_invitations(by=setting["coordinator"], meeting=setting["meeting"])
    invitation = Invitation.objects.get(contact=setting["shared"])
    old = rsvp_url(invitation, "no")
    client.post(old, {"answer": "yes"})
    # Used: the old link's form is refused, the answer stays.
    response = client.post(old, {"answer": "no"}, follow=True)
    assert "Ce lien a déjà servi : rien n'a été changé." in html(response).get_text()
    invitation.refresh_from_db()
    assert invitation.answer == "yes"
    assert "Ce lien a déjà servi à répondre" in html(client.get(old)).get_text()
    # Tampered.
    token = make_token(invitation)
    response = client.get(reverse("workshops:rsvp", args=[token[:-3] + "abc"]))
    assert response.status_code == 404 and "Lien de réponse non valide" in html(response).get_text()
    # Expired: the meeting has started.
    Meeting.objects.filter(pk=invitation.meeting_id).update(
        starts_at=timezone.now() - timedelta(minutes=5), ends_at=timezone.now() + timedelta(hours=1)
    )
    response = client.post(rsvp_url(invitation), {"answer": "no"})
    assert response.status_code == 410 and "Les réponses sont closes" in html(response).get_text()
    # Cancelled.
    services.cancel_meeting(by=setting["coordinator"], meeting=invitation.meeting)
    response = client.post(rsvp_url(invitation), {"answer": "no"})
    assert response.status_code == 410 and "Séance annulée" in html(response).get_text()
    invitation.refresh_from_db()
    assert invitation.answer == "yes"


def test_reminders_go_the_day_before_to_those_who_did_not_answer_once(setting, django_capture_on_commit_callbacks):
    session = setting["meeting"]
    with django_capture_on_commit_callbacks(execute=True):  # the invitations leave the outbox first
        services.send_invitations(by=setting["coordinator"], meeting=session)
    services.answer_invitation(invitation=Invitation.objects.get(contact=setting["shared"]), answer="yes")
    mail.outbox.clear()
    day_before = session.starts_at - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(now=day_before) == 4
    assert {message.subject.split(" ")[0] for message in mail.outbox} == {"Rappel"}
    assert setting["shared"].email not in [message.to[0] for message in mail.outbox]
    assert services.send_reminders(now=day_before) == 0  # once only
    assert services.send_reminders(now=session.starts_at - timedelta(days=3)) == 0


def test_sign_in_sheet_pdf_lists_invitees_by_organisation(client, setting):
    services.send_invitations(by=setting["coordinator"], meeting=setting["meeting"])
    client.force_login(setting["anna"].user)
    response = client.get(reverse("workshops:attendance_sheet", args=[setting["meeting"].pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for name in ["ANIMATRICE Anna", "PARTAGÉ Paul", "NUMÉRO0 Membre", "Ville de Test", "Signature"]:
        assert name in text
    assert "Séance commune DS et IPJ" in text and "La Mosaïque" in text
    assert "Personnes non inscrites" in text
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())  # tagged PDF


def attendance_data(rows):
    """The POST of the check-in formset: one form per (contact, status, represented_by)."""
    data = {"presence-TOTAL_FORMS": len(rows), "presence-INITIAL_FORMS": len(rows)}
    for index, (person, status, represented_by) in enumerate(rows):
        data |= {
            f"presence-{index}-contact": person.pk,
            f"presence-{index}-status": status,
            f"presence-{index}-represented_by": represented_by,
        }
    return data


def test_check_in_records_statuses_and_walk_ins(client, setting):
    session = setting["meeting"]
    services.send_invitations(by=setting["coordinator"], meeting=session)
    client.force_login(setting["anna"].user)
    url = reverse("workshops:attendance", args=[session.pk])
    shared, anna = setting["shared"], setting["anna"]
    rows = [(shared, "represented", ""), (anna, "present", "")]
    response = client.post(url, attendance_data(rows))
    assert response.status_code == 200  # represented without a name: refused, nothing saved
    assert "Indiquez qui a représenté cette personne." in html(response).get_text()
    assert html(response).select_one(f"#presence-{anna.pk}-present").has_attr("checked")  # kept
    assert Attendance.objects.count() == 0
    client.post(url, attendance_data([(shared, "represented", "Léa"), (anna, "present", "")]))
    assert dict(Attendance.objects.values_list("contact__last_name", "status")) == {
        "Partagé": "represented",
        "Animatrice": "present",
    }
    response = client.post(
        reverse("workshops:walk_in", args=[session.pk]),
        {"organisation": shared.organisation.pk, "first_name": "Nina", "last_name": "Imprévue"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get(contact__last_name="Imprévue").is_walk_in


def test_minutes_draft_then_publish_e_mails_the_members(client, setting, django_capture_on_commit_callbacks):
    session = setting["meeting"]
    client.force_login(setting["anna"].user)
    url = reverse("workshops:minutes_edit", args=[session.pk])
    data = {
        "version": 0,
        "summary": "Échanges sur la cellule de veille.",
        "decisions": "Créer une cellule de veille\n- Réunir le groupe en juin",
        "suites-TOTAL_FORMS": 2,
        "suites-INITIAL_FORMS": 0,
        "suites-0-what": "Envoyer la liste des référents",
        "suites-0-who": "Anna Animatrice",
        "suites-0-due_on": "2030-06-01",
        "suites-1-what": "",
    }
    assert client.post(url, data).status_code == 302
    minutes = Minutes.objects.get(meeting=session)
    assert [decision.text for decision in minutes.decisions.all()] == [
        "Créer une cellule de veille",
        "Réunir le groupe en juin",
    ]
    assert minutes.tasks.get().who == "Anna Animatrice"
    # A second person saving from the same old form: conflict, their text kept.
    response = client.post(url, {**data, "summary": "Ma version"})
    assert response.status_code == 200 and html(response).select_one("#conflict")
    assert html(response).select_one("#id_summary").get_text().strip() == "Ma version"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workshops:minutes_publish", args=[session.pk]))
    minutes.refresh_from_db()
    assert minutes.is_published
    assert len(mail.outbox) == 5 and "Compte rendu publié" in mail.outbox[0].subject
    pdf = client.get(reverse("workshops:minutes_pdf", args=[session.pk]))
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Créer une cellule de veille" in text and "Envoyer la liste des référents" in text


def test_draft_minutes_are_for_facilitators_and_coordinators_only(client, setting):
    session = setting["meeting"]
    services.save_minutes(
        by=setting["coordinator"], meeting=session, version=0, summary="Brouillon secret", decisions=[], tasks=[]
    )
    plain = UserFactory(email="plain@example.org")
    setting["shared"].user = plain
    setting["shared"].save()
    client.force_login(plain)
    assert "Brouillon secret" not in client.get(session.get_absolute_url()).content.decode()
    assert client.get(reverse("workshops:minutes_pdf", args=[session.pk])).status_code == 404
    assert client.get(reverse("workshops:minutes_edit", args=[session.pk])).status_code == 403
    client.force_login(setting["anna"].user)
    assert "Brouillon secret" in client.get(session.get_absolute_url()).content.decode()


def test_meeting_form_errors_are_french_and_keep_the_input(client, setting):
    client.force_login(setting["coordinator"])
    response = client.post(
        reverse("workshops:meeting_create"),
        {
            "kind": "group",
            "title": "Séance sans groupe",
            "date": "2030-05-21",
            "start_time": "16:00",
            "end_time": "14:00",
            "agenda": "Point 1",
        },
    )
    text = html(response).get_text()
    assert "L'heure de fin doit être après l'heure de début." in text
    assert "Choisissez au moins un groupe pour une séance de groupe." in text
    assert html(response).select_one("#id_title")["value"] == "Séance sans groupe"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ordre-du-jour.exe", b"MZ...", "Format non accepté"),
        ("faux.pdf", b"GIF89a", "ne correspond pas à son extension"),
        ("gros.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), "la taille maximale est de 10 Mo"),
    ],
)
def test_documents_are_checked_for_type_and_size(client, setting, name, content, message):
    client.force_login(setting["coordinator"])
    response = client.post(
        reverse("workshops:document_add", args=[setting["meeting"].pk]),
        {"title": "Ordre du jour", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200 and message in html(response).get_text()
    assert setting["meeting"].documents.count() == 0


def test_document_upload_and_download(client, setting):
    client.force_login(setting["coordinator"])
    client.post(
        reverse("workshops:document_add", args=[setting["meeting"].pk]),
        {"title": "Ordre du jour", "file": SimpleUploadedFile("odj.pdf", b"%PDF-1.4 test")},
    )
    document = setting["meeting"].documents.get()
    response = client.get(reverse("workshops:document_download", args=[setting["meeting"].pk, document.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_personal_calendar_feed_is_revocable(client, setting):
    user = setting["anna"].user
    client.force_login(user)
    client.post(reverse("workshops:calendar_subscription"), {"action": "create"})  # GET writes nothing (finding 11)
    token = user.calendar_feed.token
    client.logout()
    feed = client.get(reverse("workshops:calendar_feed", args=[token]))
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Séance commune DS et IPJ"]
    client.force_login(user)
    client.post(reverse("workshops:calendar_subscription"))
    client.logout()
    assert client.get(reverse("workshops:calendar_feed", args=[token])).status_code == 404


def test_calendar_month_and_list_filter_by_group(client, setting):
    other = meeting(setting["ipj"], title="Séance IPJ seule", days=11)
    client.force_login(setting["coordinator"])
    month = timezone.localtime(other.starts_at).strftime("%Y-%m")
    page = html(client.get(reverse("workshops:calendar"), {"mois": month, "groupe": setting["ds"].pk}))
    titles = page.select_one("table.calendar-month").get_text()
    assert "Séance commune DS et IPJ" in titles and "Séance IPJ seule" not in titles
    page = html(client.get(reverse("workshops:calendar"), {"vue": "liste"}))
    assert [a.get_text() for a in page.select("main table tbody td:nth-child(2) a")] == [
        "Séance commune DS et IPJ",
        "Séance IPJ seule",
    ]


def test_query_budgets_hold_with_1_and_10_meetings(client, setting):
    client.force_login(setting["coordinator"])

    def grow():
        for index in range(9):
            extra = meeting(setting["ds"], setting["ipj"], title=f"Séance {index}", days=12 + index)
            services.send_invitations(by=setting["coordinator"], meeting=extra)

    services.send_invitations(by=setting["coordinator"], meeting=setting["meeting"])
    urls = [
        reverse("workshops:calendar") + "?vue=liste",
        reverse("workshops:calendar"),
        setting["ds"].get_absolute_url(),
        reverse("workshops:group_list"),
        reverse("workshops:attendance_stats"),
    ]
    counts = {}
    for url in urls:
        client.get(url)
        counts[url] = len_queries = _count(client, url)
        assert len_queries <= 20, (url, len_queries)
    grow()
    for url in urls:
        assert _count(client, url) == counts[url], url
    assert_query_budget(client, setting["meeting"].get_absolute_url(), budget=20, grow=lambda: None)


def _count(client, url):
    from tests.utils import count_queries

    return count_queries(client, url)


def test_meeting_detail_budget_with_1_and_10_invitees(client, setting):
    client.force_login(setting["coordinator"])
    session = setting["meeting"]
    services.send_invitations(by=setting["coordinator"], meeting=session)

    def grow():
        for index in range(10):
            member(setting["ds"], contact("Nouveau", f"Membre{index}"))
        services.send_invitations(by=setting["coordinator"], meeting=session)
        services.add_document(
            by=setting["coordinator"], meeting=session, title="Doc", file=SimpleUploadedFile("d.pdf", b"%PDF")
        )

    assert_query_budget(client, session.get_absolute_url(), budget=22, grow=grow)


def test_my_space_lists_my_groups_and_next_meetings_in_a_fixed_number_of_queries(client, setting):
    client.force_login(setting["anna"].user)
    page = html(client.get(reverse("my_space")))
    assert "Groupe Décrochage scolaire" in page.select_one("#groups-title").parent.get_text()
    assert "Séance commune DS et IPJ" in page.select_one("#next-title").parent.get_text()

    def grow():
        for index in range(9):
            meeting(setting["ds"], title=f"Séance {index}", days=20 + index)

    # 9 since « Mes actions » (issue 12): the fiches the person pilots or co-writes, one query
    assert_query_budget(client, reverse("my_space"), budget=9, grow=grow)


def test_attendance_figures_count_per_session_group_and_structure(client, coordinator):
    ds, ipj = group("DS"), group("IPJ")
    people = [
        contact("Membre", f"Structure{index % 2}{index}", organisation=f"Structure {index % 2}") for index in range(4)
    ]
    for person in people:
        member(ds, person)
    past = meeting(ds, ipj, title="Séance passée", days=-3)
    meeting(ds, title="Séance à venir", days=5)  # not yet held: not counted
    statuses = [Attendance.Status.PRESENT, Attendance.Status.REPRESENTED, Attendance.Status.ABSENT, None]
    for person, status in zip(people, statuses, strict=True):
        Invitation.objects.create(meeting=past, contact=person)
        if status:
            Attendance.objects.create(meeting=past, contact=person, status=status)
    client.force_login(coordinator)
    page = html(client.get(reverse("workshops:attendance_stats")))

    def rows(label):
        table = page.find("caption", string=lambda text: text and label in text).find_parent("table")
        return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in table.select("tbody tr")]

    assert ["Séance passée", timezone.localdate(past.starts_at).strftime("%d/%m/%Y"), "4", "2"] in rows("par séance")
    assert [ds.name, "1", "2"] in rows("par groupe") and [ipj.name, "1", "2"] in rows("par groupe")
    # Present or represented: Structure 0 (present) and Structure 1 (represented), one session each.
    assert rows("chaque structure") == [["Structure 0", "1"], ["Structure 1", "1"]]


@pytest.mark.parametrize(("persona", "linked"), [("coordinator", True), ("reader", True), ("partner", False)])
def test_the_calendar_leads_the_project_team_to_the_participation_figures(persona_client, persona, linked):
    page = html(persona_client(persona).get(reverse("workshops:calendar")))
    links = page.find_all("a", href=reverse("workshops:attendance_stats"))
    assert bool(links) is linked
