"""The follow-up of the fiches (issue 12): what is due on each fiche, the daily reminders to its pilot and
co-authors, « Mes actions » on « Mon espace », and the weekly digest of a person's groups.

What is due, on a fiche being carried out (validée, à venir, en cours, en pause) and for a date `today`:
- an unfinished milestone due within 7 days (« bientôt »), or past its due date (« en retard »);
- from 1 February, each indicator without a value for the past year, and the past year's bilan annuel, when
  the action had started that year (its start date, else its COPIL date, in that year or before).
A reminder goes once per item, due date and person (ReminderSent, written in the transaction that queues the
e-mail), to the accounts of the pilot and co-authors who did not turn reminders off; a digest once per person
and ISO week (DigestSent), only when something happened in their groups during the 7 days before `today`.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from actionsheets.enums import Status
from actionsheets.models import ActionSheet, AnnualReview, Indicator, Measurement, Milestone, Transition
from partners.mail import send_templated_email
from partners.models import Commune, Contact, User
from partners.preferences import wants_digest, wants_reminders
from programme.followup_models import DigestSent, ReminderSent
from workshops.models import Meeting, Minutes, WorkingGroup
from workshops.permissions import facilitated_group_ids, my_memberships, sees_everything

FOLLOWED_STATES = (Status.VALIDATED, Status.PLANNED, Status.IN_PROGRESS, Status.ON_HOLD)
CLOSED_STATES = (Status.DONE, Status.ABANDONED, Status.ARCHIVED)
SOON = datetime.timedelta(days=7)
Kind = ReminderSent.Kind


@dataclass(frozen=True)
class Due:
    """One thing due on a fiche: what, which item, by when, and the section of the fiche where it is entered."""

    kind: str
    item_key: str
    due_on: datetime.date
    sheet: ActionSheet
    label: str
    section: str

    @property
    def key(self):
        return (self.kind, self.item_key, self.due_on)

    @property
    def kind_label(self):
        return Kind(self.kind).label

    @property
    def url(self):
        """The exact section of the fiche's page (its anchor), as an absolute address for an e-mail."""
        return f"{settings.SITE_URL.rstrip('/')}{self.sheet.get_absolute_url()}#section-{self.section}"


def values_deadline(today):
    """The day after which the past year's indicator values and bilan are due (31 January), or None before it."""
    deadline = datetime.date(today.year, 1, 31)
    return deadline if today > deadline else None


def _running_in(year):
    """The fiches whose action had started by the end of `year` (start date, else COPIL date)."""
    return Q(start_date__year__lte=year) | Q(start_date__isnull=True, copil_date__year__lte=year)


def due_items(today):
    """Everything due on the fiches being carried out, for `today`: [Due], milestones first."""
    followed = ActionSheet.objects.filter(status__in=FOLLOWED_STATES)
    milestones = Milestone.objects.filter(
        sheet__in=followed, is_done=False, due_on__isnull=False, due_on__lte=today + SOON
    ).select_related("sheet")
    found = [
        Due(
            Kind.MILESTONE_LATE if milestone.due_on < today else Kind.MILESTONE_SOON,
            f"milestone:{milestone.pk}",
            milestone.due_on,
            milestone.sheet,
            milestone.label,
            "calendrier",
        )
        for milestone in milestones
    ]
    deadline = values_deadline(today)
    if deadline is None:
        return found
    year = today.year - 1
    running = followed.filter(_running_in(year))
    indicators = (
        Indicator.objects.filter(sheet__in=running)
        .exclude(Exists(Measurement.objects.filter(indicator=OuterRef("pk"), year=year)))
        .select_related("sheet")
    )
    found += [
        Due(
            Kind.INDICATOR,
            f"indicator:{indicator.pk}:{year}",
            deadline,
            indicator.sheet,
            indicator.label,
            "evaluation",
        )
        for indicator in indicators
    ]
    without_review = running.exclude(Exists(AnnualReview.objects.filter(sheet=OuterRef("pk"), year=year)))
    found += [
        Due(Kind.REVIEW, f"review:{sheet.pk}:{year}", deadline, sheet, f"Bilan annuel {year}", "bilan")
        for sheet in without_review
    ]
    return found


def _recipients(sheet_ids):
    """{sheet id: {user id}}: the accounts of each fiche's pilot and co-authors who want reminders."""
    wanting = {"is_active": True, "user__is_active": True, "user__follow_up_reminders": True}
    found = {}
    pilots = ActionSheet.objects.filter(pk__in=sheet_ids, **{f"pilot__{k}": v for k, v in wanting.items()})
    co_authors = ActionSheet.co_authors.through.objects.filter(
        actionsheet_id__in=sheet_ids, **{f"contact__{k}": v for k, v in wanting.items()}
    )
    for sheet_id, user_id in [
        *pilots.values_list("pk", "pilot__user_id"),
        *co_authors.values_list("actionsheet_id", "contact__user_id"),
    ]:
        found.setdefault(sheet_id, set()).add(user_id)
    return found


def send_follow_up_reminders(today):
    """Remind each pilot and co-author of what is due on their fiches, once per item and due date; returns the
    number of e-mails queued (one per person, listing their new reminders). Run daily by send_reminders."""
    items = due_items(today)
    recipients = _recipients({item.sheet.pk for item in items})
    by_user = {}
    for item in items:
        for user_id in recipients.get(item.sheet.pk, ()):
            by_user.setdefault(user_id, []).append(item)
    users = User.objects.in_bulk(list(by_user))
    sent = 0
    for user_id, mine in by_user.items():
        user = users[user_id]
        if wants_reminders(user) and user.email:
            sent += _remind(user, mine, today)
    return sent


send_follow_up_reminders.label = "suivi des fiches"


def _remind(user, items, today):
    """One person's new reminders and their e-mail, in one transaction; 0 when all were sent before (or a
    concurrent run sent them first)."""
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=user.pk).first()
            known = set(
                ReminderSent.objects.filter(user=user, item_key__in=[item.item_key for item in items]).values_list(
                    "kind", "item_key", "due_on"
                )
            )
            new = [item for item in items if item.key not in known]
            if not new:
                return 0
            ReminderSent.objects.bulk_create(
                ReminderSent(kind=i.kind, item_key=i.item_key, due_on=i.due_on, user=user, sheet=i.sheet) for i in new
            )
            context = {"user": user, "items": new, "today": today, "commune": Commune.objects.current()}
            send_templated_email(to=[user.email], template="programme/email/follow_up_reminder", context=context)
            return 1
    except IntegrityError:
        return 0


# « Mes actions » on « Mon espace »


def _count(queryset):
    counted = queryset.order_by().values("sheet").annotate(found=Count("pk")).values("found")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def my_actions(user, today):
    """The fiches `user` pilots or co-writes (not closed), each with what is due: late and soon milestones,
    indicator values and bilan of the past year missing. One query whatever their number. A pilot or co-author
    may open each of them (actionsheets.permissions.sheets_visible_to): no other filter is needed."""
    contacts = Contact.objects.filter(user=user, is_active=True).values("pk")
    mine = ActionSheet.objects.filter(Q(pilot__in=contacts) | Q(co_authors__in=contacts)).values("pk")
    year = today.year - 1
    open_milestones = Milestone.objects.filter(sheet=OuterRef("pk"), is_done=False, due_on__isnull=False)
    sheets = (
        ActionSheet.objects.filter(pk__in=mine)
        .exclude(status__in=CLOSED_STATES)
        .select_related("axis")
        .annotate(
            as_pilot=Exists(contacts.filter(pk=OuterRef("pilot_id"))),
            late=_count(open_milestones.filter(due_on__lt=today)),
            soon=_count(open_milestones.filter(due_on__gte=today, due_on__lte=today + SOON)),
            missing_values=_count(
                Indicator.objects.filter(sheet=OuterRef("pk")).exclude(
                    Exists(Measurement.objects.filter(indicator=OuterRef("pk"), year=year))
                )
            ),
            has_review=Exists(AnnualReview.objects.filter(sheet=OuterRef("pk"), year=year)),
            followed=ExpressionWrapper(Q(status__in=FOLLOWED_STATES), output_field=BooleanField()),
            started=ExpressionWrapper(_running_in(year), output_field=BooleanField()),
        )
        .order_by("axis__position", "number")
    )
    values_due = values_deadline(today) is not None
    rows = []
    for sheet in sheets:
        values = values_due and sheet.followed and bool(sheet.started)
        rows.append(
            {
                "sheet": sheet,
                "as_pilot": sheet.as_pilot,
                "late": sheet.late if sheet.followed else 0,
                "soon": sheet.soon if sheet.followed else 0,
                "missing_values": sheet.missing_values if values else 0,
                "review_missing": values and not sheet.has_review,
                "year": year,
            }
        )
    return rows


# Weekly digest


def iso_week(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def facilitates_a_group(user):
    """The animateurs and co-animateurs of a group get the digest by default (partners.preferences)."""
    return bool(facilitated_group_ids(user))


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def digest_for(user, today):
    """What happened in `user`'s groups (every group for the project team) in the 7 days before `today`, and
    what is coming: a context dict, or None when nothing changed (new fiches, status moves, minutes). The fiches
    and sessions are those the person may open (their visible_to)."""
    start, end = _midnight(today - datetime.timedelta(days=7)), _midnight(today)
    sheets = ActionSheet.objects.visible_to(user)
    meetings = Meeting.objects.visible_to(user)
    if not sees_everything(user):
        groups = WorkingGroup.objects.filter(pk__in=list(my_memberships(user)))
        sheets, meetings = sheets.filter(group__in=groups), meetings.filter(groups__in=groups).distinct()
    changes = {
        "new_sheets": list(sheets.filter(created_at__gte=start, created_at__lt=end).select_related("group")),
        "moves": list(Transition.objects.filter(sheet__in=sheets, at__gte=start, at__lt=end).select_related("sheet")),
        "minutes": list(
            Minutes.objects.filter(
                meeting__in=meetings, status=Minutes.Status.PUBLISHED, published_at__gte=start, published_at__lt=end
            ).select_related("meeting")
        ),
    }
    if not any(changes.values()):
        return None
    coming = meetings.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gte=end, starts_at__lt=end + datetime.timedelta(days=7)
    )
    overdue = Milestone.objects.filter(
        sheet__in=sheets.filter(status__in=FOLLOWED_STATES), is_done=False, due_on__lt=today
    ).select_related("sheet")
    return {**changes, "sessions": list(coming.order_by("starts_at")), "overdue": list(overdue), "since": start}


def send_weekly_digest(today):
    """One digest per person who wants it and whose groups changed, never twice in the ISO week of `today`;
    returns the number of e-mails queued."""
    week = iso_week(today)
    done = set(DigestSent.objects.filter(week=week).values_list("user_id", flat=True))
    sent = 0
    for user in User.objects.active().exclude(email="").exclude(pk__in=done).order_by("pk"):
        if not wants_digest(user):
            continue
        digest = digest_for(user, today)
        if digest is None:
            continue
        context = {**digest, "user": user, "week": week, "today": today, "base_url": settings.SITE_URL.rstrip("/")}
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week)
                context["commune"] = Commune.objects.current()
                send_templated_email(to=[user.email], template="programme/email/weekly_digest", context=context)
        except IntegrityError:  # a concurrent run sent it first
            continue
        sent += 1
    return sent
