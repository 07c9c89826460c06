"""The programme app's configuration."""

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = "pilotage du programme"

    def ready(self):
        from background import documents
        from programme import copil_documents, panels

        panels.register()  # the link from a COPIL meeting's page to its dossier
        documents.register(copil_documents.PDF_BUILDER)  # the COPIL dossier, built in the background
        documents.register(copil_documents.ODT_BUILDER)
