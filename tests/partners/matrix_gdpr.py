"""Permission-matrix rows for the personal-data pages (issue 13: « Mes données », export for a person, anonymisation).

See tests/test_permissions.py for the row format; tests/programme/matrix_timeline.py for an example.
« Mes données » is every signed-in person's own (nobody reaches another's: the URL names no one). The exports
and the anonymisation are the project team's: 403 for everyone else signed in, 404 for a deactivated
interlocutor outside the user's view, 403 for a coordinator on an administrator's account (admins may).
Downloads are POST (GET: 405): a deliberate, CSRF-checked click writes the log row. The account URLs check the
role first, like every account page (403, then 405); the interlocutor URLs check the method first (405), then
fetch the card (404 outside the user's view) and check the role (403).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
EVERYONE = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
EVERYONE_405 = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}
TEAM = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}
TEAM_405 = {**TEAM, "coordinator": 405, "admin": 405}
TEAM_302 = {**TEAM, "coordinator": 302, "admin": 302}
# A deactivated interlocutor: outside everyone's view but the project team's.
HIDDEN = {**LOGGED_IN, "outsider": 404, "partner": 404, "reader": 404, "coordinator": 200, "admin": 200}
# An administrator's account: a coordinator may export it (a written request) but not anonymise it.
ADMIN_ACCOUNT = {**TEAM, "coordinator": 403}


def gdpr_account(objects):
    return {"pk": objects["gdpr_account"].pk}


def gdpr_admin(objects):
    return {"pk": objects["gdpr_admin"].pk}


def gdpr_contact(objects):
    return {"pk": objects["gdpr_contact"].pk}


def gdpr_hidden(objects):
    return {"pk": objects["gdpr_hidden"].pk}


MATRIX = [
    ("accounts:my_data", None, "get", None, EVERYONE),
    ("accounts:my_data", None, "post", {}, EVERYONE_405),
    ("accounts:my_data_download", None, "post", {}, EVERYONE),
    ("accounts:my_data_download", None, "get", None, EVERYONE_405),
    ("accounts:account_data_export", gdpr_account, "post", {}, TEAM),
    ("accounts:account_data_export", gdpr_admin, "post", {}, TEAM),
    ("accounts:account_data_export", gdpr_account, "get", None, TEAM_405),
    ("accounts:contact_data_export", gdpr_contact, "post", {}, TEAM),
    ("accounts:contact_data_export", gdpr_hidden, "post", {}, HIDDEN),
    ("accounts:contact_data_export", gdpr_contact, "get", None, EVERYONE_405),
    ("accounts:account_anonymise", gdpr_account, "get", None, TEAM),
    ("accounts:account_anonymise", gdpr_account, "post", {}, TEAM),  # 200: the box is not ticked
    ("accounts:account_anonymise", gdpr_account, "post", {"confirm": "on"}, TEAM_302),
    ("accounts:account_anonymise", gdpr_admin, "get", None, ADMIN_ACCOUNT),
    ("accounts:account_anonymise", gdpr_admin, "post", {"confirm": "on"}, {**ADMIN_ACCOUNT, "admin": 302}),
    ("accounts:contact_anonymise", gdpr_contact, "get", None, TEAM),
    ("accounts:contact_anonymise", gdpr_contact, "post", {"confirm": "on"}, TEAM_302),
    ("accounts:contact_anonymise", gdpr_hidden, "get", None, HIDDEN),
    (
        "accounts:contact_anonymise",
        gdpr_hidden,
        "post",
        {"confirm": "on"},
        {**HIDDEN, "coordinator": 302, "admin": 302},
    ),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    from partners.models import Contact
    from tests.conftest import OWN, organisation
    from tests.partners.factories import UserFactory

    structure = organisation(OWN)
    return {
        "gdpr_account": UserFactory(email="demandeur@example.org", first_name="Denis", last_name="Demandeur"),
        "gdpr_admin": UserFactory(email="admin-rgpd@example.org", admin=True),
        "gdpr_contact": Contact.objects.create(
            organisation=structure, first_name="Clara", last_name="Courrier", email="clara@example.org"
        ),
        "gdpr_hidden": Contact.objects.create(
            organisation=structure, first_name="Ancienne", last_name="Bénévole", is_active=False
        ),
    }
