"""Remind, the day before each session, the invitees who have not answered, then run the reminders the higher apps
register (the follow-up of the fiches: workshops.reminders). Run daily by cron; running it twice sends nothing more."""

import datetime

from django.core.management.base import BaseCommand

from workshops.reminders import run_daily


def a_date(text):
    return datetime.date.fromisoformat(text)


class Command(BaseCommand):
    help = (
        "Relance, la veille de chaque séance, les invités qui n'ont pas répondu, puis envoie les rappels de suivi "
        "des fiches (à lancer chaque jour, par cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=a_date, help="La date du jour à prendre (AAAA-MM-JJ), pour les essais.")

    def handle(self, *args, today=None, **options):
        for label, count in run_daily(today):
            self.stdout.write(f"{label} : {count} rappel(s) envoyé(s).")
