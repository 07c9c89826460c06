"""The HTTP methods the portal answers: GET, HEAD and POST; anything else is refused with 405 before the session,
the login check or the view (the middleware sits just after the headers' ones in settings.MIDDLEWARE)."""

from django.http import HttpResponseNotAllowed
from django.urls import Resolver404, resolve

PORTAL_METHODS = ("GET", "HEAD", "POST")


def accepted_methods(view):
    """The methods a view accepts among GET, HEAD and POST: a class-based view's handlers, else the list given to
    Django's `require_http_methods` (`require_POST`, `require_safe`) found along the decorators, else all three."""
    while view is not None:
        if hasattr(view, "view_class"):
            names = [name.upper() for name in view.view_class.http_method_names if hasattr(view.view_class, name)]
            names += ["HEAD"] if "GET" in names else []  # View.setup answers HEAD with get()
            return [method for method in PORTAL_METHODS if method in names]
        code = getattr(view, "__code__", None)
        closure = dict(zip(code.co_freevars, view.__closure__ or (), strict=True)) if code else {}
        if "request_method_list" in closure:
            return [method for method in PORTAL_METHODS if method in closure["request_method_list"].cell_contents]
        view = getattr(view, "__wrapped__", None)
    return list(PORTAL_METHODS)


class AllowedMethodsMiddleware:
    """The portal answers GET, HEAD and POST only. Any other method (OPTIONS, PUT, PATCH, DELETE, TRACE, CONNECT,
    an unknown verb) gets 405 with the URL's Allow header, for everyone and before the session, the login check
    or the view: nothing behind it sees the request. (No CORS here, so OPTIONS has no preflight to answer.) A
    method of the three that the URL refuses (GET on a POST-only URL) is the view's decorator's 405, after the
    login check. An unknown path goes on to its 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in PORTAL_METHODS:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return self.get_response(request)
            return HttpResponseNotAllowed(accepted_methods(match.func))
        return self.get_response(request)
