"""The partners app configuration: connects its signal handlers once the apps are loaded."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partenaires et comptes"

    def ready(self):
        from partners import signals  # noqa: F401  (security-event logging, cache invalidation)
