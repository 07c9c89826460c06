"""Signed, single-purpose answer links: they name one invitation, carry its current nonce and expire when the
meeting ends.

One answer per link: recording an answer rotates the invitation's nonce, so every link sent before it is
« used » (it shows the answer recorded and offers to e-mail a new link to the invitee). A link also stops
working when the meeting has started or is cancelled, or when the signature does not match (tampered link).
The end time is signed into the link as an absolute instant (the meeting's end, Europe/Paris, as stored).
"""

from collections import namedtuple

from django.core import signing
from django.utils import timezone

SALT = "workshops.rsvp"

Link = namedtuple("Link", "invitation_id nonce answer expired")


def make_token(invitation, answer=""):
    expires = int(invitation.meeting.ends_at.timestamp())
    return signing.dumps(
        {"i": invitation.pk, "n": invitation.nonce, "a": answer, "e": expires}, salt=SALT, compress=True
    )


def read_token(token, now=None):
    """The `Link` a token names, or None when the token is not ours or was altered. `expired` once the meeting's
    end signed into it has passed (links made before the expiry was signed rely on the meeting's own end)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    expires = data.get("e")
    expired = isinstance(expires, int) and (now or timezone.now()).timestamp() >= expires
    return Link(data["i"], str(data.get("n", "")), str(data.get("a", "")), expired)
