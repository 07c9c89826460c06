"""The « fiches actions » app: the action sheets, their editor, workflow, history, list, exports and PDFs."""

from django.apps import AppConfig


class ActionsheetsConfig(AppConfig):
    name = "actionsheets"
    verbose_name = "Fiches actions"

    def ready(self):
        from actionsheets import panels

        panels.register()  # the fiches shown on the pages of groups, structures, obstacles and findings
