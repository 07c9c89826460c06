"""The task worker of `manage.py run_worker`: django-tasks-db's Worker, plus what running it for real needs.

- A heartbeat: the worker's WorkerHeartbeat row is written when it starts, touched every few seconds by a small
  thread (so that a 30-second PDF build does not look like a dead worker) and deleted on a graceful stop
  (SIGTERM, SIGINT: the task under way is finished first). A worker killed with SIGKILL, or whose machine is
  lost, leaves its row behind, growing old: that is how the others and monitoring know (background.status).
- Housekeeping between tasks (and about every second while idle): the jobs of background/housekeeping.py, each
  at most once per period across all workers.
- The recovery of abandoned tasks (one of those jobs): django-tasks-db never runs a RUNNING task again, so a task
  whose worker died stays RUNNING for ever. A RUNNING task started more than WORKER_LOST_AFTER seconds ago whose
  worker has given no sign of life for that long is marked FAILED (WorkerLost, with a French explanation) and
  `task_finished` is sent: the app that owns the work takes over (the e-mail outbox queues its own rows again).
  Tasks must therefore be safe to run again: they work from rows they lock, never from their arguments alone.
- The pruning of finished task results older than TASK_RESULTS_KEEP_DAYS days, and of heartbeats as old.
"""

import logging
import os
import random
import signal
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, connections, transaction
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.utils import autoreload, timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from background.housekeeping import Housekeeper
from background.models import WorkerHeartbeat

logger = logging.getLogger("background.worker")
HOUSEKEEPING_EVERY = 1.0  # seconds between two looks at the housekeeping schedule
DATABASE_RETRY = 2.0  # seconds between two attempts while the database cannot be reached


def default_worker_id():
    """host:pid:random — readable in the heartbeats and in a task's worker_ids, unique across machines."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(8)}"[:64]


def heartbeat_every():
    """A few beats within the stale threshold, at most one every 5 s."""
    return max(0.2, min(5.0, settings.WORKER_STALE_AFTER / 3))


class Heartbeat(threading.Thread):
    """Touches the worker's row every few seconds until stopped (its own database connection)."""

    def __init__(self, worker_id, every):
        super().__init__(name="heartbeat", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def run(self):
        try:
            while not self.stopped.wait(self.every):
                try:
                    beat(self.worker_id)
                except Exception as error:  # the database away: said once per beat, without a traceback
                    logger.warning("heartbeat of worker %s failed: %s", self.worker_id, error)
                    close_old_connections()
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=10)


def beat(worker_id):
    """Touch (or write again, if it was pruned) this worker's heartbeat."""
    now = timezone.now()
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now):
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": now},
        )


class Worker(DatabaseWorker):
    """django-tasks-db's worker whose loop also beats, keeps house and deletes its heartbeat when it stops."""

    def __init__(self, **options):
        super().__init__(**options)
        self.housekeeper = Housekeeper(self.worker_id)
        self.next_housekeeping = 0.0

    def run(self):
        now = timezone.now()
        identity = {"hostname": socket.gethostname()[:255], "pid": os.getpid(), "last_seen": now}
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id, defaults=identity, create_defaults={**identity, "started_at": now}
        )
        heartbeat = Heartbeat(self.worker_id, heartbeat_every())
        heartbeat.start()
        try:
            self.loop()
        finally:
            heartbeat.stop()
            self.say_goodbye()

    def say_goodbye(self):
        try:
            close_old_connections()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            logger.info("worker %s stopped; heartbeat deleted", self.worker_id)
        except Exception:
            logger.exception("worker %s could not delete its heartbeat", self.worker_id)

    def loop(self):
        """django-tasks-db's Worker.run (0.13.0), with `between_tasks()` after each task and each idle look."""
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads the start of many workers
        while self.running:
            close_old_connections()
            task_result, retrieved = self.claim_next()
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Run maximum tasks (%d) on worker=%s - exiting.", self._run_tasks, self.worker_id)
                return
            close_old_connections()
            self.between_tasks()
            if self.running and not task_result:
                time.sleep(self.interval)

    def claim_next(self):
        """(the next ready task, claimed for this worker, or None; whether the queue could be read). A database
        that cannot be reached (restarted, connection dropped) is waited for, instead of ending the worker."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
            return task_result, True
        except (OperationalError, InterfaceError) as error:
            if not is_locked_database_exception(error):
                logger.warning("database unreachable (%s); trying again in %s s", error, DATABASE_RETRY)
                connections.close_all()
                time.sleep(DATABASE_RETRY)
            return None, False

    def between_tasks(self):
        """The housekeeping jobs that are due; a signal received meanwhile waits for them, as for a task."""
        if not self.running or time.monotonic() < self.next_housekeeping:
            return
        self.next_housekeeping = time.monotonic() + HOUSEKEEPING_EVERY
        self.running_task = True
        try:
            self.housekeeper.run_due()
        except DatabaseError as error:  # the database away: claim_next() says it too, and waits
            logger.warning("housekeeping skipped on worker %s: %s", self.worker_id, error)
        except Exception:
            logger.exception("housekeeping failed on worker %s", self.worker_id)
        finally:
            self.running_task = False


class CodeWatcher(autoreload.StatReloader):
    """Django's file watcher, in a thread: a changed file stops the worker gracefully (after its task)."""

    def __init__(self, worker):
        super().__init__()
        self.worker = worker
        self.changed = None

    def notify_file_changed(self, path):
        logger.info("%s changed: the worker stops after its task and starts again", path)
        self.changed = path
        self.worker.running = False
        self.stop()


RELOAD_EXIT_CODE = 3  # what Django's reloader loop (restart_with_reloader) takes as « start again »


def run_with_reload(worker):
    """`run_worker --reload` (the default when DEBUG): the first process starts the worker as a child process and
    starts it again after a code change. Unlike Django's own reloader, the worker runs in the child's main thread,
    keeps its signal handlers and stops gracefully, for a change as for Ctrl-C or SIGTERM; the parent ignores
    these signals (its child, in the same process group, receives them and ends) and ends with it."""
    if os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) != "true":
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *args: None)
        return autoreload.restart_with_reloader()
    watcher = CodeWatcher(worker)
    threading.Thread(target=watcher.run_loop, name="code-watcher", daemon=True).start()
    worker.configure_signals()
    worker.run()
    watcher.stop()
    return RELOAD_EXIT_CODE if watcher.changed else 0


class WorkerLost(Exception):
    """The worker running a task stopped without finishing it (killed, machine lost)."""


def lost_after():
    """WORKER_LOST_AFTER, but never less than three heartbeats: a live worker's task is never taken as lost."""
    return max(settings.WORKER_LOST_AFTER, 3 * heartbeat_every())


def lost_task_message(result, worker_id):
    return (
        f"Le processus de tâches {worker_id or '?'} ne donne plus signe de vie depuis plus de "
        f"{lost_after():g} s alors que cette tâche (commencée le {result.started_at:%d/%m/%Y %H:%M:%S} "
        "UTC) était en cours : il a sans doute été arrêté brutalement. La tâche est marquée en échec ; "
        "l'application qui l'avait demandée la relance si elle le prévoit (la file des e-mails le fait).\n"
    )


def recover_lost_tasks():
    """Mark FAILED the RUNNING tasks whose worker stopped giving signs of life; their number."""
    cutoff = timezone.now() - timedelta(seconds=lost_after())
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))
    recovered = []
    with transaction.atomic():
        running = DBTaskResult.objects.running().filter(started_at__lt=cutoff).select_for_update(skip_locked=True)
        for result in running:
            worker_id = result.worker_ids[-1] if result.worker_ids else ""
            if worker_id in alive:
                continue
            result.status = TaskResultStatus.FAILED
            result.finished_at = timezone.now()
            result.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
            result.traceback = lost_task_message(result, worker_id)
            result.return_value = None
            result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback", "return_value"])
            logger.warning("task %s (%s) abandoned by %s: marked FAILED", result.pk, result.task_path, worker_id)
            recovered.append(result)
    for result in recovered:
        _announce_finished(result)
    return len(recovered)


def _announce_finished(result):
    """`task_finished` for a recovered task, as the worker would have sent it (apps listen to it)."""
    try:
        task = result.task
        task_finished.send(sender=type(task.get_backend()), task_result=result.task_result)
    except Exception:
        logger.exception("task_finished for recovered task %s failed", result.pk)


def prune_task_results():
    """Delete the finished task results and the heartbeats older than TASK_RESULTS_KEEP_DAYS days."""
    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    heartbeats, _ = WorkerHeartbeat.objects.filter(last_seen__lt=cutoff).delete()
    if results or heartbeats:
        logger.info("pruned %d finished task results and %d old heartbeats", results, heartbeats)
    return results
