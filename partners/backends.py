"""Who is signing in, for django-axes and the security log: the e-mail (case-insensitive) and the client's
address, read only from what the configured reverse proxy vouches for (README « Sécurité »)."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def axes_username(request, credentials):
    """Lock on the e-mail as the user would type it in any case, so « Alice@… » and « alice@… » count together."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address. Without a configured proxy: REMOTE_ADDR, whatever the request's headers claim.
    TRUSTED_PROXY_HEADER (e.g. X-Real-IP): that header, which the proxy sets and overwrites. TRUSTED_PROXY_COUNT
    = N proxies in front: X-Forwarded-For read from the right, the N-th entry (each proxy appends the address it
    saw; what the client wrote itself stays on the left). The header wins if both are set. Missing or malformed:
    REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.TRUSTED_PROXY_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        return _valid(value) or remote
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            return _valid(hops[-count]) or remote
    return remote


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler with a second, higher limit per address (AXES_ADDRESS_FAILURE_LIMIT failures
    over every account within the cool-off), next to its own per account and address (AXES_FAILURE_LIMIT).

    Axes compares one count with one limit, in two places (the check before a sign-in, the lockout after a
    failure): the address's count is scaled onto the account limit, so that it reaches that limit exactly when it
    reaches its own (floor(n × L / A) ≥ L ⇔ n ≥ A)."""

    def get_failures(self, request, credentials=None) -> int:
        account = super().get_failures(request, credentials)
        limit, address_limit = settings.AXES_FAILURE_LIMIT, settings.AXES_ADDRESS_FAILURE_LIMIT
        since = timezone.now() - settings.AXES_COOLOFF_TIME
        address = AccessAttempt.objects.filter(ip_address=request.axes_ip_address, attempt_time__gte=since)
        failures = address.aggregate(total=Sum("failures_since_start"))["total"] or 0
        return max(account, failures * limit // address_limit)
