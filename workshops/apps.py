"""The workshops app configuration."""

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Groupes de travail et séances"

    def ready(self):
        from workshops import panels, personal_data, pickers

        panels.register()  # the groups and sessions shown on the structure page of the directory
        pickers.register()  # the working groups for the pickers (issue 14)
        personal_data.register()  # memberships, invitations, attendance in « Mes données » (issue 13)
