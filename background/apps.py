"""The background app configuration."""

from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = "Travaux en arrière-plan"
