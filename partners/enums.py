"""The partners app's choices: global roles, audit verbs, civilities, accessibility status, import states."""

from django.db import models


class Role(models.TextChoices):
    """Global role of an account. Group-level roles (animateur, membre…) live on workshops memberships."""

    ADMIN = "admin", "Administrateur ou administratrice"
    COORDINATOR = "coordinator", "Coordinateur ou coordinatrice (équipe projet)"
    READER = "reader", "Lecteur ou lectrice (consultation seule)"
    PARTNER = "partner", "Partenaire"


class ImportState(models.TextChoices):
    """Where a confirmed partner list stands: the task worker writes it (partners.tasks.run_import)."""

    QUEUED = "queued", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "Refusé"


class AccessibilityStatus(models.TextChoices):
    NON_COMPLIANT = "non", "non conforme"
    PARTIAL = "partial", "partiellement conforme"
    FULL = "full", "totalement conforme"


class AuditVerb(models.TextChoices):
    CREATED = "created", "Création"
    UPDATED = "updated", "Modification"
    DEACTIVATED = "deactivated", "Désactivation"
    REACTIVATED = "reactivated", "Réactivation"
    ACTIVATION_SENT = "activation_sent", "Lien « Définir mon mot de passe » envoyé"
    PASSWORD_SET = "password_set", "Mot de passe défini"
    MERGED = "merged", "Fusion"
    IMPORTED = "imported", "Import"
    INVITED = "invited", "Invitations envoyées"
    ANSWERED = "answered", "Réponse à une invitation"
    CANCELLED = "cancelled", "Annulation"
    ATTENDANCE = "attendance", "Émargement"
    PUBLISHED = "published", "Publication"
    REVOKED = "revoked", "Révocation"
    RESENT = "resent", "E-mail renvoyé"
    DATA_EXPORTED = "data_exported", "Export des données personnelles"
    ANONYMISED = "anonymised", "Anonymisation (effacement RGPD)"
    EXPORTED = "exported", "Export d'une liste de personnes"


class Civility(models.TextChoices):
    MRS = "Mme", "Madame"
    MR = "M.", "Monsieur"
