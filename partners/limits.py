"""Rate limits on the requests that e-mail a « Définir mon mot de passe » link (password reset, activation): per
e-mail address and per client address, per hour, counted in the shared cache (caches["default"], which every
process and machine reads), so that nobody can flood a mailbox or probe addresses at will."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches

from partners.backends import client_address

security = logging.getLogger("solidarites.security")
WINDOW = 3600  # seconds: the counts start afresh an hour after a key's first request


def _count(key):
    cache = caches["default"]
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return 1


def link_request_allowed(request, email, *, kind, per_address=True):
    """Count this request; False, with one log line, when the e-mail address (LINK_REQUESTS_PER_EMAIL) or the
    client's address (LINK_REQUESTS_PER_ADDRESS, unless per_address is False) is over its hourly limit. Every
    request counts, whether the address has an account or not, so the answer tells nothing about it."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    address = client_address(request) or "-"
    over = None
    if _count(f"link-requests:email:{digest}") > settings.LINK_REQUESTS_PER_EMAIL:
        over = "email"
    if per_address and _count(f"link-requests:address:{address}") > settings.LINK_REQUESTS_PER_ADDRESS:
        over = over or "address"
    if over:
        security.warning(
            "link_request_throttled kind=%s limit=%s email_prefix=%s ip=%s", kind, over, email.strip()[:3], address
        )
    return over is None
