"""The programme app's configuration."""

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = "pilotage du programme"

    def ready(self):
        from background import documents
        from partners import preferences
        from programme import copil_documents, followup, followup_panels, panels, personal_data, pickers
        from workshops import reminders

        pickers.register()  # the fiches that may join a COPIL dossier (issue 14)
        panels.register()  # the link from a COPIL meeting's page to its dossier
        documents.register(copil_documents.PDF_BUILDER)  # the COPIL dossier, built in the background
        documents.register(copil_documents.ODT_BUILDER)
        # Follow-up (issue 12): the daily reminders of the fiches, « Mes actions » on « Mon espace », and the
        # animateurs' weekly digest on by default.
        reminders.register(followup.send_follow_up_reminders)
        followup_panels.register()
        preferences.register_digest_rule(followup.facilitates_a_group)
        personal_data.register()  # reminders and digests in « Mes données » (issue 13)
