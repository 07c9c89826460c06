"""The partners app configuration: connects its signal handlers and registers the outbox sweep once the apps
are loaded."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partenaires et comptes"

    def ready(self):
        from background import housekeeping
        from partners import (
            pickers,
            signals,  # noqa: F401  (security-event logging, cache invalidation)
        )
        from partners.mail import retry_delays
        from partners.personal_data import run_retention
        from partners.personal_data_sections import register_retentions, register_sections
        from partners.tasks import sweep

        retry_delays()  # a malformed OUTBOX_RETRY_DELAYS stops start-up with its French message

        # Restarts the delivery of due e-mails left by a killed worker (or a lost enqueue).
        housekeeping.register("outbox.sweep", every=30, run=sweep)

        # GDPR (issue 13): what « Mes données » exports, and the daily retention purge.
        register_sections()
        register_retentions()
        pickers.register()  # structures and interlocutors for the pickers (issue 14)
        housekeeping.register(
            "gdpr.retention", every=24 * 3600, run=run_retention, label="Durées de conservation (RGPD)"
        )
