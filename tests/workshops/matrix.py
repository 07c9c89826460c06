"""Permission-matrix rows for working groups and sessions, and the objects they point at.

The "partner" persona animates the group "own" and is a plain member of the group "other"; the "outsider"
persona belongs to no group. So: a facilitator manages its own group (200), is refused on another group it
can see (403), and outsiders do not see groups at all (404).
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Contact
from tests.conftest import OTHER, OWN, PERSONAS, organisation, partner_of
from workshops import services
from workshops.models import CalendarFeed, Invitation, MembershipRole
from workshops.tokens import make_token

LOGGED_IN = {"anonymous": 302, "inactive": 302}
ALL_200 = dict.fromkeys(PERSONAS, 200)
# visible to the group's members and the project team; managed by its facilitators and coordinators
OWN_GROUP_READ = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 200, "coordinator": 200, "admin": 200}
OWN_GROUP_WRITE = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
OTHER_GROUP_WRITE = {**OWN_GROUP_WRITE, "partner": 403}
MEMBERS_200 = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
TEAM_READ = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 200, "coordinator": 200, "admin": 200}
SCHEDULERS = {**LOGGED_IN, "outsider": 403, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}


def redirect_for(table):
    return {persona: 302 if code == 200 else code for persona, code in table.items()}


def workshop_objects():
    from tests.workshops.factories import MeetingFactory, contact, group, meeting, member

    own_group, other_group = group("DS"), group("IPJ")
    partner = Contact.objects.create(
        organisation=organisation(OWN), first_name="Paula", last_name="Partenaire", email="partenaire@example.org"
    )
    Contact.objects.create(
        organisation=organisation(OTHER), first_name="Omar", last_name="Extérieur", email="exterieur@example.org"
    )
    member(own_group, partner, MembershipRole.FACILITATOR)
    member(other_group, partner)
    colleague = member(own_group, contact("Claire", "Collègue"))
    other_member = member(other_group, contact("Marc", "Membre"))
    own_meeting, other_meeting = meeting(own_group), meeting(other_group, days=12)
    invitation = Invitation.objects.create(meeting=own_meeting, contact=colleague.contact)
    document = own_meeting.documents.create(title="Ordre du jour", file=SimpleUploadedFile("odj.pdf", b"%PDF"), size=4)
    past_meeting = MeetingFactory(groups=[own_group], past_with_minutes=True)  # minutes « Publié », published
    services.save_minutes(by=None, meeting=own_meeting, version=0, summary="Brouillon", decisions=[], tasks=[])
    feed = CalendarFeed.objects.create(user=own_meeting.organiser or _feed_owner())
    return {
        "own_group": own_group,
        "other_group": other_group,
        "own_membership": colleague,
        "other_membership": other_member,
        "own_meeting": own_meeting,
        "other_meeting": other_meeting,
        "past_meeting": past_meeting,
        "invitation": invitation,
        "document": document,
        "feed": feed,
    }


def _feed_owner():
    """A partner in good standing: a feed answers only for an interlocutor of an active structure."""
    return partner_of(OWN, email="abonne@example.org", first_name="Abel", last_name="Abonné")


def pk_of(key):
    return lambda objects: {"pk": objects[key].pk}


def document(objects):
    return {"pk": objects["own_meeting"].pk, "doc": objects["document"].pk}


def rsvp_token(objects):
    return {"token": make_token(objects["invitation"], "yes")}


def feed_token(objects):
    return {"token": objects["feed"].token}


OWN_GROUP, OTHER_GROUP = pk_of("own_group"), pk_of("other_group")
OWN_MEETING, OTHER_MEETING = pk_of("own_meeting"), pk_of("other_meeting")

WORKSHOPS_MATRIX = [
    ("workshops:group_list", None, "get", None, MEMBERS_200),
    ("workshops:group_detail", OWN_GROUP, "get", None, OWN_GROUP_READ),
    ("workshops:group_detail", OTHER_GROUP, "get", None, OWN_GROUP_READ),  # the partner is a member there
    ("workshops:member_add", OWN_GROUP, "get", None, OWN_GROUP_WRITE),
    ("workshops:member_add", OWN_GROUP, "post", {}, OWN_GROUP_WRITE),  # 200: the form comes back with errors
    ("workshops:member_add", OTHER_GROUP, "get", None, OTHER_GROUP_WRITE),
    ("workshops:member_add", OTHER_GROUP, "post", {}, OTHER_GROUP_WRITE),
    ("workshops:member_edit", pk_of("own_membership"), "get", None, OWN_GROUP_WRITE),
    ("workshops:member_edit", pk_of("own_membership"), "post", {}, OWN_GROUP_WRITE),
    ("workshops:member_edit", pk_of("other_membership"), "get", None, OTHER_GROUP_WRITE),
    ("workshops:member_edit", pk_of("other_membership"), "post", {}, OTHER_GROUP_WRITE),
    ("workshops:calendar", None, "get", None, MEMBERS_200),
    ("workshops:calendar_subscription", None, "get", None, MEMBERS_200),
    ("workshops:calendar_subscription", None, "post", {}, redirect_for(MEMBERS_200)),
    ("workshops:calendar_subscription", None, "post", {"action": "create"}, redirect_for(MEMBERS_200)),
    ("workshops:calendar_subscription", None, "post", {"action": "delete"}, redirect_for(MEMBERS_200)),
    ("workshops:calendar_feed", feed_token, "get", None, ALL_200),  # the secret address is the credential
    ("workshops:meeting_create", None, "get", None, SCHEDULERS),
    ("workshops:meeting_create", None, "post", {}, SCHEDULERS),
    ("workshops:attendance_stats", None, "get", None, TEAM_READ),
    ("workshops:meeting_detail", OWN_MEETING, "get", None, OWN_GROUP_READ),
    ("workshops:meeting_detail", OTHER_MEETING, "get", None, OWN_GROUP_READ),
    ("workshops:meeting_edit", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:meeting_edit", OWN_MEETING, "post", {}, OWN_GROUP_WRITE),
    ("workshops:meeting_edit", OTHER_MEETING, "get", None, OTHER_GROUP_WRITE),
    ("workshops:meeting_edit", OTHER_MEETING, "post", {}, OTHER_GROUP_WRITE),
    ("workshops:meeting_cancel", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:meeting_cancel", OTHER_MEETING, "post", {}, redirect_for(OTHER_GROUP_WRITE)),
    ("workshops:meeting_invite", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    # Issue 14: a post that chooses no audience comes back with « Choisissez au moins un public » (200); the
    # preview and the sending are in tests/workshops/matrix_invitations.py.
    ("workshops:meeting_invite", OTHER_MEETING, "post", {}, OTHER_GROUP_WRITE),
    ("workshops:meeting_ics", OWN_MEETING, "get", None, OWN_GROUP_READ),
    ("workshops:document_add", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:document_add", OTHER_MEETING, "post", {}, OTHER_GROUP_WRITE),
    ("workshops:document_download", document, "get", None, OWN_GROUP_READ),
    ("workshops:attendance_sheet", OWN_MEETING, "get", None, OWN_GROUP_READ),
    ("workshops:attendance_sheet", OTHER_MEETING, "get", None, {**OWN_GROUP_READ, "partner": 403}),
    ("workshops:attendance", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:attendance", OWN_MEETING, "post", {}, redirect_for(OWN_GROUP_WRITE)),
    ("workshops:attendance", OTHER_MEETING, "post", {}, redirect_for(OTHER_GROUP_WRITE)),
    ("workshops:walk_in", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:walk_in", OTHER_MEETING, "post", {}, OTHER_GROUP_WRITE),
    ("workshops:minutes_edit", OWN_MEETING, "get", None, OWN_GROUP_WRITE),
    ("workshops:minutes_edit", OWN_MEETING, "post", {}, OWN_GROUP_WRITE),
    ("workshops:minutes_edit", OTHER_MEETING, "get", None, OTHER_GROUP_WRITE),
    ("workshops:minutes_publish", OWN_MEETING, "post", {}, redirect_for(OWN_GROUP_WRITE)),
    (
        "workshops:minutes_publish",
        OWN_MEETING,
        "get",
        None,
        {**OWN_GROUP_READ, **dict.fromkeys(("outsider", "partner", "reader", "coordinator", "admin"), 405)},
    ),
    ("workshops:minutes_pdf", pk_of("past_meeting"), "get", None, OWN_GROUP_READ),  # published
    ("workshops:minutes_pdf", OWN_MEETING, "get", None, {**OWN_GROUP_READ, "reader": 404}),  # draft
    ("workshops:rsvp", rsvp_token, "get", None, ALL_200),  # answered from the e-mail, without logging in
    ("workshops:rsvp", rsvp_token, "post", {}, ALL_200),  # 200: an answer is required
    ("workshops:rsvp_new_link", rsvp_token, "get", None, dict.fromkeys(PERSONAS, 405)),
    ("workshops:rsvp_new_link", rsvp_token, "post", {}, dict.fromkeys(PERSONAS, 302)),  # e-mailed, never shown
]
