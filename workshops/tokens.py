"""Signed, single-purpose answer links: they name one invitation and carry its current nonce.

A link stops working when the invitation's nonce changes (the answer recorded through it rotates the nonce:
the link is then « used », and the page offers a fresh form), when the meeting has started, when the meeting
is cancelled, or when the signature does not match (tampered link).
"""

from django.core import signing

SALT = "workshops.rsvp"
MAX_AGE = 60 * 60 * 24 * 400  # a safety net; the meeting's start closes answers long before


def make_token(invitation, answer=""):
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce, "a": answer}, salt=SALT, compress=True)


def read_token(token):
    """(invitation id, nonce, suggested answer), or None when the token is not ours or was altered."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("i"), int):
        return None
    return data["i"], str(data.get("n", "")), str(data.get("a", ""))
