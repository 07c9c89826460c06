"""Retention of personal data (issue 13, finding 15): the daily job purges or anonymises by the durations held in
settings, `manage.py apply_retention --dry-run` counts without deleting, and the « Données personnelles » page
prints the same settings."""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from actionsheets import services as sheet_services
from actionsheets.models import SectionDraft
from background import housekeeping
from partners import personal_data
from partners.enums import AuditVerb
from partners.models import AuditEntry, Contact, ImportBatch, SentEmail, User
from partners.services import log_action
from tests.partners.factories import UserFactory
from tests.workshops.factories import contact, group

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def sent(subject, *, age):
    return SentEmail.objects.create(
        to="a@example.org",
        subject=subject,
        status=SentEmail.Status.SENT,
        created_at=days_ago(age),
        sent_at=days_ago(age),
    )


@pytest.fixture
def old_and_new(coordinator):
    """One row older than its rule's duration and one recent, for each rule."""
    sent("ancien", age=400)
    sent("récent", age=10)
    SentEmail.objects.create(to="b@example.org", subject="en attente", created_at=days_ago(400))  # queued: kept
    log_action(actor=coordinator, verb=AuditVerb.UPDATED, target=coordinator, message="ancienne")
    AuditEntry.objects.filter(message="ancienne").update(at=days_ago(4 * 365))
    log_action(actor=coordinator, verb=AuditVerb.UPDATED, target=coordinator, message="récente")
    for name, age in (("ancien.csv", 40), ("recent.csv", 2)):
        ImportBatch.objects.create(
            created_by=coordinator,
            file_name=name,
            content=b"Structure\nX\n",
            table=[["Structure"], ["X"]],
            created_at=days_ago(age),
            applied_at=days_ago(age),
        )
    sheet = sheet_services.create_sheet(by=coordinator, group=group("DS"), title="Fiche des brouillons")
    for section, age in (("contexte", 120), ("objectifs", 5)):
        sheet_services.save_draft(by=coordinator, sheet=sheet, section=section, data={"t": section}, base_version=0)
        SectionDraft.objects.filter(section=section).update(updated_at=days_ago(age))
    for age in (400, 10):
        AccessLog.objects.create(username="x@example.org", user_agent="ua", http_accept="*", path_info="/connexion/")
        AccessLog.objects.filter(attempt_time__gt=days_ago(1)).update(attempt_time=days_ago(age))
    expired, live = SessionStore(), SessionStore()
    expired.create()
    live.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=days_ago(1))


def test_the_daily_job_purges_what_is_older_than_each_duration_and_keeps_the_rest(old_and_new):
    counts = personal_data.apply_retention()
    assert counts["sent_emails"] == 1 and counts["audit"] >= 1 and counts["import_contents"] == 1
    assert counts["drafts"] == 1 and counts["login_logs"] == 1 and counts["sessions"] == 1
    assert set(SentEmail.objects.values_list("subject", flat=True)) == {"récent", "en attente"}
    assert not AuditEntry.objects.filter(message="ancienne").exists()
    assert AuditEntry.objects.filter(message="récente").exists()
    old, recent = ImportBatch.objects.get(file_name="ancien.csv"), ImportBatch.objects.get(file_name="recent.csv")
    assert (bytes(old.content), old.table) == (b"", [])  # the table read from the file holds the same people
    assert bytes(recent.content) != b"" and recent.table == [["Structure"], ["X"]]
    assert list(SectionDraft.objects.values_list("section", flat=True)) == ["objectifs"]
    assert AccessLog.objects.count() == 1 and Session.objects.count() == 1
    assert "gdpr.retention" in {job.name for job in housekeeping.registered()}
    assert housekeeping.JOBS["gdpr.retention"].every == 24 * 3600


def test_the_housekeeping_job_runs_the_rules_in_a_task(old_and_new):
    housekeeping.JOBS["gdpr.retention"].run()  # the tests' immediate backend runs the task at once
    assert not SentEmail.objects.filter(subject="ancien").exists()
    assert list(SectionDraft.objects.values_list("section", flat=True)) == ["objectifs"]


def test_durations_come_from_the_settings(old_and_new, settings):
    settings.RETENTION_SENT_EMAIL_DAYS = 5
    settings.RETENTION_DRAFT_DAYS = 200
    counts = personal_data.apply_retention()
    assert counts["sent_emails"] == 2 and counts["drafts"] == 0
    assert not SentEmail.objects.filter(subject="récent").exists()


def test_the_command_dry_run_prints_the_counts_and_deletes_nothing(old_and_new):
    emails, drafts = SentEmail.objects.count(), SectionDraft.objects.count()
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    printed = out.getvalue()
    print(printed)
    assert "sent_emails: 1 à traiter" in printed and "drafts: 1 à traiter" in printed
    assert "Essai à blanc" in printed
    assert SentEmail.objects.count() == emails and SectionDraft.objects.count() == drafts
    call_command("apply_retention", stdout=StringIO())
    assert SentEmail.objects.count() == emails - 1


def test_idle_accounts_are_anonymised_unless_their_card_still_represents_a_structure(coordinator):
    gone = UserFactory(email="parti@example.org", first_name="Paul", last_name="Parti")
    staying = UserFactory(email="reste@example.org", first_name="Rose", last_name="Reste")
    card = contact("Rose", "Reste", email="reste@example.org")
    card.user = staying
    card.save()
    recent = UserFactory(email="recent@example.org")
    admin = UserFactory(email="admin-ancien@example.org", admin=True)
    User.objects.filter(pk__in=[gone.pk, staying.pk, admin.pk]).update(last_login=days_ago(400))
    User.objects.filter(pk=recent.pk).update(last_login=days_ago(30))

    assert personal_data.apply_retention()["idle_accounts"] == 2
    gone.refresh_from_db()
    staying.refresh_from_db()
    assert gone.get_full_name().startswith("Personne supprimée n° ") and not gone.is_active
    assert staying.get_full_name() == "Rose Reste" and not staying.is_active  # deactivated only
    assert Contact.objects.get(pk=card.pk).last_name == "Reste"
    assert User.objects.get(pk=recent.pk).is_active and User.objects.get(pk=admin.pk).is_active
    assert personal_data.apply_retention()["idle_accounts"] == 0  # nothing twice


def test_the_personal_data_page_prints_the_durations_of_the_settings(client, settings):
    page = client.get(reverse("personal_data")).content.decode()
    assert "1 an (365 jours)" in page and "Brouillons de sections" in page and "90 jours" in page
    settings.RETENTION_DRAFT_DAYS = 45
    settings.RETENTION_SENT_EMAIL_DAYS = 730
    page = client.get(reverse("personal_data")).content.decode()
    assert "45 jours" in page and "90 jours" not in page and "2 ans (730 jours)" in page


def test_the_readme_table_gives_the_defaults_of_the_settings(settings):
    """The README's retention table and the settings agree (a default changed in one place only fails)."""
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(RETENTION_[A-Z_]+_DAYS)` \| `(\d+)` \|", readme, re.MULTILINE))
    import solidarites.settings as portal_settings  # already imported: the values read from the environment

    names = [name for name in vars(portal_settings) if name.startswith("RETENTION_") and name.endswith("_DAYS")]
    assert rows == {name: str(getattr(portal_settings, name)) for name in names}
    assert {
        rule.setting for rule in personal_data.RETENTIONS.values() if rule.setting.startswith("RETENTION_")
    } == set(rows)
