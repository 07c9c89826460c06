"""The portal's URLs with the workshops app, for the register tests until workshops.urls is wired in.

Once solidarites/urls.py includes the « workshops » namespace, this is the portal's urlconf unchanged. Until
then it adds workshops.urls; should that module not import yet (views still being written), it adds the seven
routes of the diagnostic and of the register of obstacles, plus stand-ins for the pages they link to.
"""

from django.http import Http404
from django.urls import URLResolver, include, path

from solidarites.urls import urlpatterns as portal_urlpatterns


def _not_here(request, *args, **kwargs):
    raise Http404


def _register_routes():
    from workshops import register_views

    patterns = [
        path("diagnostic/", register_views.finding_list, name="finding_list"),
        path("diagnostic/nouveau/", register_views.finding_create, name="finding_create"),
        path("diagnostic/<int:pk>/modifier/", register_views.finding_edit, name="finding_edit"),
        path("freins/", register_views.obstacle_list, name="obstacle_list"),
        path("freins/nouveau/", register_views.obstacle_create, name="obstacle_create"),
        path("freins/<int:pk>/", register_views.obstacle_detail, name="obstacle_detail"),
        path("freins/<int:pk>/modifier/", register_views.obstacle_edit, name="obstacle_edit"),
        path("seances/<int:pk>/", _not_here, name="meeting_detail"),
        path("groupes/<int:pk>/", _not_here, name="group_detail"),
    ]
    return include((patterns, "workshops"))


def _workshops():
    try:
        return include("workshops.urls")
    except ImportError:
        return _register_routes()


if any(isinstance(item, URLResolver) and item.namespace == "workshops" for item in portal_urlpatterns):
    urlpatterns = portal_urlpatterns
else:
    urlpatterns = [*portal_urlpatterns, path("", _workshops())]
