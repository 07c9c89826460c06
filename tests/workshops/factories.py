"""Builders for working groups and sessions (tests only): small helpers, and factory_boy factories that go
through workshops.services (a session "past", "with minutes" published, "cancelled"; a group with members)."""

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from partners.models import Axis, Contact, Organisation, OrganisationType
from tests.partners.factories import ContactFactory
from workshops import services
from workshops.models import Meeting, Membership, MembershipRole, Venue, WorkingGroup


def structure(name):
    kind = OrganisationType.objects.get(code="asso")
    return Organisation.objects.get_or_create(name=name, type=kind)[0]


def contact(first, last, organisation="Association des membres", **fields):
    email = fields.pop("email", f"{first}.{last}@example.org".lower())
    return Contact.objects.create(
        organisation=structure(organisation), first_name=first, last_name=last, email=email, **fields
    )


def group(code="DS", name=None):
    axis = Axis.objects.get(code=code)
    return WorkingGroup.objects.get_or_create(name=name or f"Groupe {axis.short_title}", defaults={"axis": axis})[0]


def member(of, person, role=MembershipRole.MEMBER):
    return Membership.objects.create(group=of, contact=person, role=role)


def mosaique():
    return Venue.objects.get_or_create(
        name="La Mosaïque – maison des familles",
        defaults={
            "address": "Place du Valibout",
            "postal_code": "78370",
            "city": "Plaisir",
            "accessibility": "De plain-pied, accessible en fauteuil roulant.",
        },
    )[0]


def local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute))


def meeting(*groups, days=10, title="Séance du groupe", **fields):
    day = timezone.localdate() + timedelta(days=days)
    item = Meeting.objects.create(
        title=title,
        kind=fields.pop("kind", Meeting.Kind.GROUP),
        starts_at=fields.pop("starts_at", local(day, 14)),
        ends_at=fields.pop("ends_at", local(day, 16, 30)),
        venue=fields.pop("venue", mosaique()),
        **fields,
    )
    item.groups.set(groups)
    return item


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    """A working group of an axis (groups are made in the admin: no service); `with_members=3` adds members."""

    class Meta:
        model = WorkingGroup
        skip_postgeneration_save = True
        django_get_or_create = ["name"]

    axis = factory.LazyFunction(lambda: Axis.objects.get(code="DS"))
    name = factory.Sequence(lambda n: f"Groupe de travail {n}")

    @factory.post_generation
    def with_members(self, create, count, **kwargs):
        for _ in range(count or 0):
            MembershipFactory(group=self)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A member of a group, added through services.add_member; `facilitator=True` for an animateur."""

    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupFactory)
    contact = factory.SubFactory(ContactFactory)
    role = MembershipRole.MEMBER
    by = None

    class Params:
        facilitator = factory.Trait(role=MembershipRole.FACILITATOR)

    @classmethod
    def _create(cls, model_class, *, by, group, contact, role):
        return services.add_member(by=by, group=group, contact=contact, role=role)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A session of `groups` in `days` days (14:00–16:30 at La Mosaïque), made through services.create_meeting.

    Traits: `past` (30 days ago), `with_minutes` (draft minutes), `past_with_minutes` (held, minutes
    published), `cancelled`."""

    class Meta:
        model = Meeting

    title = "Séance du groupe"
    kind = Meeting.Kind.GROUP
    days = 10
    starts_at = factory.LazyAttribute(lambda o: local(timezone.localdate() + timedelta(days=o.days), 14))
    ends_at = factory.LazyAttribute(lambda o: local(timezone.localdate() + timedelta(days=o.days), 16, 30))
    venue = factory.LazyFunction(mosaique)
    groups = ()
    by = None
    minutes = ""  # the summary of draft minutes, when there are minutes
    publish_minutes = False
    cancel_reason = ""

    class Params:
        past = factory.Trait(days=-30)
        with_minutes = factory.Trait(minutes="Brouillon")
        past_with_minutes = factory.Trait(days=-30, minutes="Publié", publish_minutes=True)
        cancelled = factory.Trait(cancel_reason="Salle indisponible")

    @classmethod
    def _create(cls, model_class, *, by, days, groups, minutes, publish_minutes, cancel_reason, **data):
        item = services.create_meeting(by=by, data={**data, "groups": list(groups)})
        if minutes:
            saved = services.save_minutes(by=by, meeting=item, version=0, summary=minutes, decisions=[], tasks=[])
            if publish_minutes:
                services.publish_minutes(by=by, minutes=saved)
        if cancel_reason:
            services.cancel_meeting(by=by, meeting=item, reason=cancel_reason)
        return Meeting.objects.get(pk=item.pk)  # as stored, its minutes read afresh
