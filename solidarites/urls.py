"""The portal's URLs: the shared pages, then each app's; the demo app's only where it is installed."""

from django.apps import apps
from django.contrib import admin
from django.urls import include, path

from partners import picking as pickers
from solidarites import views

urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("plan-du-site/", views.site_map, name="site_map"),
    path("aide/", views.help_page, name="help"),
    path("aide/<slug:slug>/", views.help_page, name="help_topic"),
    path("contact/", views.contact, name="contact"),
    path("logo/", views.commune_logo, name="commune_logo"),
    path("healthz", views.healthz, name="healthz"),
    path("session/prolonger/", views.extend_session, name="extend_session"),
    path("recherche/<slug:kind>/", pickers.search, name="picker_search"),
    path("", include("partners.urls")),
    path("annuaire/", include("partners.directory_urls")),
    path("", include("workshops.urls")),
    path("", include("actionsheets.urls")),
    path("", include("actionsheets.public_urls")),
    path("", include("programme.urls")),
    path("", include("background.urls")),
    path("admin/", admin.site.urls),
]
# By dotted name, so that nothing imports the demo app (import-linter); absent in production.
if apps.is_installed("solidarites.demo"):
    urlpatterns.append(path("_perf/", include("solidarites.demo.urls")))

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
