"""How the task workers are doing, for /healthz, monitoring and the coordinators' « Travaux en arrière-plan »."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from background.models import WorkerHeartbeat
from background.permissions import can_see_worker_status

logger = logging.getLogger("background.status")
OK, STALE, NONE = "ok", "stale", "none"
LABELS = {OK: "En marche", STALE: "Sans nouvelles", NONE: "Arrêtés"}
TONES = {OK: "success", STALE: "danger", NONE: "warning"}  # Bootstrap's text-bg-*; the label says it in words


@dataclass(frozen=True)
class WorkerStatus:
    state: str  # OK: a worker gave a sign of life within WORKER_STALE_AFTER s; STALE: none since; NONE: no worker
    active: int  # workers seen within WORKER_STALE_AFTER s
    last_seen: datetime | None  # the latest sign of life of any worker
    queued: int  # tasks ready to run now (deferred ones not counted)
    oldest_queued_at: datetime | None
    now: datetime
    fresh_since: datetime  # a heartbeat at or after this instant is fresh

    @property
    def is_ok(self):
        return self.state == OK

    @property
    def is_stale(self):
        return self.state == STALE

    @property
    def label(self):
        return LABELS[self.state]

    @property
    def tone(self):
        return TONES[self.state]

    @property
    def seconds_since_seen(self):
        return None if self.last_seen is None else max(0, (self.now - self.last_seen).total_seconds())

    @property
    def oldest_queued_age(self):
        return None if self.oldest_queued_at is None else max(0, (self.now - self.oldest_queued_at).total_seconds())

    @property
    def summary(self):
        """One French line: « 2 actifs (dernier signe de vie il y a 3 s) », « aucun signe de vie depuis 12 min »."""
        if self.state == OK:
            plural = "s" if self.active > 1 else ""
            return f"{self.active} actif{plural} (dernier signe de vie il y a {duration(self.seconds_since_seen)})"
        if self.state == STALE:
            return f"aucun signe de vie depuis {duration(self.seconds_since_seen)}"
        return "aucun processus démarré"

    @property
    def queue_summary(self):
        if not self.queued:
            return "vide"
        return f"{self.queued} en attente, la plus ancienne depuis {duration(self.oldest_queued_age)}"


def duration(seconds):
    """« 3 s », « 12 min », « 2 h », « 3 j »: the unit that reads best."""
    seconds = int(seconds or 0)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} j"


def worker_status():
    """The workers' state and the queue, in two queries."""
    now = timezone.now()
    fresh = now - timedelta(seconds=settings.WORKER_STALE_AFTER)
    workers = WorkerHeartbeat.objects.aggregate(
        latest=Max("last_seen"), active=Count("pk", filter=Q(last_seen__gte=fresh)), total=Count("pk")
    )
    queue = DBTaskResult.objects.ready().aggregate(queued=Count("pk"), oldest=Min("enqueued_at"))
    state = OK if workers["active"] else (STALE if workers["total"] else NONE)
    return WorkerStatus(
        state=state,
        active=workers["active"],
        last_seen=workers["latest"],
        queued=queue["queued"],
        oldest_queued_at=queue["oldest"],
        now=now,
        fresh_since=fresh,
    )


def health_report():
    """(the /healthz line about the workers, the X-Worker-Status header: ok|stale|none|unknown)."""
    try:
        status = worker_status()
    except DatabaseError:  # e.g. a migration not applied yet: the web check still answers
        logger.warning("the workers' state is unreadable", exc_info=True)
        return "workers: état inconnu", "unknown"
    return health_line(status), status.state


def health_line(status):
    """The /healthz line: « workers: 2 actifs (…) » then the queue when tasks wait."""
    line = f"workers: {status.summary}"
    if status.state != OK or status.queued:
        line += f" (tâches en attente : {status.queued})"
    return line


def panel_context(user):
    """What templates/background/_worker_status.html needs, for any page that includes it: only coordinators and
    administrators get the status (two queries); for the others the include renders nothing."""
    visible = can_see_worker_status(user)
    return {"can_see_worker_status": visible, "worker_status": worker_status() if visible else None}
