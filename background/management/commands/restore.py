"""`manage.py restore BACKUP [--database NAME | --database-url URL | --check] [--media-root DIR | --no-media]`:
restore a backup made by `manage.py backup` into an empty database, then compare the row counts with its manifest
(background/backup.py; README « Sauvegardes et restauration »). `--check` is the regular restore test: into a
temporary database of the same server and a temporary folder, both deleted afterwards."""

import tempfile
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from background import backup
from background.storage import LocalStorage

CHECK_SUFFIX = "_essai_restauration"


@contextmanager
def media_storage(*, check, media_root, no_media):
    """Where the files go: nowhere, the folder asked for, a temporary folder for a check, or the portal's storage."""
    if no_media:
        yield None
    elif media_root:
        yield LocalStorage(location=media_root)
    elif check:
        with tempfile.TemporaryDirectory(prefix="solidarites-essai-") as folder:
            yield LocalStorage(location=folder)
    else:
        yield default_storage


class Command(BaseCommand):
    help = "Restaure une sauvegarde (base et fichiers) dans une base vide et compare les nombres de lignes."

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", metavar="BACKUP", help="dossier de la sauvegarde (solidarites-AAAA-MM-JJ-HHMMSS)"
        )
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--database", help="base du même serveur que celle du portail, créée si elle n'existe pas (ex. essai)"
        )
        target.add_argument("--database-url", help="base cible, vide : postgres://utilisateur@hôte:port/nom")
        media = parser.add_mutually_exclusive_group()
        media.add_argument(
            "--media-root", help="dossier où remettre les fichiers (par défaut : le stockage du portail)"
        )
        media.add_argument("--no-media", action="store_true", help="ne pas remettre les fichiers")
        target.add_argument(
            "--check",
            action="store_true",
            help="essai : restaurer dans une base temporaire du même serveur (et les fichiers dans un dossier "
            "temporaire), comparer, puis tout supprimer",
        )
        parser.add_argument("--pg-bin", help="dossier des programmes PostgreSQL (pg_restore) à utiliser")

    def handle(self, *, folder, database, database_url, check, media_root, no_media, pg_bin, **options):
        current = backup.Database.from_settings(connections["default"].settings_dict)
        database = f"{current.name}{CHECK_SUFFIX}" if check else database
        with media_storage(check=check, media_root=media_root, no_media=no_media) as storage:
            try:
                target = backup.Database.from_url(database_url) if database_url else current
                target = current.other(database) if database else target
                if check:
                    backup.drop_database(target)  # left by an interrupted check
                try:
                    result = backup.restore(
                        folder=folder, database=target, storage=storage, bin_dir=pg_bin, create=bool(database)
                    )
                    self.report(result, target)
                finally:
                    if check and backup.drop_database(target):
                        self.stdout.write(f"Essai : base temporaire « {target.name} » supprimée.")
            except backup.BackupError as error:
                raise CommandError(str(error)) from None

    def report(self, result, target):
        manifest = result.manifest
        if result.created:
            self.stdout.write(f"Base « {target.name} » créée sur le serveur du portail.")
        self.stdout.write(f"Sauvegarde du {manifest['created_at']} restaurée dans la base « {target.name} ».")
        if manifest["media"].get("copied"):
            self.stdout.write(f"Fichiers : {result.written} remis, {result.present} déjà présents à l'identique.")
        else:
            self.stdout.write(f"Fichiers : non restaurés. {manifest['media'].get('note', '')}".rstrip())
        tables = manifest["tables"]
        self.stdout.write(f"{'Table':<48} {'Sauvegarde':>10} {'Restaurée':>10}")
        for table in sorted(set(tables) | set(result.counts)):
            expected, found = tables.get(table, "—"), result.counts.get(table, "—")
            mark = "" if expected == found else "  ← différent"
            self.stdout.write(f"{table:<48} {expected:>10} {found:>10}{mark}")
        if result.differences:
            raise CommandError(f"{len(result.differences)} table(s) n'ont pas le nombre de lignes de la sauvegarde.")
        self.stdout.write(f"{len(tables)} tables, {sum(tables.values())} lignes : identiques à la sauvegarde.")
