"""Session safety: a hard limit on a session's age, whatever its activity; polls that do not count as activity."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url

LOGIN_TIME_KEY = "portal_login_at"
# Sent by static/js/portal.js with the htmx requests of an element marked data-poll (a page refreshing itself).
POLL_HEADER = "HTTP_X_PORTAL_POLL"
STOP_POLLING = 286  # htmx stops polling on this status


def is_poll(request):
    """Whether the request is a page refreshing itself (htmx polling), not something the person did."""
    return POLL_HEADER in request.META


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a poll does not renew the idle timeout (issue 13, finding 9): with
    SESSION_SAVE_EVERY_REQUEST every request pushes the session's expiry back, so an open tab polling every 20 s
    kept it alive for ever. A poll that changed the session (rare) still saves it. A poll of a session that has
    expired answers 286, which stops htmx's polling, instead of the login page swapped into the page."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or not is_poll(request):
            return super().process_response(request, response)
        if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
            return HttpResponse(status=STOP_POLLING)
        if session.modified:
            return super().process_response(request, response)
        return response


class AbsoluteSessionLimitMiddleware:
    """End any session older than SESSION_ABSOLUTE_SECONDS, however active it has been."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if LOGIN_TIME_KEY in request.session:
            started = request.session[LOGIN_TIME_KEY]
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Votre session a expiré. Merci de vous reconnecter.")
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
