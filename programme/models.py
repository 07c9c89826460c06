"""What the programme's steering pages need besides the other apps' data: the types of structures each axis
expects among its partners (« Éducation nationale » in « décrochage scolaire »), edited in the admin."""

from django.conf import settings
from django.db import models

from partners.models import Axis, OrganisationType


class KeyPartnerType(models.Model):
    """A type of structure the programme expects to take part in an axis: the partner map flags the axes where
    no active structure of that type takes part."""

    axis = models.ForeignKey(Axis, verbose_name="axe", on_delete=models.CASCADE, related_name="key_partner_types")
    organisation_type = models.ForeignKey(
        OrganisationType, verbose_name="type de structure", on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(
        "pourquoi",
        max_length=300,
        blank=True,
        help_text="Ce que ce type de partenaire apporte à l'axe (affiché dans les points à traiter).",
    )

    class Meta:
        verbose_name = "partenaire clé attendu dans un axe"
        verbose_name_plural = "partenaires clés attendus dans les axes"
        ordering = ["axis__position", "organisation_type__position"]
        constraints = [
            models.UniqueConstraint("axis", "organisation_type", name="key_partner_type_unique_axis_type"),
        ]

    def __str__(self):
        return f"{self.axis.code} – {self.organisation_type}"


class CopilDossier(models.Model):
    """The dossier of one COPIL (a workshops meeting of kind « copil »): the fiches put before it (those
    « transmises au COPIL » when it is opened, then as the coordinator adds or removes them), its decisions, and
    its closing, which freezes a snapshot of the programme (programme.snapshot_models)."""

    meeting = models.OneToOneField(
        "workshops.Meeting", verbose_name="COPIL", on_delete=models.CASCADE, related_name="copil_dossier"
    )
    sheets = models.ManyToManyField(
        "actionsheets.ActionSheet", verbose_name="fiches du dossier", blank=True, related_name="copil_dossiers"
    )
    created_at = models.DateTimeField("ouvert le", auto_now_add=True)
    closed_at = models.DateTimeField("clos le", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="clos par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "dossier de COPIL"
        verbose_name_plural = "dossiers de COPIL"

    def __str__(self):
        return f"Dossier – {self.meeting}"


class CopilDecision(models.Model):
    """What the COPIL decided about one fiche of its dossier; « validée » and « à retravailler » also move the fiche
    (actionsheets.services.move, dated with the COPIL's date), « ajournée » leaves it « transmise au COPIL »."""

    class Outcome(models.TextChoices):
        VALIDATED = "validated", "Validée"
        REWORK = "rework", "À retravailler"
        POSTPONED = "postponed", "Ajournée"

    dossier = models.ForeignKey(CopilDossier, on_delete=models.CASCADE, related_name="decisions")
    sheet = models.ForeignKey(
        "actionsheets.ActionSheet", verbose_name="fiche", on_delete=models.CASCADE, related_name="+"
    )
    outcome = models.CharField("décision", max_length=10, choices=Outcome.choices)
    comment = models.TextField("commentaire aux auteurs", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="saisie par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("saisie le", auto_now_add=True)

    class Meta:
        verbose_name = "décision du COPIL"
        verbose_name_plural = "décisions du COPIL"
        constraints = [models.UniqueConstraint("dossier", "sheet", name="copil_decision_one_per_sheet")]

    def __str__(self):
        return f"{self.sheet} : {self.get_outcome_display()}"


# Programme snapshots (engineer « snapshots ») and follow-up reminders / digests (engineer « followup ») keep their
# models in their own modules, imported here so that Django registers them.
from programme.followup_models import *  # noqa: E402, F403
from programme.snapshot_models import *  # noqa: E402, F403
