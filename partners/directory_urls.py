"""The URLs of the directory (/annuaire/): structures, interlocutors, exports, merge and import."""

from django.urls import path

from partners import directory_views as views
from partners import import_views

app_name = "partners"

urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("export/<str:fmt>/", views.organisation_export, name="organisation_export"),
    path("nouvelle/", views.organisation_create, name="organisation_create"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/modifier/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/desactiver/", views.organisation_set_active, {"active": False}, name="organisation_deactivate"),
    path("<int:pk>/reactiver/", views.organisation_set_active, {"active": True}, name="organisation_reactivate"),
    path("<int:pk>/interlocuteurs/nouveau/", views.contact_create, name="contact_create"),
    path("interlocuteurs/", views.contact_list, name="contact_list"),
    path("interlocuteurs/export/<str:fmt>/", views.contact_export, name="contact_export"),
    path("interlocuteurs/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("interlocuteurs/<int:pk>/modifier/", views.contact_edit, name="contact_edit"),
    path(
        "interlocuteurs/<int:pk>/desactiver/", views.contact_set_active, {"active": False}, name="contact_deactivate"
    ),
    path("interlocuteurs/<int:pk>/reactiver/", views.contact_set_active, {"active": True}, name="contact_reactivate"),
    path("fusionner/", views.merge_select, name="merge_select"),
    path("fusionner/<int:keep>/<int:remove>/", views.merge, name="merge"),
    path("importer/", import_views.upload, name="import_upload"),
    path("importer/exemple.csv", import_views.sample, name="import_sample"),
    path("importer/<int:pk>/colonnes/", import_views.mapping, name="import_mapping"),
    path("importer/<int:pk>/apercu/", import_views.preview, name="import_preview"),
    path("importer/<int:pk>/suivi/", import_views.progress, name="import_progress"),
]
