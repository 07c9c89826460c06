"""The background app configuration."""

from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = "Travaux en arrière-plan"

    def ready(self):
        from background import housekeeping, orphans

        housekeeping.register("uploads.orphans", every=orphans.EVERY, run=orphans.remove_orphans)
