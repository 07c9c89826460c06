"""Programme snapshots: frozen pictures of the programme taken when a COPIL is closed (issue 12).

A snapshot is written once, by programme.snapshots.close_copil, and never changed: no code path updates it, and
the database refuses any UPDATE or DELETE of its rows (a trigger of migration programme 0005_snapshots). Its rows
copy what they show (codes, titles, axis, group, amounts) so that a fiche renamed, moved or deleted later leaves
the snapshot as the COPIL saw it; `sheet` is a link without a database constraint for the same reason.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from actionsheets.enums import FollowUpFlag, Status

__all__ = ["ProgrammeSnapshot", "SnapshotRow"]

MONEY = {"max_digits": 14, "decimal_places": 2}


class ProgrammeSnapshot(models.Model):
    """The programme as it stood when a COPIL was closed: one row per fiche, and the register of obstacles."""

    taken_at = models.DateTimeField("pris le", db_index=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="pris par", null=True, on_delete=models.PROTECT, related_name="+"
    )
    dossier = models.OneToOneField(
        "programme.CopilDossier", verbose_name="COPIL clos", on_delete=models.PROTECT, related_name="snapshot"
    )
    label = models.CharField("intitulé", max_length=200)
    # The register of « freins à la coordination » at that time: {"<pk>": {"title": …, "status": …}}.
    obstacles = models.JSONField("freins à la coordination", default=dict, editable=False)

    class Meta:
        verbose_name = "instantané du programme"
        verbose_name_plural = "instantanés du programme"
        ordering = ["-taken_at", "-pk"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("programme:snapshot_detail", kwargs={"pk": self.pk})


class SnapshotRow(models.Model):
    """One fiche as the snapshot froze it: identification, status, money, indicators, milestones, follow-up."""

    snapshot = models.ForeignKey(ProgrammeSnapshot, on_delete=models.PROTECT, related_name="rows")
    sheet = models.ForeignKey(
        "actionsheets.ActionSheet",
        verbose_name="fiche",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    code = models.CharField("n° de fiche", max_length=12)
    title = models.CharField("intitulé", max_length=300)
    axis_code = models.CharField("axe", max_length=10)
    axis_title = models.CharField("intitulé de l'axe", max_length=200)
    axis_position = models.PositiveSmallIntegerField(default=0)
    group_name = models.CharField("groupe de travail", max_length=200)
    status = models.CharField("statut", max_length=12, choices=Status.choices)
    planned_total = models.DecimalField("budget prévu (€)", **MONEY)
    funding_secured = models.DecimalField("financements acquis (€)", **MONEY)
    funding_requested = models.DecimalField("financements sollicités (€)", **MONEY)
    actual_total = models.DecimalField("dépenses réalisées (€)", null=True, **MONEY)
    # {"<indicator pk>": {"label", "unit", "year", "value", "count"}}: the latest value of each indicator.
    indicators = models.JSONField("dernières valeurs des indicateurs", default=dict)
    # {"<milestone pk>": {"label", "due_on", "state"}}, state: done, late or todo.
    milestones = models.JSONField("étapes", default=dict)
    milestones_done = models.PositiveIntegerField("étapes réalisées", default=0)
    milestones_overdue = models.PositiveIntegerField("étapes en retard", default=0)
    follow_up_flag = models.CharField("signalement", max_length=12, choices=FollowUpFlag.choices, blank=True)
    progress = models.PositiveSmallIntegerField("avancement (%)", null=True)
    open_obstacles = models.JSONField("freins non levés", default=list)  # the pks of the fiche's obstacles

    class Meta:
        verbose_name = "fiche d'un instantané"
        verbose_name_plural = "fiches d'un instantané"
        ordering = ["axis_position", "code"]
        constraints = [models.UniqueConstraint("snapshot", "sheet", name="snapshot_row_one_per_sheet")]

    def __str__(self):
        return f"{self.code} – {self.title}"
