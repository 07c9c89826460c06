from django.contrib import admin
from django.urls import include, path

from solidarites import views

urlpatterns = [
    path("", views.home, name="home"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("mentions-legales/", views.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("plan-du-site/", views.site_map, name="site_map"),
    path("aide/", views.help_page, name="help"),
    path("contact/", views.contact, name="contact"),
    path("logo/", views.commune_logo, name="commune_logo"),
    path("healthz", views.healthz, name="healthz"),
    path("_perf/", include("solidarites.perf")),
    path("session/prolonger/", views.extend_session, name="extend_session"),
    path("", include("partners.urls")),
    path("annuaire/", include("partners.directory_urls")),
    path("", include("workshops.urls")),
    path("", include("actionsheets.urls")),
    path("admin/", admin.site.urls),
]

handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error
