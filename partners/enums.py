from django.db import models


class Role(models.TextChoices):
    """Global role of an account. Group-level roles (animateur, membre…) live on workshops memberships."""

    ADMIN = "admin", "Administrateur ou administratrice"
    COORDINATOR = "coordinator", "Coordinateur ou coordinatrice (équipe projet)"
    READER = "reader", "Lecteur ou lectrice (consultation seule)"
    PARTNER = "partner", "Partenaire"


class AccessibilityStatus(models.TextChoices):
    NON_COMPLIANT = "non", "non conforme"
    PARTIAL = "partial", "partiellement conforme"
    FULL = "full", "totalement conforme"


class AuditVerb(models.TextChoices):
    ACCOUNT_CREATED = "account_created", "Compte créé"
    ACCOUNT_UPDATED = "account_updated", "Compte modifié"
    ACCOUNT_DEACTIVATED = "account_deactivated", "Compte désactivé"
    ACCOUNT_REACTIVATED = "account_reactivated", "Compte réactivé"
    ACTIVATION_SENT = "activation_sent", "Lien d'activation envoyé"
    PASSWORD_SET = "password_set", "Mot de passe défini"
