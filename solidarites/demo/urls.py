"""The demo app's pages, under `/_perf/`: the benchmark floor (`perf_floor`)."""

from django.urls import path

from solidarites.demo import views

urlpatterns = [path("floor/", views.floor, name="perf_floor")]
