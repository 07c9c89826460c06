"""The background app configuration: registers the worker's own housekeeping jobs and the documents' purge."""

from django.apps import AppConfig
from django.conf import settings


class BackgroundConfig(AppConfig):
    name = "background"
    verbose_name = "Travaux en arrière-plan"

    def ready(self):
        from django.core.signals import request_finished

        from background import documents, housekeeping, orphans, submissions, uploads, worker

        request_finished.connect(uploads.remove_uncommitted, dispatch_uid="background.remove_uncommitted")

        documents.register_housekeeping()  # expired documents and old builds, once an hour
        housekeeping.register("uploads.orphans", every=orphans.EVERY, run=orphans.remove_orphans)

        # Often enough that a task abandoned by a dead worker is failed soon after WORKER_LOST_AFTER.
        every = min(60.0, max(0.5, settings.WORKER_LOST_AFTER / 4))
        housekeeping.register(
            "background.recover_lost_tasks",
            every=every,
            run=worker.recover_lost_tasks,
            label="Reprise des tâches abandonnées par un processus arrêté",
        )
        housekeeping.register(
            "background.purge_submissions",
            every=3600,
            run=submissions.purge,
            label="Oubli des jetons de formulaires envoyés (après un jour)",
        )
        housekeeping.register(
            "background.prune_task_results",
            every=3600,
            run=worker.prune_task_results,
            label="Suppression des résultats de tâches anciens",
        )
