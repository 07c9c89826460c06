from django.http import HttpResponse
from django.urls import path

from solidarites.urls import urlpatterns as portal_urlpatterns


def explode(request):
    raise RuntimeError("erreur de test")


urlpatterns = [
    *portal_urlpatterns,
    path("extra/", lambda request: HttpResponse(), name="pas_dans_la_table"),
    path("boum/", explode),
]
