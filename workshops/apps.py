"""The workshops app configuration."""

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = "Groupes de travail et séances"
