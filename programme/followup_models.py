"""Follow-up reminders sent once per item and due date, and weekly digests sent once per person and week (issue 12)."""

from django.conf import settings
from django.db import models

__all__ = ["DigestSent", "ReminderSent"]


class ReminderSent(models.Model):
    """One follow-up reminder sent to one person: a milestone soon due or overdue, an indicator value or a yearly
    review missing. Written in the transaction that queues the e-mail, so a second run sends nothing again."""

    class Kind(models.TextChoices):
        MILESTONE_SOON = "milestone_soon", "Étape à échéance dans les 7 jours"
        MILESTONE_LATE = "milestone_late", "Étape en retard"
        INDICATOR = "indicator", "Valeur d'indicateur manquante"
        REVIEW = "review", "Bilan annuel à rédiger"

    kind = models.CharField("rappel", max_length=20, choices=Kind.choices)
    item_key = models.CharField("élément", max_length=60, help_text="« milestone:12 », « indicator:4 », « review:7 ».")
    due_on = models.DateField("échéance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="destinataire", on_delete=models.CASCADE, related_name="+"
    )
    sheet = models.ForeignKey(
        "actionsheets.ActionSheet", verbose_name="fiche", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True)

    class Meta:
        verbose_name = "rappel de suivi envoyé"
        verbose_name_plural = "rappels de suivi envoyés"
        constraints = [
            models.UniqueConstraint("kind", "item_key", "due_on", "user", name="reminder_sent_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.item_key} ({self.due_on:%d/%m/%Y})"


class DigestSent(models.Model):
    """The weekly digest sent to one person for one ISO week (« 2026-W05 »): never a second one that week."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="destinataire", on_delete=models.CASCADE, related_name="+"
    )
    week = models.CharField("semaine ISO", max_length=8)
    sent_at = models.DateTimeField("envoyée le", auto_now_add=True)

    class Meta:
        verbose_name = "lettre hebdomadaire envoyée"
        verbose_name_plural = "lettres hebdomadaires envoyées"
        constraints = [models.UniqueConstraint("user", "week", name="digest_sent_once_a_week")]

    def __str__(self):
        return f"{self.user} – {self.week}"
