"""The background app's pages: the workers' state for coordinators, and long documents (/documents/…)."""

from django.urls import path

from background import document_views, worker_views

app_name = "background"

urlpatterns = [
    path("documents/", document_views.document_list, name="document_list"),
    path("documents/demander/<slug:kind>/", document_views.document_request, name="document_request"),
    path("documents/<int:pk>/", document_views.document_build, name="document_build"),
    path("documents/<int:pk>/etat/", document_views.document_progress, name="document_progress"),
    path("documents/<int:pk>/telecharger/", document_views.document_download, name="document_download"),
    path("travaux-en-arriere-plan/", worker_views.worker_status, name="worker_status"),
]
