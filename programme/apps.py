"""The programme app's configuration."""

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = "pilotage du programme"

    def ready(self):
        from partners import preferences
        from programme import followup, followup_panels
        from workshops import reminders

        # Follow-up (issue 12): the daily reminders of the fiches, « Mes actions » on « Mon espace », and the
        # animateurs' weekly digest on by default.
        reminders.register(followup.send_follow_up_reminders)
        followup_panels.register()
        preferences.register_digest_rule(followup.facilitates_a_group)
