"""What the workshops app holds about a person (group memberships, invitations and answers, attendance, calendar
feed), for « Mes données » and anonymisation: registered in partners.personal_data by WorkshopsConfig.ready()."""

from django.db.models import Q

from partners import personal_data
from workshops.models import Attendance, CalendarFeed, Decision, FollowUpTask, Invitation, Membership, Minutes


def memberships(person):
    if person.contact is None:
        return []
    rows = Membership.objects.filter(contact=person.contact).select_related("group").order_by("since", "pk")
    return [
        {"groupe": row.group.name, "role": row.get_role_display(), "depuis_le": row.since, "actif": row.is_active}
        for row in rows
    ]


def invitations(person):
    if person.contact is None:
        return []
    rows = Invitation.objects.filter(contact=person.contact).select_related("meeting").order_by("meeting__starts_at")
    return [
        {
            "seance": row.meeting.title,
            "date": row.meeting.starts_at,
            "envoyee_le": row.sent_at,
            "reponse": row.get_answer_display(),
            "represente_par": row.represented_by,
            "repondu_le": row.answered_at,
        }
        for row in rows
    ]


def attendance(person):
    if person.contact is None:
        return []
    rows = Attendance.objects.filter(contact=person.contact).select_related("meeting").order_by("meeting__starts_at")
    return [
        {
            "seance": row.meeting.title,
            "date": row.meeting.starts_at,
            "presence": row.get_status_display(),
            "represente_par": row.represented_by,
            "venu_sans_invitation": row.is_walk_in,
        }
        for row in rows
    ]


def calendar_feed(person):
    feed = CalendarFeed.objects.filter(user=person.user).first() if person.user else None
    return [{"abonnement_cree_le": feed.created_at, "adresse": "secrète, non reproduite ici"}] if feed else []


def forget_calendar_feed(person, alias):
    """The feed's secret address would still list the meetings: it is revoked. Memberships, invitations and
    attendance stay (the counts of each meeting do not change), attached to the anonymised card."""
    if person.user is not None:
        CalendarFeed.objects.filter(user=person.user).delete()


def scrub_minutes(person, alias):
    """The minutes of the meetings this person was invited to or attended may name them by their last name
    alone (« Mme Quetzalcoatl présente… »): there, the last name alone is rewritten too (the full name and the
    e-mail are rewritten everywhere by partners.personal_data)."""
    if person.contact is None:
        return
    last_names = {
        holder.last_name for holder in (person.user, person.contact) if holder and len(holder.last_name) >= 3
    }
    pattern = personal_data.python_pattern([*person.names, *last_names])
    contact = person.contact
    meetings = Q(meeting__invitations__contact=contact) | Q(meeting__attendances__contact=contact)
    for minutes in Minutes.objects.filter(meetings).distinct():
        minutes.summary = pattern.sub(alias, minutes.summary)
        minutes.save(update_fields=["summary"])
        for item in Decision.objects.filter(minutes=minutes):
            item.text = pattern.sub(alias, item.text)
            item.save(update_fields=["text"])
        for item in FollowUpTask.objects.filter(minutes=minutes):
            item.what, item.who = pattern.sub(alias, item.what), pattern.sub(alias, item.who)
            item.save(update_fields=["what", "who"])


def register():
    add = personal_data.register
    add("groupes", collect=memberships, label="vos participations aux groupes de travail")
    add("invitations", collect=invitations, label="les invitations aux séances que vous avez reçues et vos réponses")
    add("presences", collect=attendance, anonymise=scrub_minutes, label="vos présences aux séances (émargement)")
    add(
        "calendrier",
        collect=calendar_feed,
        anonymise=forget_calendar_feed,
        label="votre abonnement au calendrier des séances",
    )
