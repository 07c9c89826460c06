"""Task workers' heartbeats and the documents built in the background."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """One row per running task worker, touched between tasks: a stale row is a worker that stopped."""

    worker_id = models.CharField("identifiant", max_length=64, unique=True)
    hostname = models.CharField("machine", max_length=255)
    pid = models.PositiveIntegerField("processus")
    started_at = models.DateTimeField("démarré le", default=timezone.now)
    last_seen = models.DateTimeField("dernier signe de vie", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "processus de tâches"
        verbose_name_plural = "processus de tâches"
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.hostname}:{self.pid}"


class StoredDocument(models.Model):
    """A generated file kept under the hash of its content, in the shared storage, until `expires_at`."""

    digest = models.CharField("empreinte SHA-256", max_length=64, unique=True)
    # What the document was made from (the HTML of a PDF): the same source gives the same document, so a second
    # request with nothing changed takes this one instead of laying it out again (background.documents).
    source_digest = models.CharField("empreinte de la source", max_length=64, blank=True, db_index=True)
    file = models.FileField("fichier", upload_to="documents/%Y/%m/", max_length=255)
    filename = models.CharField("nom du fichier", max_length=200)
    content_type = models.CharField("type", max_length=100, default="application/pdf")
    size = models.PositiveIntegerField("taille (octets)", default=0)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    expires_at = models.DateTimeField("à supprimer après", db_index=True)

    class Meta:
        verbose_name = "document généré"
        verbose_name_plural = "documents générés"

    def __str__(self):
        return self.filename


class DocumentBuild(models.Model):
    """One request for a long document (the plan d'actions, the COPIL dossier), built by a task."""

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        RUNNING = "running", "En cours"
        READY = "ready", "Prêt"
        FAILED = "failed", "Échec"

    kind = models.CharField("document", max_length=50)
    params = models.JSONField("paramètres", default=dict, blank=True)
    key = models.CharField("clé de la demande", max_length=64, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField("état", max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    step = models.CharField("étape", max_length=200, blank=True)
    document = models.ForeignKey(StoredDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField("erreur", blank=True)
    created_at = models.DateTimeField("demandé le", default=timezone.now)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "document en préparation"
        verbose_name_plural = "documents en préparation"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "status"])]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display()})"


class HousekeepingRun(models.Model):
    """When each periodic job of background/housekeeping.py last ran, on whichever worker: the row is locked and
    stamped before the job runs, so that a job runs once per period however many workers there are."""

    name = models.CharField("tâche périodique", max_length=100, unique=True)
    last_run_at = models.DateTimeField("dernier lancement", null=True, blank=True)
    last_worker = models.CharField("par le processus", max_length=64, blank=True)
    last_duration = models.FloatField("durée (s)", null=True, blank=True)
    last_error = models.TextField("dernière erreur", blank=True)
    runs = models.PositiveIntegerField("lancements", default=0)

    class Meta:
        verbose_name = "tâche périodique"
        verbose_name_plural = "tâches périodiques"

    def __str__(self):
        return self.name


class FormSubmission(models.Model):
    """One create form posted (background/submissions.py): its one-time token, unique so that two posts of the
    same form race on the index and only one creates, and the page the first post led to. Purged after a day."""

    token = models.CharField("jeton", max_length=100, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField("envoyé le", default=timezone.now, db_index=True)
    result_url = models.CharField("page du résultat", max_length=500, blank=True)

    class Meta:
        verbose_name = "formulaire envoyé"
        verbose_name_plural = "formulaires envoyés"

    def __str__(self):
        return f"{self.user_id} {self.created_at:%d/%m/%Y %H:%M}"
