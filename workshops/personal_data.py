"""What the workshops app holds about a person (group memberships, invitations and answers, attendance, calendar
feed), for « Mes données » and anonymisation: registered in partners.personal_data by WorkshopsConfig.ready()."""

from partners import personal_data
from workshops.models import Attendance, CalendarFeed, Invitation, Membership


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


def register():
    add = personal_data.register
    add("groupes", collect=memberships, label="vos participations aux groupes de travail")
    add("invitations", collect=invitations, label="les invitations aux séances que vous avez reçues et vos réponses")
    add("presences", collect=attendance, label="vos présences aux séances (émargement)")
    add(
        "calendrier",
        collect=calendar_feed,
        anonymise=forget_calendar_feed,
        label="votre abonnement au calendrier des séances",
    )
