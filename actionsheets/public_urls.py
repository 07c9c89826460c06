"""The public pages of validated actions (no login): /actions/, and /robots.txt that lets search engines in there."""

from django.urls import path

from actionsheets import public_views

app_name = "public"

urlpatterns = [
    path("actions/", public_views.action_list, name="action_list"),
    path("actions/<int:pk>/", public_views.action_detail, name="action_detail"),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
]
