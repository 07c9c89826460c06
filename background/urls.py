"""The background app's pages: long documents (/documents/…)."""

from django.urls import path

from background import document_views

app_name = "background"

urlpatterns = [
    path("documents/", document_views.document_list, name="document_list"),
    path("documents/demander/<slug:kind>/", document_views.document_request, name="document_request"),
    path("documents/<int:pk>/", document_views.document_build, name="document_build"),
    path("documents/<int:pk>/etat/", document_views.document_progress, name="document_progress"),
    path("documents/<int:pk>/telecharger/", document_views.document_download, name="document_download"),
]
