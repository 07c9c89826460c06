"""Backup and restore (issue 13, finding 16): `manage.py backup`, then `manage.py restore` into a fresh database of
the same embedded test server, compared table by table, with a sample of records and a stored file's bytes; a
damaged backup and a database that is not empty are refused; the retention keeps 7 days, 4 weeks, 12 months.

pg_dump reads the database from its own connection: the data must be committed, hence transactional tests. The
fresh database is named after this worker's test database (test_solidarites_gw0_restore…) and dropped at the end.
"""

import io
import json
import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from background import backup
from partners.models import Organisation
from tests.actionsheets.factories import sheet
from tests.partners.factories import UserFactory
from tests.workshops.factories import group, meeting, structure
from workshops import services
from workshops.models import MeetingDocument

committed = pytest.mark.django_db(transaction=True)

STRUCTURES = ["Association Trait d'Union", "Centre social Flora Tristan", "Mission locale de Plaisir"]
SECTIONS = {
    "context": "Des familles isolées au Valibout, peu repérées par les services.",
    "general_objective": "Rompre l'isolement des familles monoparentales.",
    "description": "Permanences hebdomadaires à La Mosaïque, café des parents.",
}
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + "compte rendu signé – é, ü, 😀".encode()


def run(*arguments):
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def made_backup(output):
    said = run("backup", "--output", str(output))
    folder = Path(said.splitlines()[0].removeprefix("Sauvegarde écrite : "))
    assert folder.is_dir() and folder.parent == output, said
    return folder


def current_database():
    return backup.Database.from_settings(connection.settings_dict)


def drop(database):
    maintenance = database.other("postgres").connect()
    maintenance.autocommit = True
    with maintenance.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
    maintenance.close()


def database_exists(database):
    maintenance = database.other("postgres").connect()
    with maintenance.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database.name])
        found = cursor.fetchone() is not None
    maintenance.close()
    return found


@pytest.fixture
def fresh_database():
    """An empty database on the test server (CREATE DATABASE), dropped at the end."""
    target = current_database().other(f"{connection.settings_dict['NAME']}_restore")
    drop(target)
    backup.create_database(target)
    yield target
    drop(target)


def url_of(database):
    """The postgres:// address of a database of the embedded server (a Unix socket: its folder, encoded)."""
    return f"postgres://{database.user}@{quote(database.host, safe='')}/{database.name}"


def query(database, statement, parameters=()):
    with database.connect() as link, link.cursor() as cursor:
        cursor.execute(statement, parameters)
        rows = cursor.fetchall()
    link.close()
    return rows


def counts(database):
    link = database.connect()
    with link.cursor() as cursor:
        found = backup.row_counts(cursor)
    link.close()
    return found


def portal_data():
    """A few structures, a session with a document in the storage, a fiche action with written sections."""
    coordinator = UserFactory(coordinator=True)
    for name in STRUCTURES:
        structure(name)
    session = meeting(group("DS"), title="Séance plénière de lancement")
    document = services.add_document(
        by=coordinator, meeting=session, title="Compte rendu signé", file=ContentFile(PDF, name="compte-rendu.pdf")
    )
    fiche = sheet(title="Café des parents du Valibout", **SECTIONS)
    return document, fiche


@committed
def test_backup_then_restore_into_a_fresh_database_gives_the_same_rows_and_files(tmp_path, fresh_database):
    document, fiche = portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    manifest = json.loads((folder / backup.MANIFEST).read_text())
    assert sorted(path.name for path in folder.iterdir()) == [backup.DUMP, backup.MANIFEST, backup.MEDIA]
    assert manifest["media"] == {**manifest["media"], "copied": True, "files": 1, "bytes": len(PDF)}
    assert manifest["tables"]["public.partners_organisation"] == Organisation.objects.count()
    assert folder.stat().st_mode & 0o077 == 0  # personal data: readable by its owner alone

    restored_media = tmp_path / "fichiers-restaures"
    said = run("restore", str(folder), "--database-url", url_of(fresh_database), "--media-root", str(restored_media))
    assert "identiques à la sauvegarde" in said and "Fichiers : 1 remis, 0 déjà présents" in said

    before, after = counts(current_database()), counts(fresh_database)
    assert after == before == manifest["tables"]
    names = query(
        fresh_database, "SELECT name FROM partners_organisation WHERE name = ANY(%s) ORDER BY name", [STRUCTURES]
    )
    assert [name for (name,) in names] == sorted(STRUCTURES)
    columns = ["title", *SECTIONS]
    (restored_sheet,) = query(
        fresh_database, f"SELECT {', '.join(columns)} FROM actionsheets_actionsheet WHERE id = %s", [fiche.pk]
    )
    assert dict(zip(columns, restored_sheet, strict=True)) == {"title": fiche.title, **SECTIONS}
    ((stored_name,),) = query(
        fresh_database, "SELECT file FROM workshops_meetingdocument WHERE id = %s", [document.pk]
    )
    assert stored_name == document.file.name
    with MeetingDocument.objects.get().file.open("rb") as original:
        assert original.read() == PDF
    assert (restored_media / stored_name).read_bytes() == PDF
    print(
        f"\nsauvegarde → restauration : {len(after)} tables comparées, {sum(after.values())} lignes identiques "
        f"(dont {after['public.partners_organisation']} structures, {after['public.actionsheets_actionsheet']} fiche, "
        f"{after['public.workshops_meetingdocument']} document) ; échantillon : 3 noms de structures, l'intitulé et "
        f"{len(SECTIONS)} rubriques de la fiche ; 1 fichier, {len(PDF)} octets identiques ; base "
        f"{manifest['files'][backup.DUMP]['size']} octets, fichiers {manifest['files'][backup.MEDIA]['size']} octets"
    )


@committed
@pytest.mark.parametrize("damaged", [backup.DUMP, backup.MEDIA])
def test_a_backup_with_one_byte_changed_is_refused_before_anything_is_written(tmp_path, damaged):
    portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    path = folder / damaged
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0x01
    path.write_bytes(bytes(content))
    target = current_database().other(f"{connection.settings_dict['NAME']}_jamais")
    with pytest.raises(CommandError) as refused:
        run("restore", str(folder), "--database", target.name, "--media-root", str(tmp_path / "fichiers"))
    assert "La sauvegarde est endommagée, rien n'a été restauré" in str(refused.value)
    assert f"{damaged} : somme de contrôle SHA-256 différente" in str(refused.value)
    assert not database_exists(target) and not (tmp_path / "fichiers").exists()


@committed
def test_restoring_into_a_database_that_has_tables_is_refused(tmp_path):
    portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    before = counts(current_database())
    with pytest.raises(CommandError) as refused:
        run("restore", str(folder), "--database", connection.settings_dict["NAME"], "--no-media")
    assert f"La base cible « {connection.settings_dict['NAME']} » n'est pas vide" in str(refused.value)
    assert counts(current_database()) == before


@committed
def test_a_file_of_the_backup_stored_with_other_bytes_is_never_replaced(tmp_path, fresh_database):
    document, _ = portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    other = tmp_path / "fichiers" / document.file.name
    other.parent.mkdir(parents=True)
    other.write_bytes(b"une autre version")
    arguments = ["--database-url", url_of(fresh_database), "--media-root", str(tmp_path / "fichiers")]
    with pytest.raises(CommandError) as refused:
        run("restore", str(folder), *arguments)
    assert "1 fichier(s) existent déjà avec un autre contenu dans le stockage cible" in str(refused.value)
    assert other.read_bytes() == b"une autre version" and counts(fresh_database) == {}


def test_with_s3_the_files_are_left_to_the_buckets_versioning(tmp_path):
    class Bucket:
        bucket_name = "solidarites-plaisir"

    said = backup.archive_media(Bucket(), tmp_path / backup.MEDIA)
    assert said["copied"] is False and not (tmp_path / backup.MEDIA).exists()
    assert "compartiment S3 « solidarites-plaisir »" in said["note"] and "versions (versioning)" in said["note"]


@committed
def test_the_restore_check_restores_compares_and_leaves_nothing_behind(tmp_path):
    portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    said = run("restore", str(folder), "--check")
    essai = f"{connection.settings_dict['NAME']}_essai_restauration"
    assert "Fichiers : 1 remis, 0 déjà présents à l'identique." in said
    assert "identiques à la sauvegarde" in said and f"base temporaire « {essai} » supprimée" in said
    assert not database_exists(current_database().other(essai))


@committed
def test_the_password_goes_through_a_private_temporary_file_never_the_command_line(tmp_path, monkeypatch):
    """The embedded server trusts its socket and ignores the password: what is checked is how it is handed over."""
    password = "mot:de\\passe-secret"
    calls, real_run = [], subprocess.run

    def recording_run(command, **options):
        env = options.get("env") or {}
        passfile = Path(env["PGPASSFILE"]) if "PGPASSFILE" in env else None
        if passfile:
            calls.append((command, passfile, passfile.stat().st_mode & 0o777, passfile.read_text(), env))
        return real_run(command, **options)

    monkeypatch.setattr(backup.subprocess, "run", recording_run)
    database = current_database()
    database.password = password
    folder, _ = backup.backup(database=database, storage=default_storage, output=tmp_path)
    target = database.other(f"{database.name}_mdp")
    backup.drop_database(target)
    try:
        backup.restore(folder=folder, database=target, create=True)
    finally:
        backup.drop_database(target)
    assert [Path(command[0]).name for command, *_ in calls] == ["pg_dump", "pg_restore"]
    for command, passfile, mode, content, env in calls:
        assert not any("secret" in str(part) for part in command) and "PGPASSWORD" not in env
        assert mode == 0o600 and content == "*:*:*:*:mot\\:de\\\\passe-secret\n"
        assert not passfile.exists()  # deleted once the program has ended


@committed
def test_with_database_url_the_programs_come_from_the_path(tmp_path, settings, monkeypatch):
    """With DATABASE_URL the client programs are those on the PATH (here the wheel's folder put first on it)."""
    settings.DATABASE_URL = url_of(current_database())
    monkeypatch.setenv("PATH", f"{backup.wheel_programs()}{os.pathsep}{os.environ['PATH']}")
    assert backup.program("pg_dump") == backup.wheel_programs() / "pg_dump"
    portal_data()
    folder = made_backup(tmp_path / "sauvegardes")
    assert json.loads((folder / backup.MANIFEST).read_text())["database"]["embedded"] is False
    assert "identiques à la sauvegarde" in run("restore", str(folder), "--check")

    monkeypatch.setenv("PATH", str(old_pg_dump(tmp_path)))  # like Debian 12's /usr/bin/pg_dump
    with pytest.raises(CommandError, match=r"pg_dump 15\.18 \(.*\) est trop ancien .* --pg-bin .*pginstall/bin"):
        # another folder: a backup named after the same second as the one above would be refused for that first
        call_command("backup", "--output", str(tmp_path / "autres-sauvegardes"))
    monkeypatch.setenv("PATH", str(tmp_path / "nulle-part"))  # none on the PATH: the wheel's
    assert backup.program("pg_dump") == backup.wheel_programs() / "pg_dump"


def old_pg_dump(tmp_path):
    """A folder with a pg_dump that says it is Debian 12's (15.18), older than the test server (18)."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)'\n")
    (fake / "pg_dump").chmod(0o755)
    return fake


@committed
def test_a_pg_dump_older_than_the_server_is_refused_in_french(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("backup", "--output", str(tmp_path / "sauvegardes"), "--pg-bin", str(old_pg_dump(tmp_path)))
    assert "pg_dump 15.18" in str(refused.value) and "est trop ancien" in str(refused.value)
    assert "postgresql-client-18" in str(refused.value)
    assert list((tmp_path / "sauvegardes").iterdir()) == []  # no half-made backup left


def test_retention_keeps_seven_days_four_weeks_twelve_months(tmp_path):
    nightly = {day: datetime(2025, 1, 1, 2) + timedelta(days=day) for day in range(698)}  # to 29/11/2026
    kept = {nightly[day].date() for day in set(nightly) - set(backup.to_prune(nightly))}
    days = {datetime(2026, 11, day).date() for day in range(23, 30)}
    weeks = {datetime(2026, 11, day).date() for day in (8, 15, 22)}  # Sundays: the newest of their ISO week
    months = {(datetime(2026, month + 1, 1) - timedelta(days=1)).date() for month in range(1, 11)}
    months.add(datetime(2025, 12, 31).date())
    assert kept == days | weeks | months and len(kept) == 21

    for moment in list(nightly.values())[-10:]:
        (tmp_path / backup.backup_name(timezone.make_aware(moment))).mkdir()
    (tmp_path / "solidarites-2026-11-29-113000.partial").mkdir()  # a backup being made
    (tmp_path / "solidarites-2026-11-20-020000.partial").mkdir()  # a backup interrupted days ago
    (tmp_path / "autre-chose").mkdir()
    removed = backup.prune(tmp_path, now=timezone.make_aware(datetime(2026, 11, 29, 12)), daily=7, weekly=0, monthly=0)
    old = [f"solidarites-2026-11-{day:02d}-020000" for day in (22, 21, 20)]
    assert [path.name for path in removed] == [*old, "solidarites-2026-11-20-020000.partial"]
    assert len(list(tmp_path.iterdir())) == 9
