"""Each person's follow-up preferences: reminders about their fiches (on by default) and the weekly digest
(empty: the default of their role, see partners.preferences)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0009_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="follow_up_reminders",
            field=models.BooleanField(
                default=True,
                help_text="Étapes à échéance ou en retard, indicateurs et bilans annuels à renseigner.",
                verbose_name="rappels de suivi de mes fiches",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="weekly_digest",
            field=models.BooleanField(
                blank=True,
                null=True,
                help_text="Vide : selon le rôle (oui pour l'équipe projet et les animateurs de groupe).",
                verbose_name="lettre hebdomadaire",
            ),
        ),
    ]
