"""The partners app configuration: connects its signal handlers and registers the outbox sweep once the apps
are loaded."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partenaires et comptes"

    def ready(self):
        from background import housekeeping
        from partners import signals  # noqa: F401  (security-event logging, cache invalidation)
        from partners.mail import retry_delays
        from partners.tasks import sweep

        retry_delays()  # a malformed OUTBOX_RETRY_DELAYS stops start-up with its French message

        # Restarts the delivery of due e-mails left by a killed worker (or a lost enqueue).
        housekeeping.register("outbox.sweep", every=30, run=sweep)
