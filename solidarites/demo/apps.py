"""The demo app's configuration: label `demo`, installed only in development or for the benchmark (settings)."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "solidarites.demo"
    label = "demo"
    verbose_name = "Démonstration et mesures de vitesse"
