"""Follow-up reminders (once per item, due date and person) and weekly digests (once per person and ISO week)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actionsheets", "0005_overlap_lexemes"),
        ("programme", "0005_snapshots"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DigestSent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("week", models.CharField(max_length=8, verbose_name="semaine ISO")),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="envoyée le")),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="destinataire",
                    ),
                ),
            ],
            options={
                "verbose_name": "lettre hebdomadaire envoyée",
                "verbose_name_plural": "lettres hebdomadaires envoyées",
                "constraints": [
                    models.UniqueConstraint(models.F("user"), models.F("week"), name="digest_sent_once_a_week")
                ],
            },
        ),
        migrations.CreateModel(
            name="ReminderSent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("milestone_soon", "Étape à échéance dans les 7 jours"),
                            ("milestone_late", "Étape en retard"),
                            ("indicator", "Valeur d'indicateur manquante"),
                            ("review", "Bilan annuel à rédiger"),
                        ],
                        max_length=20,
                        verbose_name="rappel",
                    ),
                ),
                (
                    "item_key",
                    models.CharField(
                        help_text="« milestone:12 », « indicator:4 », « review:7 ».",
                        max_length=60,
                        verbose_name="élément",
                    ),
                ),
                ("due_on", models.DateField(verbose_name="échéance")),
                ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="envoyé le")),
                (
                    "sheet",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="actionsheets.actionsheet",
                        verbose_name="fiche",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="destinataire",
                    ),
                ),
            ],
            options={
                "verbose_name": "rappel de suivi envoyé",
                "verbose_name_plural": "rappels de suivi envoyés",
                "constraints": [
                    models.UniqueConstraint(
                        models.F("kind"),
                        models.F("item_key"),
                        models.F("due_on"),
                        models.F("user"),
                        name="reminder_sent_once",
                    )
                ],
            },
        ),
    ]
