"""Small builders for working groups and sessions (tests only)."""

from datetime import datetime, timedelta

from django.utils import timezone

from partners.models import Axis, Contact, Organisation, OrganisationType
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
