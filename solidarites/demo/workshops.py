"""The demo working groups and sessions (workshops app), loaded by `load_demo` after the directory.

Everything is written through `workshops.services` and `workshops.register_services`, as the coordinators
would do it in the portal: members added, sessions created, invitations sent, answers given, attendance recorded
(walk-ins included), minutes saved and published, findings and obstacles entered, so that the demo exercises the
real code and leaves the real log entries. Working groups and venues have no service (the admin creates them).

The 2015 sessions go through the same steps as a session to come, then are dated after the fact: each is created
the day after the load, so that the services accept the invitations (they refuse a meeting that has started),
then its dates, the invitations' sending and answering times, the attendance and the minutes are moved to 2015
by the ORM, as the sheet loader does for its versions. Nothing is e-mailed: the services that mail are called
with `notify=False`.

Idempotent: every record is looked up by its natural key (venue name, group name, axis + finding title, meeting
title + start, obstacle title) and its children (members, invitations, attendance, minutes) are only created with
it. The upcoming sessions are placed relative to `today`; one is only created again when no session of the same
title is still to come.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from partners.enums import Role
from partners.models import Axis, Contact, Organisation, User
from solidarites.demo.data.workshops import (
    COMMITTEES,
    COMMON_MANDATE,
    COORDINATOR_EMAIL,
    FINDINGS,
    GROUPS,
    MOSAIQUE,
    NOT_AT_PARTNERS_DAY,
    OBSTACLES,
    PARIS,
    PARTNER_EMAIL,
    PARTNERS_DAY,
    PARTNERS_DAY_ORGANISATIONS,
    PLENARY,
    SECOND_AGENDA,
    SECOND_SESSION,
    STAND_INS,
    THIRD_AGENDA,
    THIRD_SESSION,
    UPCOMING,
    VENUES,
)
from workshops import register_services, services
from workshops.models import (
    Attendance,
    CoordinationObstacle,
    Finding,
    Invitation,
    Meeting,
    Membership,
    MembershipRole,
    Minutes,
    Venue,
    WorkingGroup,
)

__all__ = ["COORDINATOR_EMAIL", "GROUPS", "PARTNER_EMAIL", "at", "load_workshops", "summary", "working_day"]
# What each answer means for the attendance (a few of the « yes » do not come, see `past_session`).
ATTENDANCE = {
    Invitation.Answer.YES: Attendance.Status.PRESENT,
    Invitation.Answer.NO: Attendance.Status.EXCUSED,
    Invitation.Answer.REPRESENTED: Attendance.Status.REPRESENTED,
    Invitation.Answer.PENDING: Attendance.Status.ABSENT,
}


def at(day, hhmm):
    hours, minutes = hhmm.split(":")
    return datetime.combine(day, time(int(hours), int(minutes)), tzinfo=PARIS)


# Fixed-date public holidays in France (month, day); the movable ones (Easter…) are not worth the code here.
PUBLIC_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}


def working_day(day):
    """The first day from `day` on that is a weekday, not a public holiday and not in the Christmas or early
    August break, when no partner would come to a meeting."""
    while (
        day.weekday() >= 5
        or (day.month, day.day) in PUBLIC_HOLIDAYS
        or (day.month == 12 and day.day >= 22)
        or (day.month == 1 and day.day <= 2)
        or (day.month == 8 and day.day <= 20)
    ):
        day += timedelta(days=1)
    return day


class _Loader:
    def __init__(self, today):
        self.today = today
        self.rng = random.Random("Plaisir 2015")
        self.axes = {axis.code: axis for axis in Axis.objects.all()}
        self.coordinator = (
            User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
            or User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by("pk").first()
        )
        self.partner = Contact.objects.filter(user__email__iexact=PARTNER_EMAIL).select_related("user").first()
        self.contacts = {}  # organisation id → active interlocutors, primary first
        for contact in Contact.objects.active().order_by("-is_primary", "pk"):
            if self.partner is None or contact.pk != self.partner.pk:
                self.contacts.setdefault(contact.organisation_id, []).append(contact)
        self.organisations = {
            organisation.name: organisation
            for organisation in Organisation.objects.filter(is_active=True, pk__in=self.contacts)
        }
        self.groups = {}
        self.sessions = {}

    def first_contact(self, organisation_name):
        organisation = self.organisations.get(organisation_name)
        return self.contacts[organisation.pk][0] if organisation else None

    # Venues, findings, groups

    def load_venues(self):
        self.venues = {
            spec["name"]: Venue.objects.get_or_create(name=spec["name"], defaults=spec)[0] for spec in VENUES
        }

    def load_findings(self):
        existing = set(Finding.objects.values_list("axis__code", "title"))
        created = 0
        for code, items in FINDINGS.items():
            for position, (kind, source, title, text) in enumerate(items, start=1):
                if code in self.axes and (code, title) not in existing:
                    data = {"axis": self.axes[code], "kind": kind, "source": source, "title": title, "text": text}
                    register_services.create_finding(by=self.coordinator, data=data | {"position": position})
                    created += 1
        return created

    def load_groups(self):
        created = 0
        for position, spec in enumerate(GROUPS, start=1):
            axis = self.axes.get(spec["axis"])
            if axis is None:
                continue
            group, is_new = WorkingGroup.objects.get_or_create(
                name=spec["name"],
                defaults={"axis": axis, "mandate": spec["mandate"] + COMMON_MANDATE, "position": position},
            )
            self.groups[spec["axis"]] = group
            if is_new:
                created += 1
                self.add_members(group, spec, axis)
        return created

    def facilitator(self, spec, axis):
        """The first interlocutor of the structure named, else of any city structure working on the axis (the
        directory was edited)."""
        return self.first_contact(spec["facilitator"]) or next(
            (
                self.contacts[organisation.pk][0]
                for organisation in Organisation.objects.filter(
                    is_active=True, type__code="ville", axes=axis, pk__in=self.contacts
                ).order_by("pk")
            ),
            None,
        )

    def add_members(self, group, spec, axis):
        roles = {}  # contact → role, the facilitators first
        facilitator = self.facilitator(spec, axis)
        if facilitator:
            roles[facilitator] = MembershipRole.FACILITATOR
        co_facilitator = self.partner if spec.get("partner") else self.first_contact(spec["co_facilitator"] or "")
        if co_facilitator:
            roles[co_facilitator] = MembershipRole.CO_FACILITATOR
        if spec.get("partner_member") and self.partner:
            roles[self.partner] = MembershipRole.MEMBER
        taken = {contact.organisation_id for contact in roles}
        pool = [
            organisation
            for organisation in Organisation.objects.filter(is_active=True, axes=axis, pk__in=self.contacts)
            .select_related("type")
            .order_by("pk")
            if organisation.pk not in taken
        ]
        for organisation in self.rng.sample(pool, max(0, min(len(pool), spec["size"] - len(roles)))):
            observer = organisation.type.code in ("etat_agence", "region", "interco")
            roles[self.contacts[organisation.pk][0]] = MembershipRole.OBSERVER if observer else MembershipRole.MEMBER
        for contact, role in roles.items():
            services.add_member(by=self.coordinator, group=group, contact=contact, role=role)
        group.memberships.update(since=PARTNERS_DAY)  # dated after the fact: the groups met on the partners' day

    # Meetings

    def meeting(self, *, title, kind, start, end, venue, agenda, groups, organiser=None):
        """(meeting, created): looked up by title and start. A past meeting is created the day after the load
        (the services refuse to invite to a meeting that has started), to be dated after the fact (`date`)."""
        existing = Meeting.objects.filter(title=title, starts_at=start).first()
        if existing:
            return existing, False
        if start < timezone.now():
            shift = timedelta(days=(timezone.localdate() - timezone.localdate(start)).days + 1)
            start, end = start + shift, end + shift
        data = {"kind": kind, "title": title, "starts_at": start, "ends_at": end, "agenda": agenda, "groups": groups}
        meeting = services.create_meeting(
            by=organiser or self.coordinator, data=data | {"venue": self.venues.get(venue)}
        )
        return meeting, True

    def past_session(self, meeting, outcomes, walk_ins=(), sure=()):
        """Invite, answer and record the attendance through the services. outcomes: [(contact, answer)]; the
        attendance follows the answer, with a few no-shows (never among the contacts in `sure`). Returns the
        answer times to date after the fact, as offsets from the sending."""
        plan = []  # (contact, answer, stand-in, answered after, attendance), drawn in the order of the outcomes
        for contact, answer in outcomes:
            stand_in = self.rng.choice(STAND_INS) if answer == Invitation.Answer.REPRESENTED else ""
            delay = None
            if answer != Invitation.Answer.PENDING:
                delay = timedelta(days=self.rng.randint(1, 12), hours=self.rng.randint(0, 8))
            status = ATTENDANCE[answer]
            if status == Attendance.Status.PRESENT and contact not in sure and self.rng.random() < 0.04:
                status = Attendance.Status.ABSENT
            plan.append((contact, answer, stand_in, delay, status))
        by = self.coordinator
        services.send_invitations(by=by, meeting=meeting, extra=[row[0] for row in plan], notify=False)
        invitations = {invitation.contact_id: invitation for invitation in meeting.invitations.all()}
        delays = {}
        for contact, answer, stand_in, delay, _status in plan:
            if answer != Invitation.Answer.PENDING:
                invitation = invitations[contact.pk]
                services.answer_invitation(invitation=invitation, answer=answer, represented_by=stand_in)
                delays[invitation.pk] = delay
        statuses = {contact: (status, stand_in) for contact, _answer, stand_in, _delay, status in plan}
        services.record_attendance(by=by, meeting=meeting, statuses=statuses)
        for contact in walk_ins:
            services.add_walk_in(by=by, meeting=meeting, contact=contact)
        return delays

    def minutes(self, meeting, spec):
        tasks = [{"what": what, "who": who, "due_on": due, "is_done": done} for what, who, due, done in spec["tasks"]]
        minutes = services.save_minutes(
            by=self.coordinator,
            meeting=meeting,
            version=0,
            summary=spec["summary"],
            decisions=spec["decisions"],
            tasks=tasks,
        )
        services.publish_minutes(by=self.coordinator, minutes=minutes, notify=False)

    def date(self, meeting, *, start, end, sent_at, delays, published_at):
        """Dated after the fact: the 2015 session, its invitations, answers, attendance and minutes."""
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=end, invitations_sent_at=sent_at, created_at=sent_at - timedelta(days=7)
        )
        meeting.invitations.update(sent_at=sent_at)
        for pk, delay in delays.items():
            Invitation.objects.filter(pk=pk).update(answered_at=sent_at + delay)
        meeting.attendances.update(recorded_at=end)
        Minutes.objects.filter(meeting=meeting).update(published_at=published_at, updated_at=published_at)

    def load_partners_day(self):
        start, end = at(PARTNERS_DAY, "09:00"), at(PARTNERS_DAY, "16:30")
        # Without its groups at first: the invitations went to the structures chosen, not to the groups' members.
        meeting, created = self.meeting(
            title=PLENARY["title"],
            kind=Meeting.Kind.PLENARY,
            start=start,
            end=end,
            venue=MOSAIQUE,
            agenda=PLENARY["agenda"],
            groups=[],
        )
        self.partners_day = meeting
        if not created:
            return 0
        organisations = [
            organisation
            for organisation in sorted(self.organisations.values(), key=lambda organisation: organisation.pk)
            if organisation.name not in NOT_AT_PARTNERS_DAY
        ][:PARTNERS_DAY_ORGANISATIONS]
        outcomes, walk_ins, sure = [], [], set()
        for index, organisation in enumerate(organisations):
            first, *others = self.contacts[organisation.pk]
            # One interlocutor per structure came (sometimes a colleague in their place); some brought a second.
            outcomes.append((first, Invitation.Answer.REPRESENTED if index % 13 == 5 else Invitation.Answer.YES))
            sure.add(first)
            if others and index % 3 == 0:
                outcomes.append((others[0], self.rng.choice([Invitation.Answer.YES] * 3 + [Invitation.Answer.NO])))
            elif others and index % 17 == 4:
                walk_ins.append(others[0])
        if self.partner and self.partner.organisation in organisations:
            outcomes.append((self.partner, Invitation.Answer.YES))
        delays = self.past_session(meeting, outcomes, walk_ins, sure)
        # The seven groups were formed that afternoon: the session is theirs too.
        meeting.refresh_from_db()
        changes = {"groups": list(self.groups.values())}
        services.update_meeting(by=self.coordinator, meeting=meeting, version=meeting.version, changes=changes)
        self.minutes(meeting, PLENARY)
        sent_at = at(PARTNERS_DAY - timedelta(days=28), "10:00")
        published_at = at(PARTNERS_DAY + timedelta(days=8), "11:00")
        self.date(meeting, start=start, end=end, sent_at=sent_at, delays=delays, published_at=published_at)
        return 1

    def group_outcomes(self, group):
        """The members' answers to a group session: the facilitators and the demo partner come."""
        outcomes, sure = [], set()
        for membership in group.memberships.filter(is_active=True).select_related("contact").order_by("pk"):
            draw = self.rng.random()
            if membership.is_facilitator or membership.contact == self.partner:
                answer = Invitation.Answer.YES
                sure.add(membership.contact)
            elif draw < 0.66:
                answer = Invitation.Answer.YES
            elif draw < 0.82:
                answer = Invitation.Answer.NO
            elif draw < 0.92:
                answer = Invitation.Answer.REPRESENTED
            else:
                answer = Invitation.Answer.PENDING
            outcomes.append((membership.contact, answer))
        return outcomes, sure

    def load_sessions(self):
        created = 0
        for spec in GROUPS:
            group = self.groups.get(spec["axis"])
            if group is None:
                continue
            venue, begin, end = spec["slot"]
            sessions = [
                (SECOND_SESSION, SECOND_AGENDA, spec["minutes"][0]),
                (THIRD_SESSION, THIRD_AGENDA, spec["minutes"][1]),
            ]
            for number, (day, agenda, minutes) in enumerate(sessions, start=2):
                start, finish = at(day, begin), at(day, end)
                meeting, is_new = self.meeting(
                    title=f"{spec['name'].removeprefix('Groupe de travail – ')} – {number}e séance : "
                    + ("pistes d'actions" if number == 2 else "rédaction des fiches actions"),
                    kind=Meeting.Kind.GROUP,
                    start=start,
                    end=finish,
                    venue=venue,
                    agenda=agenda,
                    groups=[group],
                )
                self.sessions[(spec["axis"], number)] = meeting
                if not is_new:
                    continue
                created += 1
                outcomes, sure = self.group_outcomes(group)
                delays = self.past_session(meeting, outcomes, sure=sure)
                self.minutes(meeting, minutes)
                sent_at, published_at = at(day - timedelta(days=21), "09:00"), at(day + timedelta(days=8), "10:30")
                self.date(meeting, start=start, end=finish, sent_at=sent_at, delays=delays, published_at=published_at)
        return created

    def committee_outcomes(self, invitees):
        outcomes, seen = [], set()
        for contact in invitees:
            if contact and contact.pk not in seen:
                seen.add(contact.pk)
                draw = self.rng.random()
                answer = (
                    Invitation.Answer.YES
                    if draw < 0.75
                    else Invitation.Answer.REPRESENTED
                    if draw < 0.9
                    else Invitation.Answer.NO
                )
                outcomes.append((contact, answer))
        return outcomes

    def load_committees(self):
        created = 0
        facilitators = [
            membership.contact
            for membership in Membership.objects.filter(
                group__in=self.groups.values(), role__in=[MembershipRole.FACILITATOR, MembershipRole.CO_FACILITATOR]
            )
            .select_related("contact")
            .order_by("group__position", "role")
        ]
        for spec in COMMITTEES:
            venue, begin, end = spec["slot"]
            start, finish = at(spec["day"], begin), at(spec["day"], end)
            meeting, is_new = self.meeting(
                title=spec["title"],
                kind=spec["kind"],
                start=start,
                end=finish,
                venue=venue,
                agenda=spec["agenda"],
                groups=[],
            )
            if not is_new:
                continue
            created += 1
            invitees = [self.first_contact(name) for name in spec["invitees"]]
            if spec["kind"] == Meeting.Kind.COTECH:
                invitees += facilitators
            delays = self.past_session(meeting, self.committee_outcomes(invitees))
            self.minutes(meeting, spec)
            sent_at = at(spec["day"] - timedelta(days=20), "09:00")
            published_at = at(spec["day"] + timedelta(days=10), "10:00")
            self.date(meeting, start=start, end=finish, sent_at=sent_at, delays=delays, published_at=published_at)
        return created

    def load_obstacles(self):
        existing = set(CoordinationObstacle.objects.values_list("title", flat=True))
        created = 0
        for category, title, description, codes, (raised_on, number), levers, status in OBSTACLES:
            if title in existing:
                continue
            meeting = self.partners_day if number == 1 else self.sessions.get((raised_on, number))
            data = {"category": category, "title": title, "description": description, "meeting": meeting}
            data |= {"levers": levers, "status": status, "axes": [self.axes[c] for c in codes if c in self.axes]}
            obstacle = register_services.create_obstacle(by=self.coordinator, data=data)
            if meeting:  # dated after the fact: entered two days after the session that raised it
                meeting.refresh_from_db()
                CoordinationObstacle.objects.filter(pk=obstacle.pk).update(
                    created_at=meeting.ends_at + timedelta(days=2)
                )
            created += 1
        return created

    def load_upcoming(self):
        created = 0
        partner_user = self.partner.user if self.partner else None
        coming = Meeting.objects.filter(starts_at__date__gte=self.today)
        busy = {timezone.localdate(start) for start in coming.values_list("starts_at", flat=True)}
        for spec in UPCOMING:
            if coming.filter(title=spec["title"]).exists():
                continue  # still to come from an earlier run: keep it
            day = working_day(self.today + timedelta(days=spec["days"]))
            while day in busy:  # one session a day, even after the holidays
                day = working_day(day + timedelta(days=1))
            busy.add(day)
            venue, begin, end = spec["slot"]
            self.meeting(
                title=spec["title"],
                kind=spec["kind"],
                start=at(day, begin),
                end=at(day, end),
                venue=venue,
                agenda=spec["agenda"],
                groups=[self.groups[code] for code in spec["groups"] if code in self.groups],
                organiser=partner_user if spec.get("organiser") == "partner" else None,
            )
            created += 1
        return created

    def run(self):
        self.load_venues()
        counts = {"constats": self.load_findings(), "groupes": self.load_groups()}
        counts["séances passées"] = self.load_partners_day() + self.load_sessions() + self.load_committees()
        counts["freins"] = self.load_obstacles()
        counts["séances à venir"] = self.load_upcoming()
        return counts


def load_workshops(stdout=None, today=None):
    """Create the demo groups, sessions, findings and obstacles that are missing; return what was created."""
    counts = _Loader(today or timezone.localdate()).run()
    if stdout is not None and any(counts.values()):
        stdout.write("Groupes de travail – créés : " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    return counts


def summary():
    upcoming = Meeting.objects.upcoming().count()
    return (
        f"Groupes de travail : {WorkingGroup.objects.count()} groupes, {Membership.objects.count()} membres, "
        f"{Meeting.objects.count()} séances dont {upcoming} à venir, "
        f"{Minutes.objects.filter(status=Minutes.Status.PUBLISHED).count()} comptes rendus publiés, "
        f"{Finding.objects.count()} constats, {CoordinationObstacle.objects.count()} freins à la coordination."
    )
