"""Remind, the day before each session, the invitees who have not answered (run daily by cron)."""

from django.core.management.base import BaseCommand

from workshops.services import send_reminders


class Command(BaseCommand):
    help = "Relance, la veille de chaque séance, les invités qui n'ont pas répondu (à lancer chaque jour, par cron)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"{count} relance(s) envoyée(s).")
