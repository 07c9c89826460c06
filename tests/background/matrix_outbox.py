"""Permission-matrix rows for the outbox pages of issue 11 (see tests/test_permissions.py).

« E-mails envoyés » and its « Renvoyer » (POST) are for coordinators and administrators; the others who are
logged in get 403. The live counts of a session's e-mails (an htmx fragment) have the visibility of the
organiser's view of the session: its facilitator and the project team (others who see the session: 403;
those who do not: 404). Everything is read-only but « Renvoyer » (POST elsewhere: 405).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
OWN_MEETING_MANAGERS = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
OTHER_MEETING_MANAGERS = {**OWN_MEETING_MANAGERS, "partner": 403}
READ_ONLY = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}


def coordinators(code):
    return {**COORDINATION, "coordinator": code, "admin": code}


def failed_email(objects):
    return {"pk": objects["failed_email"].pk}


def meeting(key):
    return lambda objects: {"pk": objects[key].pk}


MATRIX = [
    ("accounts:email_list", None, "post", {}, coordinators(405)),
    ("accounts:email_resend", failed_email, "post", {}, coordinators(302)),
    ("accounts:email_resend", failed_email, "get", None, coordinators(405)),
    ("workshops:meeting_mail_status", meeting("own_meeting"), "get", None, OWN_MEETING_MANAGERS),
    ("workshops:meeting_mail_status", meeting("other_meeting"), "get", None, OTHER_MEETING_MANAGERS),
    ("workshops:meeting_mail_status", meeting("own_meeting"), "post", {}, READ_ONLY),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from partners.models import SentEmail

    failed = SentEmail.objects.create(
        to="a@example.org",
        recipients={"to": ["a@example.org"]},
        subject="Essai en échec",
        body="Bonjour",
        status=SentEmail.Status.FAILED,
        attempts=5,
        last_error="Serveur d'envoi injoignable (connexion refusée).",
    )
    return {"failed_email": failed}
