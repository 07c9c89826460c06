"""`manage.py send_weekly_digest`: the weekly digest of each person's groups (programme.followup), run weekly by
cron. Never twice in one ISO week for a person, nothing when nothing changed: running it twice sends nothing more."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from programme.followup import send_weekly_digest


def a_date(text):
    return datetime.date.fromisoformat(text)


class Command(BaseCommand):
    help = "Envoie la lettre hebdomadaire de leurs groupes aux personnes qui la souhaitent (à lancer chaque semaine)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=a_date, help="La date du jour à prendre (AAAA-MM-JJ), pour les essais.")

    def handle(self, *args, today=None, **options):
        count = send_weekly_digest(today or timezone.localdate())
        self.stdout.write(f"{count} lettre(s) hebdomadaire(s) envoyée(s).")
