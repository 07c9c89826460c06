"""GDPR rights (issue 13, finding 15): « Mes données » and the coordinator's export, and erasure by
anonymisation proven by a scan of every text, JSON and binary column of every table of the database."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionsheets import services as sheet_services
from actionsheets.models import SectionDraft, SheetVersion
from partners import personal_data
from partners import services as partner_services
from partners.enums import AuditVerb
from partners.imports import read_table
from partners.models import AuditEntry, Contact, Erasure, SentEmail, User
from tests.partners.factories import PASSWORD, UserFactory
from tests.workshops.factories import contact as make_contact
from tests.workshops.factories import group, meeting
from workshops import services as workshop_services
from workshops.models import Attendance, CalendarFeed, Invitation, MembershipRole

FIRST, LAST = "Zéphyrine", "Quetzalcoatl-Brumaire"
EMAIL = "zephyrine.quetzalcoatl@exemple-rgpd.org"
HEADERS = "Structure;Type;Civilité;Prénom;Nom;Fonction;E-mail interlocuteur;Téléphone interlocuteur"
ROW = (
    f"Association Arc-en-ciel;Association d'insertion ou d'emploi;Mme;{FIRST};{LAST};Médiatrice;{EMAIL};01 99 00 00 42"
)
LIST = f"{HEADERS}\n{ROW}\n"


def zip_of(response):
    return zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )


def import_list(by):
    """The person arrives in the directory through an imported partner list (ImportBatch.content holds it)."""
    content = LIST.encode("utf-8")
    headers, _ = read_table("partenaires.csv", content)
    batch = partner_services.create_import_batch(by=by, file_name="partenaires.csv", content=content, headers=headers)
    partner_services.apply_import(by=by, batch=batch)
    return Contact.objects.get(email=EMAIL)


def live_a_portal_life(client, coordinator, django_capture_on_commit_callbacks):
    """Everything a person can leave behind: imported, account, sign-ins (one failed), group, invitation and
    answer, attendance, minutes naming her, a fiche and its sections, a draft, e-mails, a calendar feed, a task
    result and a document request."""
    from django_tasks_db.models import DBTaskResult

    from background.models import DocumentBuild

    with django_capture_on_commit_callbacks(execute=True):
        contact = import_list(coordinator)
        user = partner_services.create_account(
            by=coordinator, email=EMAIL, first_name=FIRST, last_name=LAST, role="partner"
        )
        contact.user = user
        contact.save()
        partner_services.set_password_from_link(user=user, password=PASSWORD)
        ds = group("DS")
        workshop_services.add_member(by=coordinator, group=ds, contact=contact, role=MembershipRole.MEMBER)
        session = meeting(ds, days=2, title="Séance de printemps")
        workshop_services.send_invitations(by=coordinator, meeting=session)
        invitation = Invitation.objects.get(contact=contact, meeting=session)
        workshop_services.answer_invitation(invitation=invitation, answer=Invitation.Answer.YES)
        workshop_services.record_attendance(
            by=coordinator, meeting=session, statuses={contact: (Attendance.Status.PRESENT, "")}
        )
        summary = (
            f"Présents : {FIRST} {LAST.upper()} ({EMAIL}), {LAST.upper()} {FIRST.upper()}. "
            f"Mme {LAST} présente le projet."
        )
        workshop_services.save_minutes(
            by=coordinator,
            meeting=session,
            version=0,
            summary=summary,
            decisions=[f"Confier l'étude à {FIRST} {LAST}"],
            tasks=[{"what": "Rédiger la fiche", "who": f"{FIRST} {LAST}"}, {"what": "Relire", "who": f"Mme {LAST}"}],
        )
        sheet = sheet_services.create_sheet(by=user, group=ds, title="Médiation numérique au Valibout")
        sheet_services.save_section(
            by=user,
            sheet=sheet,
            section="contexte",
            base_version=0,
            apply=lambda current: setattr(current, "context", f"Constat porté par {FIRST} {LAST} ({EMAIL})."),
        )
        sheet_services.save_draft(
            by=user, sheet=sheet, section="objectifs", data={"text": f"Brouillon de {FIRST} {LAST}"}, base_version=0
        )
        workshop_services.create_calendar_feed(user=user)
        partner_services.log_action(
            actor=coordinator, verb=AuditVerb.UPDATED, target=sheet, message=f"Pilote pressentie : {FIRST} {LAST}"
        )
    DBTaskResult.objects.create(
        task_path="partners.tasks.deliver_outbox",
        args_kwargs={"args": [EMAIL], "kwargs": {"name": f"{FIRST} {LAST}"}},
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    DocumentBuild.objects.create(kind="plan", params={"q": LAST}, key="k" * 64, requested_by=user)
    assert client.post(reverse("accounts:login"), {"username": EMAIL.upper(), "password": PASSWORD}).status_code == 302
    # A failed attempt afterwards, from another browser (a success would reset the attempts' row).
    assert Client().post(reverse("accounts:login"), {"username": EMAIL, "password": "pas le bon"}).status_code == 200
    user.refresh_from_db()
    return user, contact, sheet


def scan(needles):
    """{table.column: hits} for every text, varchar, JSON and bytea column of every table of the schema;
    bytea values are decoded (UTF-8, errors replaced). Case-insensitive (each needle in capitals too, whatever
    the database's locale). Returns (hits, tables, columns)."""
    pattern = "|".join(re.escape(form) for needle in needles for form in (needle, needle.upper(), needle.lower()))
    hits, tables, columns = {}, set(), 0
    with connection.cursor() as cursor:
        for table, column, kind, _ in personal_data.text_columns(cursor):
            tables.add(table)
            columns += 1
            if kind == "bytea":
                cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL')  # noqa: S608
                found = sum(
                    1
                    for (value,) in cursor.fetchall()
                    if re.search(pattern, bytes(value).decode("utf-8", "replace"), re.I)
                )
            else:
                cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ~* %s', [pattern])  # noqa: S608
                found = cursor.fetchone()[0]
            if found:
                hits[f"{table}.{column}"] = found
    return hits, len(tables), columns


@pytest.mark.django_db(transaction=False)
def test_anonymisation_leaves_neither_name_nor_email_in_any_column(
    client, coordinator, django_capture_on_commit_callbacks
):
    user, contact, sheet = live_a_portal_life(client, coordinator, django_capture_on_commit_callbacks)
    before, _, _ = scan([FIRST, LAST, EMAIL])
    assert [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    # The person is everywhere before: the scan sees them in the directory, the outbox, the journal, the
    # minutes, the fiche's versions, the import, the connection logs, the sessions' owner…
    for place in ("partners_contact.last_name", "partners_sentemail.to", "partners_importbatch.content"):
        assert place in before, before
    assert "axes_accesslog.username" in before and "axes_accessattempt.username" in before
    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    versions = SheetVersion.objects.filter(sheet=sheet).count()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("accounts:contact_anonymise", args=[contact.pk]), {"confirm": "on"})
    assert response.status_code == 302

    hits, tables, columns = scan([FIRST, LAST, EMAIL])
    print(
        f"\nanonymisation scan: {tables} tables, {columns} text/varchar/json/bytea columns scanned, {len(hits)} hits"
    )
    print(f"before anonymisation: {len(before)} columns named the person: {', '.join(sorted(before))}")
    print(f"the final rewrite changed {Erasure.objects.get().columns_rewritten} columns (after the apps' own steps)")
    assert hits == {}
    number = Erasure.objects.get().pk
    alias = f"Personne supprimée n° {number}"
    contact.refresh_from_db()
    user.refresh_from_db()
    assert str(contact) == alias and contact.email == contact.phone == contact.function == ""
    assert user.get_full_name() == alias and not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@anonyme.invalid")
    # History and counts are kept, without identity.
    assert SheetVersion.objects.filter(sheet=sheet).count() == versions
    assert Attendance.objects.filter(contact=contact).count() == 1
    assert not SectionDraft.objects.filter(user=user).exists() and not CalendarFeed.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(verb=AuditVerb.ANONYMISED, actor=coordinator).count() == 1
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    page = coordinator_client.get(reverse("partners:contact_detail", args=[contact.pk]))
    assert alias in page.content.decode()
    assert reverse("accounts:contact_anonymise", args=[contact.pk]) not in page.content.decode()
    again = coordinator_client.post(reverse("accounts:account_anonymise", args=[user.pk]), {"confirm": "on"})
    assert again.status_code == 302 and Erasure.objects.count() == 1  # never twice


def test_the_anonymisation_page_asks_for_confirmation(coordinator_client):
    contact = make_contact(FIRST, LAST, email=EMAIL)
    url = reverse("accounts:contact_anonymise", args=[contact.pk])
    page = coordinator_client.get(url)
    assert "Je confirme" in page.content.decode()
    refused = coordinator_client.post(url, {})
    assert refused.status_code == 200 and "Cochez la case" in refused.content.decode()
    contact.refresh_from_db()
    assert contact.last_name == LAST and not Erasure.objects.exists()


def test_my_data_downloads_a_zip_of_every_section_with_a_readme(
    client, coordinator, django_capture_on_commit_callbacks
):
    user, contact, sheet = live_a_portal_life(client, coordinator, django_capture_on_commit_callbacks)
    client.force_login(user)
    page = client.get(reverse("accounts:my_data"))
    assert page.status_code == 200 and "Télécharger mes données" in page.content.decode()
    assert client.get(reverse("accounts:my_data_download")).status_code == 405
    response = client.post(reverse("accounts:my_data_download"))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zip_of(response)
    names = set(archive.namelist())
    for section in personal_data.SECTIONS:
        assert f"{section}.json" in names
    assert "README.txt" in names and "compte.csv" in names
    account = json.loads(archive.read("compte.json"))
    assert account[0]["adresse_e_mail"] == EMAIL and account[0]["nom"] == LAST
    card = json.loads(archive.read("fiche_interlocuteur.json"))
    assert card[0]["fonction"] == "Médiatrice"
    assert json.loads(archive.read("groupes.json"))[0]["role"]
    assert json.loads(archive.read("invitations.json"))[0]["reponse"] == "Je viens"
    assert json.loads(archive.read("presences.json"))[0]["presence"]
    assert json.loads(archive.read("fiches.json"))[0]["fiche"] == sheet.code
    assert len(json.loads(archive.read("versions_de_fiches.json"))) >= 2
    assert json.loads(archive.read("brouillons.json"))
    assert json.loads(archive.read("calendrier.json"))
    assert json.loads(archive.read("documents.json"))
    assert any(row["resultat"].startswith("échec") for row in json.loads(archive.read("connexions.json")))
    emails = json.loads(archive.read("courriels.json"))
    assert all("texte" not in row for row in emails)  # a queued message may hold a single-use link
    subjects = [row["objet"] for row in emails]
    assert len(subjects) >= 2  # the activation link and the invitation at least
    journal = json.loads(archive.read("journal.json"))
    assert any(row["fait_par_vous"] for row in journal) and any(row["vous_concerne"] for row in journal)
    readme = archive.read("README.txt").decode()
    assert "compte.json" in readme and "courriels.json" in readme
    assert archive.read("compte.csv").decode("utf-8-sig").startswith("adresse_e_mail;")
    assert AuditEntry.objects.filter(verb=AuditVerb.DATA_EXPORTED, actor=user).count() == 1


def test_a_coordinator_exports_the_data_of_a_contact_without_account(coordinator_client, coordinator):
    contact = import_list(coordinator)
    response = coordinator_client.post(reverse("accounts:contact_data_export", args=[contact.pk]))
    archive = zip_of(response)
    assert json.loads(archive.read("fiche_interlocuteur.json"))[0]["nom"] == LAST
    assert json.loads(archive.read("compte.json")) == []
    entry = AuditEntry.objects.get(verb=AuditVerb.DATA_EXPORTED)
    assert entry.actor == coordinator and entry.target == contact and "demande écrite" in entry.message


def test_a_coordinator_exports_the_data_of_an_account_from_its_page(coordinator_client, coordinator):
    account = UserFactory(email=EMAIL, first_name='=HYPERLINK("http://x")', last_name=LAST)
    page = coordinator_client.get(reverse("accounts:account_detail", args=[account.pk])).content.decode()
    url = reverse("accounts:account_data_export", args=[account.pk])
    assert url in page and reverse("accounts:account_anonymise", args=[account.pk]) in page
    archive = zip_of(coordinator_client.post(url))
    assert json.loads(archive.read("compte.json"))[0]["adresse_e_mail"] == EMAIL
    rows = list(csv.DictReader(io.StringIO(archive.read("compte.csv").decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["prenom"].startswith("'=HYPERLINK(")  # no formula runs in a spreadsheet
    assert AuditEntry.objects.get(verb=AuditVerb.DATA_EXPORTED).target == account


def test_the_profile_and_the_personal_data_page_link_to_my_data(client, db):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:my_data")
    assert url in client.get(reverse("accounts:profile")).content.decode()
    assert url in client.get(reverse("personal_data")).content.decode()


def test_a_coordinator_cannot_anonymise_themself_nor_an_administrator(coordinator_client, coordinator):
    admin = UserFactory(admin=True)
    assert coordinator_client.get(reverse("accounts:account_anonymise", args=[coordinator.pk])).status_code == 403
    assert (
        coordinator_client.post(reverse("accounts:account_anonymise", args=[admin.pk]), {"confirm": "on"}).status_code
        == 403
    )
    assert User.objects.filter(pk=admin.pk, is_active=True).exists()
    assert not SentEmail.objects.filter(to__icontains="anonyme.invalid").exists()


def test_a_copy_in_a_short_column_is_cut_to_its_size(coordinator, django_capture_on_commit_callbacks):
    """« Personne supprimée n° N » is longer than « Ann Lee »: where a short column held the name, the alias
    is cut to the column's size instead of failing the whole anonymisation."""
    from programme.followup_models import ReminderSent

    ann = make_contact("Ann", "Lee", email="ann@exemple.org")
    field = ReminderSent._meta.get_field("item_key")  # varchar(60)
    sheet = sheet_services.create_sheet(by=coordinator, group=group("DS"), title="Fiche courte")
    reminder = ReminderSent.objects.create(
        kind="review", item_key="x" * 50 + " Ann Lee", due_on=timezone.localdate(), user=coordinator, sheet=sheet
    )
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.anonymise(person=personal_data.Person.of_contact(ann), by=coordinator)
    reminder.refresh_from_db()
    assert len(reminder.item_key) == field.max_length and "Ann Lee" not in reminder.item_key


def test_anonymisation_rewrites_whole_words_only(coordinator, django_capture_on_commit_callbacks):
    """Another person whose name or address contains this one's is left alone, and a message sent to both
    keeps its other recipient."""
    ann = make_contact("Ann", "Lee", email="ann@exemple.org")
    joann = make_contact("Joann", "Leeds", email="joann@exemple.org")
    entry = partner_services.log_action(
        actor=coordinator, verb=AuditVerb.UPDATED, target=joann, message="Binôme : Ann Lee et Joann Leeds"
    )
    shared = SentEmail.objects.create(
        to="ann@exemple.org, joann@exemple.org",
        recipients={"to": ["ann@exemple.org", "joann@exemple.org"]},
        subject="Pour Ann Lee et Joann Leeds",
        body="Bonjour Ann Lee, bonjour Joann Leeds.",
    )
    SentEmail.objects.create(to="joann@exemple.org", subject="Pour Joann seulement", body="Bonjour Joann.")
    exported = personal_data.collect(personal_data.Person.of_contact(ann))["courriels"]
    assert [row["objet"] for row in exported] == ["Pour Ann Lee et Joann Leeds"]
    with django_capture_on_commit_callbacks(execute=True):
        number = personal_data.anonymise(person=personal_data.Person.of_contact(ann), by=coordinator)
    alias = f"Personne supprimée n° {number}"
    entry.refresh_from_db()
    shared.refresh_from_db()
    joann.refresh_from_db()
    assert entry.message == f"Binôme : {alias} et Joann Leeds"
    assert (joann.first_name, joann.last_name, joann.email) == ("Joann", "Leeds", "joann@exemple.org")
    assert shared.recipients == {"to": [alias, "joann@exemple.org"]}
    assert shared.to == f"{alias}, joann@exemple.org" and shared.body == f"Bonjour {alias}, bonjour Joann Leeds."
    assert SentEmail.objects.get(subject="Pour Joann seulement").body == "Bonjour Joann."
