"""Permission-matrix rows for the exports of every list: sessions, invitations and answers, attendance,
participation, findings, obstacles, accounts, sent e-mails.

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. Whoever sees a list exports it (the
calendar, a group's sessions, the diagnostic, the register of obstacles, the participation figures for the
project team and readers); the lists naming people (a session's invitees and attendance, the accounts, the
e-mails sent) only those who manage them. An unknown format (or participation table) is 404 once the list is
allowed; every export is read-only (POST 405, or 403 first where a decorator refuses the persona).
"""

from tests.conftest import PERSONAS

LOGGED_IN = {"anonymous": 302, "inactive": 302}
MEMBERS = {**dict.fromkeys(PERSONAS, 200), **LOGGED_IN}
MEMBERS_405 = {**dict.fromkeys(PERSONAS, 405), **LOGGED_IN}  # read-only views: the method is refused first
GROUP_READ = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 200, "coordinator": 200, "admin": 200}
# a session's people: its organisers (the partner facilitates the group « own »), coordinators
OWN_MANAGE = {**LOGGED_IN, "outsider": 404, "partner": 200, "reader": 403, "coordinator": 200, "admin": 200}
OTHER_MANAGE = {**OWN_MANAGE, "partner": 403}
TEAM_READ = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 200, "coordinator": 200, "admin": 200}
COORDINATION = {**LOGGED_IN, "outsider": 403, "partner": 403, "reader": 403, "coordinator": 200, "admin": 200}


def allowed_as(table, code):
    """`table` with the personas it allows (200) answering `code` instead."""
    return {persona: code if expected == 200 else expected for persona, expected in table.items()}


def export_as(fmt, key=None, **extra):
    if key is None:
        return lambda objects: {"fmt": fmt, **extra}
    return lambda objects: {"pk": objects[key].pk, "fmt": fmt, **extra}


def rows(name, expected, key=None, post=MEMBERS_405, **extra):
    """The three formats (200 where allowed), an unknown one (404 where allowed) and a POST (`post`: 405 for all
    where the view is read-only first, 405 where allowed behind a decorator that refuses the others)."""
    return [
        *((name, export_as(fmt, key, **extra), "get", None, expected) for fmt in ("csv", "xlsx", "ods")),
        (name, export_as("pdf", key, **extra), "get", None, allowed_as(expected, 404)),
        (name, export_as("csv", key, **extra), "post", {}, post),
    ]


MATRIX = [
    *rows("workshops:calendar_export", MEMBERS),
    *rows("workshops:group_meetings_export", GROUP_READ, "own_group"),
    *rows("workshops:invitations_export", OWN_MANAGE, "own_meeting"),
    ("workshops:invitations_export", export_as("csv", "other_meeting"), "get", None, OTHER_MANAGE),
    *rows("workshops:attendance_export", OWN_MANAGE, "own_meeting"),
    ("workshops:attendance_export", export_as("csv", "other_meeting"), "get", None, OTHER_MANAGE),
    *rows("workshops:participation_export", TEAM_READ, post=allowed_as(TEAM_READ, 405), table="par-groupe"),
    *(
        ("workshops:participation_export", export_as("xlsx", table=name), "get", None, TEAM_READ)
        for name in ("par-seance", "par-structure", "taux-par-groupe", "taux-par-structure", "jamais-presentes")
    ),
    ("workshops:participation_export", export_as("csv", table="inconnu"), "get", None, allowed_as(TEAM_READ, 404)),
    *rows("workshops:finding_export", MEMBERS),
    *rows("workshops:obstacle_export", MEMBERS),
    *rows("accounts:account_export", COORDINATION, post=allowed_as(COORDINATION, 405)),
    *rows("accounts:email_export", COORDINATION, post=allowed_as(COORDINATION, 405)),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
