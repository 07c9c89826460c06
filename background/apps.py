"""The background app configuration."""

from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = "Travaux en arrière-plan"

    def ready(self):
        from background import documents

        documents.register_housekeeping()  # expired documents and old builds, once an hour
