"""Who a bulk invitation reaches: the members of the session's groups, the structures of a type, an axis or a
neighbourhood (their main interlocutor or all of them), the participants of a past session and hand-picked
people, in any combination; and the preview of it (who will be invited, who cannot be, who already is).

Audiences add up and each person counts once. Only active interlocutors of active structures are reached;
those without an e-mail address are listed apart and not invited (the invitation is an e-mail).
"""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from django.utils import timezone

from partners.models import Contact, Organisation
from workshops.enums import ATTENDED
from workshops.models import Attendance, Meeting


@dataclass(frozen=True)
class Audience:
    group_members: bool = True
    types: tuple = ()
    axes: tuple = ()
    neighbourhoods: tuple = ()
    everyone_in_structures: bool = False  # False: the main interlocutor of each structure only
    past_meeting: Meeting | None = None
    extra: tuple = ()  # contacts

    @property
    def is_empty(self):
        chosen = (self.types, self.axes, self.neighbourhoods, self.past_meeting, self.extra)
        return not self.group_members and not any(chosen)

    def structures(self):
        """The active structures of the chosen types, axes and neighbourhoods (any of them)."""
        if not (self.types or self.axes or self.neighbourhoods):
            return Organisation.objects.none()
        chosen = Q(type__in=self.types) | Q(axes__in=self.axes) | Q(neighbourhoods__in=self.neighbourhoods)
        return Organisation.objects.active().filter(pk__in=Organisation.objects.filter(chosen).values("pk"))

    def _sources(self, meeting):
        """One query of interlocutor ids per chosen audience (joined by UNION: an OR across the joins would make
        PostgreSQL read every interlocutor)."""
        if self.extra:
            yield Contact.objects.filter(pk__in=[contact.pk for contact in self.extra])
        if self.group_members:
            yield Contact.objects.filter(memberships__group__in=meeting.groups.all(), memberships__is_active=True)
        if self.types or self.axes or self.neighbourhoods:
            in_structures = Contact.objects.filter(organisation__in=self.structures())
            yield in_structures if self.everyone_in_structures else in_structures.filter(is_primary=True)
        if self.past_meeting is not None:
            yield Contact.objects.filter(attendances__meeting=self.past_meeting, attendances__status__in=ATTENDED)

    def contacts(self, meeting):
        """The active people reached, each once (with or without an e-mail address)."""
        sources = [source.values("pk") for source in self._sources(meeting)]
        if not sources:
            return Contact.objects.none()
        return Contact.objects.active().filter(pk__in=sources[0].union(*sources[1:]))

    def describe(self):
        """The audiences in words, for the log: « membres des groupes ; quartier Le Valibout (principaux) »."""
        parts = ["membres des groupes"] if self.group_members else []
        reach = "tous les interlocuteurs" if self.everyone_in_structures else "interlocuteur principal"
        for label, items in (("type", self.types), ("axe", self.axes), ("quartier", self.neighbourhoods)):
            parts += [f"{label} {item} ({reach})" for item in items]
        if self.past_meeting is not None:
            day = timezone.localtime(self.past_meeting.starts_at)
            parts.append(f"participants de « {self.past_meeting} » du {day:%d/%m/%Y}")
        if self.extra:
            parts.append(f"{len(self.extra)} personne(s) choisie(s)")
        return " ; ".join(parts)


@dataclass
class Preview:
    to_invite: list = field(default_factory=list)  # reached, not yet invited, with an address: e-mailed
    without_email: list = field(default_factory=list)  # reached, not yet invited, no address: not invited
    already_invited: list = field(default_factory=list)  # reached and already invited: nothing sent again
    without_primary: list = field(default_factory=list)  # chosen structures with no active main interlocutor

    LISTED = 300  # names shown per list: the page stays light when a whole type of structure is invited

    @property
    def count(self):
        return len(self.to_invite)

    def listed(self, people):
        """The first LISTED people, and how many more are not named."""
        return {"people": people[: self.LISTED], "more": max(0, len(people) - self.LISTED)}

    @cached_property
    def lists(self):
        return {name: self.listed(getattr(self, name)) for name in ("to_invite", "without_email", "already_invited")}

    @property
    def fingerprint(self):
        """Names the exact set of people to invite, so that sending checks it is still the one previewed."""
        ids = ",".join(str(pk) for pk in sorted(contact.pk for contact in self.to_invite))
        return hashlib.sha256(ids.encode()).hexdigest()[:24]


def preview(meeting, audience):
    """Who `audience` reaches for `meeting`, sorted into the lists of the preview (4 queries whatever the size)."""
    people = list(
        audience.contacts(meeting)
        .select_related("organisation")
        .annotate(invited=Count("invitations", filter=Q(invitations__meeting=meeting)))
        .order_by("last_name", "first_name", "pk")
    )
    result = Preview(without_primary=_without_primary(audience))
    for person in people:
        if person.invited:
            result.already_invited.append(person)
        elif person.email:
            result.to_invite.append(person)
        else:
            result.without_email.append(person)
    return result


def _without_primary(audience):
    if audience.everyone_in_structures or not (audience.types or audience.axes or audience.neighbourhoods):
        return []
    primaries = Contact.objects.active().filter(is_primary=True).values("organisation_id")
    return list(audience.structures().exclude(pk__in=primaries).order_by("name"))


PAST_MEETINGS_OFFERED = 200  # the select stays light at 100× data (15,000 sessions)


def past_meetings(user, limit=PAST_MEETINGS_OFFERED):
    """The latest past sessions `user` can see where someone was recorded present or represented, latest first,
    each with its number of participants."""
    visible = Meeting.objects.visible_to(user).values("pk")
    held = (
        Meeting.objects.filter(pk__in=visible, ends_at__lt=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(pk__in=Attendance.objects.attended().values("meeting_id"))
        .order_by("-starts_at", "-pk")
    )
    return (
        Meeting.objects.filter(pk__in=held.values("pk")[:limit])
        .annotate(participants=Count("attendances", filter=Q(attendances__status__in=ATTENDED)))
        .order_by("-starts_at", "-pk")
    )
