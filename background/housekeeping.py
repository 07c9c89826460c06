"""Periodic jobs run by the task worker between tasks (`manage.py run_worker`).

An app registers its jobs in its AppConfig.ready(): `housekeeping.register("outbox.sweep", every=30, run=job)`.
The worker runs each job at most once per `every` seconds across ALL workers: the job's HousekeepingRun row is
locked (`SELECT … FOR UPDATE SKIP LOCKED`) and stamped before the job runs, so that two workers never sweep at
once nor twice in the same period. A job that raises is logged (and its error kept on the row); the worker goes
on. Jobs run in the worker's main loop, between two tasks: keep them short (seconds), enqueue a task for more.
"""

import logging
import time
import traceback
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger("background.housekeeping")
BUSY_RETRY = 1.0  # seconds before looking again at a job another worker is claiming


@dataclass(frozen=True)
class Job:
    name: str
    every: float
    run: object  # a callable taking no argument
    label: str = ""  # in French, for the « Travaux en arrière-plan » page


JOBS: dict[str, Job] = {}


def register(name, *, every, run, label=""):
    JOBS[name] = Job(name=name, every=every, run=run, label=label or name)


def registered():
    return list(JOBS.values())


class Housekeeper:
    """The jobs' schedule as one worker sees it: `run_due()` runs the jobs whose period has passed."""

    def __init__(self, worker_id):
        self.worker_id = worker_id
        self.next_look = {}  # job name → time.monotonic() before which the database is not asked again

    def run_due(self):
        """Run every job due now (claimed by this worker); the names of those run."""
        ran = []
        for job in registered():
            if time.monotonic() < self.next_look.get(job.name, 0):
                continue
            if self.claim(job):
                self.run(job)
                ran.append(job.name)
        return ran

    def claim(self, job):
        """Stamp the job's row if its period has passed and no other worker holds it; True when this worker won."""
        from background.models import HousekeepingRun

        HousekeepingRun.objects.get_or_create(name=job.name)
        now = timezone.now()
        with transaction.atomic():
            row = HousekeepingRun.objects.select_for_update(skip_locked=True).filter(name=job.name).first()
            if row is None:  # another worker is claiming it right now
                self.next_look[job.name] = time.monotonic() + BUSY_RETRY
                return False
            if row.last_run_at is not None and row.last_run_at > now - timedelta(seconds=job.every):
                wait = (row.last_run_at + timedelta(seconds=job.every) - now).total_seconds()
                self.next_look[job.name] = time.monotonic() + max(wait, 0.0)
                return False
            HousekeepingRun.objects.filter(pk=row.pk).update(
                last_run_at=now, last_worker=self.worker_id, runs=F("runs") + 1
            )
        self.next_look[job.name] = time.monotonic() + job.every
        return True

    def run(self, job):
        from background.models import HousekeepingRun

        started = time.monotonic()
        error = ""
        try:
            job.run()
        except Exception:
            logger.exception("housekeeping job %s failed on worker %s", job.name, self.worker_id)
            error = traceback.format_exc()
        duration = time.monotonic() - started
        HousekeepingRun.objects.filter(name=job.name).update(last_duration=duration, last_error=error)
        logger.debug("housekeeping job %s ran in %.3f s", job.name, duration)
