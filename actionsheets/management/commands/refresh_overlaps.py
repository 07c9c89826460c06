"""`manage.py refresh_overlaps`: compare every fiche with the fiches of the other groups again and bring the
table of look-alike pairs up to date (actionsheets.overlaps). Idempotent: a second run changes nothing; the
pairs the project team decided on are kept as they are."""

import time

from django.core.management.base import BaseCommand

from actionsheets.models import Overlap, OverlapDecision
from actionsheets.overlaps import refresh_all_overlaps


class Command(BaseCommand):
    help = "Recalcule les rapprochements entre fiches actions de groupes différents (sans toucher aux décisions)."

    def handle(self, *args, **options):
        started = time.monotonic()
        changes = refresh_all_overlaps()
        pending = Overlap.objects.filter(decision=OverlapDecision.PENDING).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Rapprochements recalculés en {time.monotonic() - started:.1f} s : {changes['created']} nouveaux, "
                f"{changes['updated']} mis à jour, {changes['deleted']} retirés ; {pending} à examiner."
            )
        )
