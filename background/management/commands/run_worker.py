"""`manage.py run_worker`: runs queued tasks (django-tasks-db's db_worker, same options) and, between them, writes
the worker's heartbeat, runs the housekeeping jobs and recovers the tasks of workers that died (background/worker.py).

Run one per CPU core you can spare, on any machine that reaches the database (only DATABASE_URL and the usual
settings are needed). SIGTERM or Ctrl-C: the task under way is finished, then the worker stops; twice: at once.
"""

import sys

from django_tasks_db.management.commands import db_worker

from background.worker import Worker, default_worker_id, run_with_reload


class Command(db_worker.Command):
    help = "Exécute les tâches en arrière-plan (file PostgreSQL), donne signe de vie et fait le ménage."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Every queue unless told otherwise: one kind of worker runs e-mails, documents and the rest.
        parser.set_defaults(worker_id=default_worker_id(), queue_name="*")

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            **{key: options[key] for key in ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")},
        )
        if reload:
            sys.exit(run_with_reload(worker))
        worker.configure_signals()
        worker.run()
