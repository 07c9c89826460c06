"""The choices of the fiches actions: workflow states, priorities, participation, and the kinds, roles and
states of a sheet's repeated items (the models keep them as class attributes: `FundingLine.State`…)."""

from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Soumise à l'animation du groupe"
    TO_REVISE = "to_revise", "À retravailler"
    FORWARDED = "forwarded", "Transmise au COPIL"
    VALIDATED = "validated", "Validée"
    PLANNED = "planned", "À venir"
    IN_PROGRESS = "in_progress", "En cours"
    ON_HOLD = "on_hold", "En pause"
    DONE = "done", "Réalisée"
    ABANDONED = "abandoned", "Abandonnée"
    ARCHIVED = "archived", "Archivée"


WRITING_STATES = (Status.DRAFT, Status.TO_REVISE)
REVIEW_STATES = (Status.SUBMITTED, Status.FORWARDED)
VALIDATED_STATES = (
    Status.VALIDATED,
    Status.PLANNED,
    Status.IN_PROGRESS,
    Status.ON_HOLD,
    Status.DONE,
    Status.ABANDONED,
    Status.ARCHIVED,
)


class Priority(models.TextChoices):
    HIGH = "high", "Élevée"
    MEDIUM = "medium", "Moyenne"
    LOW = "low", "Basse"


class Participation(models.TextChoices):
    NONE = "none", "Pas de participation"
    INFORMATION = "information", "Information"
    CONSULTATION = "consultation", "Consultation"
    CONCERTATION = "concertation", "Concertation"
    CO_CONSTRUCTION = "co_construction", "Co-construction"


class PartnerRole(models.TextChoices):
    """ActionPartner.Role: what a partner structure brings to the action."""

    CO_PILOT = "co_pilot", "Co-pilote"
    OPERATIONAL = "operational", "Partenaire opérationnel"
    EXPERTISE = "expertise", "Appui technique ou expertise"
    FUNDER = "funder", "Financeur"
    RELAY = "relay", "Relais, orientation des publics"
    PROVISION = "provision", "Mise à disposition (locaux, personnel…)"


class BudgetKind(models.TextChoices):
    """BudgetLine.Kind."""

    OPERATING = "operating", "Fonctionnement"
    INVESTMENT = "investment", "Investissement"


class FundingState(models.TextChoices):
    """FundingLine.State."""

    REQUESTED = "requested", "Sollicité"
    GRANTED = "granted", "Acquis"
    REFUSED = "refused", "Refusé"


class IndicatorKind(models.TextChoices):
    """Indicator.Kind."""

    RESOURCES = "resources", "Ressources et moyens"
    PROCESS = "process", "Processus et activité"
    OUTPUT = "output", "Réalisation"
    RESULT = "result", "Résultat"
    IMPACT = "impact", "Impact"


class ReviewNextStep(models.TextChoices):
    """AnnualReview.NextStep: what the yearly review proposes."""

    CONTINUE = "continue", "Reconduction"
    ADJUST = "adjust", "Ajustement"
    STOP = "stop", "Arrêt"


class FollowUpFlag(models.TextChoices):
    """ActionSheet.follow_up_flag: what the pilot or the project team signals on a sheet being carried out."""

    NONE = "", "Aucun signalement"
    LATE = "late", "En retard"
    BLOCKED = "blocked", "Bloquée"
    TO_DISCUSS = "to_discuss", "À discuter"


class OverlapDecision(models.TextChoices):
    """Overlap.decision: what the project team made of a pair of look-alike sheets of two groups."""

    PENDING = "pending", "À examiner"
    LINKED = "linked", "Fiches liées"
    NOT_DUPLICATE = "not_duplicate", "Pas un doublon"
    POOLING_PROPOSED = "pooling", "Mutualisation proposée"
