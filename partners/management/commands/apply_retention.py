"""`manage.py apply_retention [--dry-run]`: the retention rules of personal data, run by hand (the worker runs
them once a day); prints, per rule, its duration and the number of rows purged or anonymised."""

from django.core.management.base import BaseCommand

from partners import personal_data


class Command(BaseCommand):
    help = "Applique les durées de conservation des données personnelles (RGPD)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="compte sans rien effacer (tout est annulé)")

    def handle(self, *args, dry_run=False, **options):
        counts = personal_data.apply_retention(dry_run=dry_run)
        durations = {
            rule.name: duration
            for rule, (_, duration, _) in zip(
                personal_data.RETENTIONS.values(), personal_data.retention_table(), strict=True
            )
        }
        verb = "à traiter" if dry_run else "traités"
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} {verb} (conservation : {durations[name]})")
        if dry_run:
            self.stdout.write("Essai à blanc : rien n'a été effacé.")
