"""The coordinators' page « Travaux en arrière-plan »: the task workers, the queue and the periodic jobs."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from background import housekeeping
from background.models import HousekeepingRun, WorkerHeartbeat
from background.permissions import can_see_worker_status
from background.status import duration, panel_context

MAX_WORKERS_LISTED = 50


@require_safe
def worker_status(request):
    if not can_see_worker_status(request.user):
        raise PermissionDenied
    context = panel_context(request.user)
    status = context["worker_status"]
    workers = list(WorkerHeartbeat.objects.all()[:MAX_WORKERS_LISTED])
    for worker in workers:
        worker.is_fresh = worker.last_seen >= status.fresh_since
    runs = {run.name: run for run in HousekeepingRun.objects.filter(name__in=housekeeping.JOBS)}
    jobs = sorted(housekeeping.registered(), key=lambda job: job.label)
    jobs = [(job, runs.get(job.name), duration(job.every)) for job in jobs]
    return render(request, "background/worker_status.html", {**context, "workers": workers, "jobs": jobs})
