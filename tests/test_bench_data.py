"""The benchmark's scale data (manage.py bench_data): reproducible, within the unique rules, and harmless to
the rest of the database. No timing here: the figures come from scripts/bench."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Exists, OuterRef

from actionsheets import search
from actionsheets.models import ActionSheet, BudgetLine, FundingLine, Milestone
from partners.models import Axis, Contact, Organisation, OrganisationType, normalise
from solidarites.demo.management.commands.bench_data import DOMAIN, FOLLOWED_UP, MARKER
from workshops.models import Attendance, Invitation, Meeting, Membership, MembershipRole, Venue, WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True  # the command refuses production mode (test_refused_in_production)


def generated():
    return Organisation.objects.filter(email__endswith=DOMAIN)


def generated_groups():
    return WorkingGroup.objects.filter(mandate__endswith=MARKER)


def generated_meetings():
    return Meeting.objects.filter(groups__in=generated_groups()).distinct()


def generated_sheets():
    return ActionSheet.objects.filter(group__in=generated_groups())


def rows(queryset, *fields):
    # Sorted by their text: tuples holding None (an unanswered invitation's date…) do not compare.
    return sorted(queryset.values_list(*fields), key=repr)


def snapshot():
    """Everything the generator decides, by natural keys (primary keys change when rows are made again)."""
    meetings = Meeting.objects.filter(pk__in=generated_meetings().values("pk"))
    sheets = generated_sheets()
    meeting = ("meeting__title", "meeting__starts_at")
    return [
        rows(
            generated(),
            *("email", "name", "acronym", "type__code", "parent__email", "address", "city", "missions", "since"),
            "is_active",
        ),
        rows(
            Contact.objects.filter(email__endswith=DOMAIN),
            *("email", "organisation__email", "civility", "first_name", "last_name", "function", "is_primary"),
            "is_active",
        ),
        rows(
            Organisation.axes.through.objects.filter(organisation__in=generated()), "organisation__email", "axis__code"
        ),
        rows(
            Organisation.neighbourhoods.through.objects.filter(organisation__in=generated()),
            "organisation__email",
            "neighbourhood__name",
        ),
        rows(generated_groups(), "name", "axis__code", "mandate", "position", "is_active"),
        rows(
            Membership.objects.filter(group__in=generated_groups()),
            *("group__name", "contact__email", "role", "since", "is_active"),
        ),
        rows(
            meetings,
            *("title", "kind", "starts_at", "ends_at", "venue__name", "agenda", "status", "sequence"),
            "invitations_sent_at",
        ),
        rows(Meeting.groups.through.objects.filter(meeting__in=meetings), *meeting, "workinggroup__name"),
        rows(
            Invitation.objects.filter(meeting__in=meetings),
            *meeting,
            *("contact__email", "answer", "represented_by", "answered_at", "sent_at", "reminded_at"),
        ),
        rows(
            Attendance.objects.filter(meeting__in=meetings),
            *meeting,
            *("contact__email", "status", "represented_by", "is_walk_in"),
        ),
        rows(
            sheets,
            *("code", "number", "axis__code", "group__name", "title", "pilot__email", "lead_organisation__email"),
            *("priority", "context", "general_objective", "operational_objectives", "expected_results"),
            *("description", "target_count", "citizen_participation", "human_resources", "fte"),
            *("material_resources", "start_date", "planned_end_date", "is_recurring", "monitoring"),
            *("governance_body", "success_conditions", "status", "copil_date", "elected_referent"),
        ),
        rows(
            ActionSheet.co_authors.through.objects.filter(actionsheet__in=sheets),
            "actionsheet__code",
            "contact__email",
        ),
        rows(
            ActionSheet.target_publics.through.objects.filter(actionsheet__in=sheets),
            *("actionsheet__code", "targetpublic__label"),
        ),
        rows(
            ActionSheet.neighbourhoods.through.objects.filter(actionsheet__in=sheets),
            *("actionsheet__code", "neighbourhood__name"),
        ),
        rows(BudgetLine.objects.filter(sheet__in=sheets), "sheet__code", "year", "kind", "label", "planned", "actual"),
        rows(FundingLine.objects.filter(sheet__in=sheets), "sheet__code", "funder__label", "year", "amount", "state"),
        rows(Milestone.objects.filter(sheet__in=sheets), "sheet__code", "label", "due_on", "is_done"),
    ]


def primary_keys():
    return [
        set(queryset.values_list("pk", flat=True))
        for queryset in (generated(), generated_groups(), generated_meetings(), generated_sheets())
    ]


def test_same_scale_gives_the_same_town():
    call_command("bench_data", scale=1, verbosity=0)
    first, first_pks = snapshot(), primary_keys()
    assert all(first)  # every kind of row is made

    call_command("bench_data", scale=1, verbosity=0)  # already there: nothing changes
    assert primary_keys() == first_pks
    assert snapshot() == first

    call_command("bench_data", scale=1, fresh=True, verbosity=0)  # made again from the seed: same rows
    assert all(not before & after for before, after in zip(first_pks, primary_keys(), strict=True))
    assert snapshot() == first


def test_scale_one_is_the_real_town_and_respects_the_unique_rules():
    call_command("bench_data", scale=1, verbosity=0)
    organisations, contacts = snapshot()[:2]
    assert len(organisations) == 100
    assert 250 <= len(contacts) <= 350
    names = [(normalise(name), kind) for _, name, _, kind, *_ in organisations]
    assert len(set(names)) == len(names)
    emails = [email.lower() for email, *_ in contacts]
    assert len(set(emails)) == len(emails)
    assert any(parent_email for _, _, _, _, parent_email, *_ in organisations)  # some services have a parent
    # The typo search the benchmark measures finds something at every scale.
    assert Organisation.objects.search("mision locale").exists()


def test_scale_one_has_the_real_town_s_groups_meetings_and_sheets():
    call_command("bench_data", scale=1, verbosity=0)

    groups = list(generated_groups().select_related("axis"))
    assert sorted(group.axis.code for group in groups) == sorted(Axis.objects.values_list("code", flat=True))
    assert len(groups) == 8
    for group in groups:
        roles = list(group.memberships.values_list("role", flat=True))
        assert 13 <= len(roles) <= 17
        assert roles.count(MembershipRole.FACILITATOR) == roles.count(MembershipRole.CO_FACILITATOR) == 1
        assert set(group.memberships.values_list("contact__email", flat=True)) <= set(
            Contact.objects.filter(email__endswith=DOMAIN).values_list("email", flat=True)
        )

    meetings = generated_meetings()
    assert meetings.count() == 150
    assert set(meetings.values_list("kind", flat=True)) == set(Meeting.Kind.values)
    paris = ZoneInfo("Europe/Paris")
    for starts_at, ends_at in meetings.values_list("starts_at", "ends_at"):
        local = starts_at.astimezone(paris)
        assert date(2015, 4, 9) <= local.date() <= date(2017, 12, 31) and local.weekday() < 5
        assert ends_at - starts_at <= timedelta(hours=8)
    assert 2_000 <= Invitation.objects.filter(meeting__in=meetings).count() <= 3_000
    attendance = Attendance.objects.filter(meeting__in=meetings)
    assert 2_000 <= attendance.count() <= 2_600  # about 15 per meeting: 225,000 at 100×
    assert set(attendance.values_list("status", flat=True)) == set(Attendance.Status.values)
    # Each invitee is a member of one of the meeting's groups.
    member = Membership.objects.filter(contact=OuterRef("contact"), group__meetings=OuterRef("meeting"))
    assert not Invitation.objects.filter(meeting__in=meetings).exclude(Exists(member)).exists()
    assert Venue.objects.filter(accessibility__endswith=MARKER).count() >= 5

    sheets = generated_sheets()
    assert sheets.count() == 50
    for code, number, axis_code in sheets.values_list("code", "number", "axis__code"):
        assert code == f"{axis_code}-{number:02d}"
    assert not sheets.exclude(pilot__email__endswith=DOMAIN).exists()
    assert len(set(sheets.values_list("status", flat=True))) >= 6
    # The searches a benchmark may measure find generated sheets through the full text.
    for word in ("décrochage", "logement", "emploi"):
        found, mode = search.search(ActionSheet.objects.all(), word)
        assert mode == "fts" and found.exists(), word


def test_other_data_is_kept_and_its_names_and_numbers_avoided():
    employment = OrganisationType.objects.get(code="emploi")
    mine = Organisation.objects.create(name="Mission locale – Trappes", type=employment)
    rita = Contact.objects.create(organisation=mine, first_name="Rita", last_name="Réelle", email="rita@example.org")
    dropout = Axis.objects.get(code="DS")
    group = WorkingGroup.objects.create(name="Groupe décrochage scolaire – secteur 1", axis=dropout, mandate="Vrai.")
    Membership.objects.create(group=group, contact=rita, role=MembershipRole.FACILITATOR)
    hall = Venue.objects.create(name="Salle polyvalente des Gâtines", address="1 rue des Gâtines")
    meeting = Meeting.objects.create(
        title="Vraie séance",
        starts_at=datetime(2016, 3, 1, 9, tzinfo=ZoneInfo("Europe/Paris")),
        ends_at=datetime(2016, 3, 1, 11, tzinfo=ZoneInfo("Europe/Paris")),
        venue=hall,
    )
    meeting.groups.add(group)
    Invitation.objects.create(meeting=meeting, contact=rita)
    Attendance.objects.create(meeting=meeting, contact=rita, status=Attendance.Status.PRESENT)
    sheet = ActionSheet.objects.create(axis=dropout, group=group, title="Vraie fiche", number=1, code="DS-01")

    call_command("bench_data", scale=1, verbosity=0)
    call_command("bench_data", scale=2, verbosity=0)  # another scale replaces the generated rows only

    assert generated().count() == 200
    assert generated_groups().count() == 16
    assert generated_meetings().count() == 300
    assert generated_sheets().count() == 100
    assert 4_000 <= Attendance.objects.filter(meeting__in=generated_meetings()).count() <= 5_200
    assert Organisation.objects.filter(pk=mine.pk, name="Mission locale – Trappes").exists()
    assert Contact.objects.filter(email="rita@example.org", organisation=mine).exists()
    assert WorkingGroup.objects.filter(pk=group.pk, name="Groupe décrochage scolaire – secteur 1").exists()
    assert generated_groups().filter(name="Groupe décrochage scolaire – secteur 1 n° 2").exists()
    assert list(group.memberships.values_list("contact__email", flat=True)) == ["rita@example.org"]
    assert Venue.objects.filter(pk=hall.pk, name="Salle polyvalente des Gâtines", accessibility="").exists()
    assert list(meeting.groups.all()) == [group]
    assert list(meeting.invitations.values_list("contact__email", flat=True)) == ["rita@example.org"]
    assert list(meeting.attendances.values_list("contact__email", flat=True)) == ["rita@example.org"]
    assert ActionSheet.objects.filter(pk=sheet.pk, code="DS-01", group=group).exists()
    numbers = sorted(generated_sheets().filter(axis=dropout).values_list("number", flat=True))
    assert numbers == list(range(2, 2 + len(numbers)))  # after the real sheet, without a gap


def test_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("bench_data", scale=1)
    assert not generated().exists()
    assert not generated_groups().exists()


def test_bench_sheets_carry_follow_up_flags_progress_and_overdue_steps():
    call_command("bench_data", scale=1, verbosity=0)
    sheets = generated_sheets()
    flagged = sheets.exclude(follow_up_flag="")
    assert flagged.exists() and not flagged.exclude(status__in=FOLLOWED_UP).exists()
    assert set(flagged.values_list("follow_up_flag", flat=True)) <= {"late", "blocked", "to_discuss"}
    assert not sheets.filter(status__in=FOLLOWED_UP, progress__isnull=True).exists()
    assert set(sheets.filter(status="done").values_list("progress", flat=True)) <= {100}
    overdue = Milestone.objects.filter(sheet__in=sheets, is_done=False, due_on__lt=date.today())
    assert overdue.exists()
