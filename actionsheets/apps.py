from django.apps import AppConfig


class ActionsheetsConfig(AppConfig):
    name = "actionsheets"
    verbose_name = "Fiches actions"
