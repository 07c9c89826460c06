"""The « fiches actions » app: the action sheets, their editor, workflow, history, list, exports and PDFs."""

from django.apps import AppConfig


class ActionsheetsConfig(AppConfig):
    name = "actionsheets"
    verbose_name = "Fiches actions"

    def ready(self):
        from actionsheets import panels, personal_data, pickers, plan_document
        from actionsheets.models import ActionPartner, combine_partners
        from background import documents
        from partners import merging

        merging.register(ActionPartner, combine_partners)  # two partners of one fiche merged into one row
        pickers.register()  # the fiches for the pickers (issue 14)
        panels.register()  # the fiches shown on the pages of groups, structures, obstacles and findings
        documents.register(plan_document.BUILDER)  # the plan d'actions, built in the background
        personal_data.register()  # fiches, versions, drafts in « Mes données » and retention (issue 13)
