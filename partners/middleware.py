"""Session safety: a hard limit on a session's age, whatever its activity."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect

LOGIN_TIME_KEY = "portal_login_at"


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
