"""Periodic jobs run by the task worker between tasks (`manage.py run_worker`).

An app registers its jobs in its AppConfig.ready(): `housekeeping.register("outbox.sweep", every=30, job)`. The
worker runs each job at most once per `every` seconds; on several workers, a job runs on the first worker whose
turn comes (a PostgreSQL advisory lock per job), so that sweeping twice at once never happens.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    name: str
    every: float
    run: object  # a callable taking no argument


JOBS: dict[str, Job] = {}


def register(name, *, every, run):
    JOBS[name] = Job(name=name, every=every, run=run)


def registered():
    return list(JOBS.values())
