"""Long documents built in the background (the plan d'actions, later the COPIL dossier).

A request (`request_build`) writes a DocumentBuild and queues the task `build_document`; the page of the build
shows its progress and, once ready, the download. The work itself belongs to the app that knows the document: it
registers a Builder in its AppConfig.ready() (this layer imports no app above it):

    documents.register(Builder(kind="plan", title="Plan d'actions", name="le plan d'actions",
                               params=..., audience=..., prepare=..., render=...))

- `params(querydict)` keeps what the request may say (the list's filters): a dict of strings;
- `audience(user, params)` names what this person may see of it ("all", "validated", "user:12"), so that the
  key of a request (kind + params + audience) is the same for two people who would get the same document;
- `prepare(user, params, progress)` returns a Prepared(source, filename): the HTML, quickly;
- `render(source, progress)` returns the bytes: the slow part (WeasyPrint).
`progress(done, total, step)` reports where the builder is; the page shows it.

The document is kept under the SHA-256 of its content in the default storage (every machine reads it), for
DOCUMENTS_KEEP_DAYS days, and remembers the hash of its source: when a later request, by anyone, prepares the same
source (nothing changed, same audience), that document is handed over without laying it out again.
One build per person at a time: asking again for the same thing while it is being built joins it; asking for
something else is refused until it is done. Readers and partners may ask for DOCUMENTS_PER_HOUR builds an hour.
"""

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from background import housekeeping
from background.models import DocumentBuild, StoredDocument
from background.permissions import document_builds_per_hour

logger = logging.getLogger(__name__)
Status = DocumentBuild.Status
ACTIVE = [Status.QUEUED, Status.RUNNING]
# A build not finished after this long lost its worker (killed, machine restarted): it no longer blocks anyone
# and the purge marks it failed.
STALE_AFTER = timedelta(minutes=30)
FAILED = "La préparation du document a échoué. Demandez-le à nouveau ; si l'échec se répète, prévenez l'équipe projet."
INTERRUPTED = "La préparation du document a été interrompue. Demandez-le à nouveau."
# Share of the progress bar: preparing the source, laying it out, storing it.
PREPARE, RENDER = (0, 10), (10, 95)


@dataclass(frozen=True)
class Prepared:
    source: str
    filename: str


@dataclass(frozen=True)
class Builder:
    kind: str
    title: str  # « Plan d'actions »
    name: str  # « le plan d'actions », in « Télécharger le plan d'actions »
    params: object  # (querydict) -> dict
    audience: object  # (user, params) -> str
    prepare: object  # (user, params, progress) -> Prepared
    render: object  # (source, progress) -> bytes
    content_type: str = "application/pdf"
    format: str = "PDF"


BUILDERS: dict[str, Builder] = {}


def register(builder):
    BUILDERS[builder.kind] = builder


def builder_for(kind):
    return BUILDERS.get(kind)


class DocumentRefused(Exception):
    """A request that cannot be accepted now, with the French sentence that says why."""

    def __init__(self, message, build=None):
        super().__init__(message)
        self.message, self.build = message, build


def request_key(kind, params, audience):
    text = json.dumps([kind, params, audience], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _active(queryset):
    return queryset.filter(status__in=ACTIVE, created_at__gt=timezone.now() - STALE_AFTER)


def request_build(user, kind, params):
    """The build of `kind` for `user`: the one already under way for the same request, or a new one queued.
    Raises DocumentRefused when another of theirs is under way, or when they reached their hourly limit."""
    builder = BUILDERS[kind]
    key = request_key(kind, params, builder.audience(user, params))
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).exists()  # one request of theirs at a time
        mine = DocumentBuild.objects.filter(requested_by=user)
        running = _active(mine).first()
        if running is not None and running.key == key:
            return running, False
        if running is not None:
            raise DocumentRefused(
                "Un autre document est en préparation pour vous : vous pourrez en demander un nouveau quand il "
                "sera prêt.",
                running,
            )
        limit = document_builds_per_hour(user)
        if limit is not None and mine.filter(created_at__gt=timezone.now() - timedelta(hours=1)).count() >= limit:
            raise DocumentRefused(
                f"Vous avez demandé {limit} documents dans l'heure, le nombre maximal : réessayez un peu plus tard, "
                "ou téléchargez ceux déjà prêts."
            )
        build = DocumentBuild.objects.create(
            kind=kind, params=params, key=key, requested_by=user, step="En attente d'un processus de tâches"
        )
        transaction.on_commit(lambda: build_document.enqueue(build.pk))
    return build, True


@task()
def build_document(build_id):
    run_build(build_id)


class Progress:
    """Writes the progress of a build as it goes, at most twice a second (each write is one UPDATE)."""

    def __init__(self, build):
        self.build, self.percent, self.written_at = build, 0, 0.0

    def phase(self, span):
        start, end = span

        def report(done, total, step):
            fraction = min(done / total, 1) if total else 0
            self.set(start + round((end - start) * fraction), step)

        return report

    def set(self, percent, step, force=False):
        self.percent = max(self.percent, min(percent, 100))
        if force or time.monotonic() - self.written_at >= 0.5:
            DocumentBuild.objects.filter(pk=self.build.pk).update(progress=self.percent, step=step[:200])
            self.written_at = time.monotonic()


def _claim(build_id):
    """The build, now running; None when it is not waiting any more (already run, failed or purged)."""
    with transaction.atomic():
        build = DocumentBuild.objects.select_for_update().filter(pk=build_id, status=Status.QUEUED).first()
        if build is None:
            return None
        build.status, build.started_at, build.step = Status.RUNNING, timezone.now(), "Préparation"
        build.save(update_fields=["status", "started_at", "step"])
    return build


def run_build(build_id):
    build = _claim(build_id)
    if build is None:
        return
    builder, user = BUILDERS.get(build.kind), build.requested_by
    progress = Progress(build)
    try:
        if builder is None or not user.is_active:
            raise RuntimeError(f"build {build.pk}: no builder for {build.kind!r} or inactive requester")
        prepared = builder.prepare(user, build.params, progress.phase(PREPARE))
        source_digest = hashlib.sha256(f"{build.kind}\n{prepared.source}".encode()).hexdigest()
        document = reusable(source_digest)
        if document is None:
            content = builder.render(prepared.source, progress.phase(RENDER))
            progress.set(RENDER[1], "Enregistrement du document", force=True)
            document = store(content, prepared.filename, builder.content_type, source_digest)
    except Exception:
        logger.exception("document build %s (%s) failed", build.pk, build.kind)
        _finish(build, Status.FAILED, error=FAILED)
        raise
    _finish(build, Status.READY, document=document)


def _finish(build, status, *, document=None, error=""):
    DocumentBuild.objects.filter(pk=build.pk).update(
        status=status,
        document=document,
        error=error,
        progress=100 if status == Status.READY else build.progress,
        step="Prêt" if status == Status.READY else "Échec",
        finished_at=timezone.now(),
    )


def _expiry():
    return timezone.now() + timedelta(days=settings.DOCUMENTS_KEEP_DAYS)


def reusable(source_digest):
    """A kept document made from the same source, kept DOCUMENTS_KEEP_DAYS more; None if there is none."""
    document = (
        StoredDocument.objects.filter(source_digest=source_digest, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if document is not None:
        StoredDocument.objects.filter(pk=document.pk).update(expires_at=_expiry())
    return document


def store(content, filename, content_type, source_digest=""):
    """`content` kept in the default storage under its SHA-256 (the same bytes are kept once)."""
    digest = hashlib.sha256(content).hexdigest()
    existing = StoredDocument.objects.filter(digest=digest).first()
    if existing is not None:
        StoredDocument.objects.filter(pk=existing.pk).update(expires_at=_expiry())
        return existing
    document = StoredDocument(
        digest=digest,
        source_digest=source_digest,
        filename=filename,
        content_type=content_type,
        size=len(content),
        expires_at=_expiry(),
    )
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    document.file.save(f"{digest}.{extension}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:  # another worker stored the same bytes meanwhile: keep theirs
        document.file.delete(save=False)
        return StoredDocument.objects.get(digest=digest)
    return document


def purge(now=None):
    """Delete the documents past their date (file, then row), the builds older than the keep days, and mark
    failed the builds that lost their worker. Returns (documents, builds) deleted."""
    now = now or timezone.now()
    documents = 0
    for document in StoredDocument.objects.filter(expires_at__lte=now):
        document.file.delete(save=False)
        document.delete()
        documents += 1
    DocumentBuild.objects.filter(status__in=ACTIVE, created_at__lte=now - STALE_AFTER).update(
        status=Status.FAILED, error=INTERRUPTED, step="Échec", finished_at=now
    )
    old = now - timedelta(days=settings.DOCUMENTS_KEEP_DAYS)
    builds, _ = DocumentBuild.objects.filter(created_at__lte=old).exclude(status__in=ACTIVE).delete()
    return documents, builds


def register_housekeeping():
    housekeeping.register("documents.purge", every=3600, run=purge)
