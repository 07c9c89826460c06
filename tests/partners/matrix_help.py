"""Permission-matrix rows for the help pages per task and the progress of long work

Issue 14; wired into the URL × persona matrix of tests/test_permissions.py. The help pages are public, like the
help index (/aide/): every persona, anonymous and inactive accounts included, reads each of them; an unknown
page is 404 for everyone; they are read-only (POST: 405).
"""

from solidarites.help import TOPICS
from tests.conftest import PERSONAS

EVERYONE = dict.fromkeys(PERSONAS, 200)
READ_ONLY = dict.fromkeys(PERSONAS, 405)
NOT_FOUND = dict.fromkeys(PERSONAS, 404)


def topic(slug):
    return lambda objects: {"slug": slug}


MATRIX = [
    *[("help_topic", topic(item.slug), "get", None, EVERYONE) for item in TOPICS],
    ("help_topic", topic("inviter"), "post", {}, READ_ONLY),
    ("help_topic", topic("page-inconnue"), "get", None, NOT_FOUND),
]


def objects():
    """The objects these rows point at, made once per class with the rest of the matrix's world."""
    return {}
