"""iCalendar (RFC 5545) for invitations (REQUEST / CANCEL with a stable UID and a growing SEQUENCE) and feeds."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//Projet Ville Solidarites//Portail//FR"


def uid(meeting):
    host = settings.SITE_URL.split("//")[-1].split("/")[0].split(":")[0] or "localhost"
    return f"{meeting.uid}@{host}"


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def event(meeting, *, url, cancelled=False, attendee=None):
    item = Event()
    item.add("uid", uid(meeting))
    item.add("sequence", meeting.sequence)
    item.add("dtstamp", timezone.now())
    # Times in UTC: every client converts them to its own zone, no VTIMEZONE block needed.
    item.add("dtstart", meeting.starts_at.astimezone(UTC))
    item.add("dtend", meeting.ends_at.astimezone(UTC))
    item.add("summary", meeting.title)
    if meeting.venue:
        item.add("location", vText(f"{meeting.venue.name}, {meeting.venue.full_address}"))
    description = [meeting.get_kind_display()]
    if meeting.agenda_items:
        description += ["", "Ordre du jour :"] + [f"- {line}" for line in meeting.agenda_items]
    description += ["", url]
    item.add("description", "\n".join(description))
    item.add("url", url)
    item.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    if meeting.organiser and meeting.organiser.email:
        organiser = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].rstrip('>')}")
        organiser.params["cn"] = vText(meeting.organiser.get_full_name())
        item.add("organizer", organiser)
    if attendee is not None and attendee.email:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(f"{attendee.first_name} {attendee.last_name}")
        address.params["role"] = vText("REQ-PARTICIPANT")
        item.add("attendee", address)
    return item


def invitation_ics(meeting, *, url, attendee, cancelled=False):
    calendar = _calendar("CANCEL" if cancelled else "REQUEST")
    calendar.add_component(event(meeting, url=url, cancelled=cancelled, attendee=attendee))
    return calendar.to_ical()


def feed_ics(meetings, *, url_for, name):
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("x-published-ttl", "PT1H")
    for meeting in meetings:
        calendar.add_component(event(meeting, url=url_for(meeting)))
    return calendar.to_ical()
