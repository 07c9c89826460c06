"""Security-event logging (one structured line each, never a password) and cache invalidation."""

import logging
import time

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from partners.backends import client_address
from partners.middleware import LOGIN_TIME_KEY
from partners.models import Commune, CommuneQuerySet

security = logging.getLogger("solidarites.security")


def _ip(request):
    return (client_address(request) or "-") if request is not None else "-"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    request.session[LOGIN_TIME_KEY] = time.time()
    security.info("login_ok user_id=%s ip=%s", user.pk, _ip(request))


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    security.info("logout user_id=%s ip=%s", getattr(user, "pk", None), _ip(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # credentials holds the password too: log only a hint of the identifier.
    username = str(credentials.get("username", ""))[:3]
    security.warning("login_failed username_prefix=%s ip=%s", username, _ip(request))


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    security.warning("lockout username_prefix=%s ip=%s", str(username)[:3], ip_address)


@receiver([post_save, post_delete], sender=Commune)
def forget_commune(sender, **kwargs):
    caches["local"].delete(CommuneQuerySet.CACHE_KEY)
