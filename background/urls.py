"""The background app's pages: the workers' state for coordinators (and the documents built in the background)."""

from django.urls import path

from background import worker_views

app_name = "background"

urlpatterns = [
    path("travaux-en-arriere-plan/", worker_views.worker_status, name="worker_status"),
]
