"""`manage.py backup [--output DIR] [--prune]`: a backup folder of the database and the uploaded files, with its
manifest (background/backup.py; README « Sauvegardes et restauration »)."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from background import backup


def size(number):
    for unit in ("octets", "Ko", "Mo", "Go"):
        if number < 1024 or unit == "Go":
            return f"{number:.0f} {unit}" if unit == "octets" else f"{number:.1f} {unit}".replace(".", ",")
        number /= 1024


class Command(BaseCommand):
    help = "Sauvegarde la base (pg_dump) et les fichiers déposés dans un dossier daté, avec un manifeste."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.BASE_DIR / "backups"), help="dossier des sauvegardes (./backups)"
        )
        parser.add_argument("--pg-bin", help="dossier des programmes PostgreSQL (pg_dump) à utiliser")
        parser.add_argument(
            "--prune", action="store_true", help="puis supprimer les anciennes sauvegardes du dossier (rétention)"
        )
        parser.add_argument("--keep-daily", type=int, default=7, help="jours gardés par --prune (7)")
        parser.add_argument("--keep-weekly", type=int, default=4, help="semaines gardées par --prune (4)")
        parser.add_argument("--keep-monthly", type=int, default=12, help="mois gardés par --prune (12)")

    def handle(self, *, output, pg_bin, prune, keep_daily, keep_weekly, keep_monthly, **options):
        database = backup.Database.from_settings(connections["default"].settings_dict)
        try:
            folder, manifest = backup.backup(database=database, storage=default_storage, output=output, bin_dir=pg_bin)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        files = manifest["files"]
        media = manifest["media"]
        self.stdout.write(f"Sauvegarde écrite : {folder}")
        self.stdout.write(
            f"  base « {manifest['database']['name']} » (PostgreSQL {manifest['database']['server_version']}) : "
            f"{size(files[backup.DUMP]['size'])}, {len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values())} lignes"
        )
        if media["copied"]:
            self.stdout.write(f"  fichiers : {media['files']} ({size(media['bytes'])}) de {media['root']}")
        else:
            self.stdout.write(f"  fichiers : {media['note']}")
        if prune:
            keep = {"daily": keep_daily, "weekly": keep_weekly, "monthly": keep_monthly}
            removed = backup.prune(output, **keep)
            self.stdout.write(f"Rétention : {len(removed)} ancienne(s) sauvegarde(s) supprimée(s).")
            for path in removed:
                self.stdout.write(f"  {path.name}")
