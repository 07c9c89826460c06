"""The publication of a fiche on the public page of validated actions: publiable, public budget, public summary."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actionsheets", "0005_overlap_lexemes"),
    ]

    operations = [
        migrations.AddField(
            model_name="actionsheet",
            name="is_publishable",
            field=models.BooleanField(
                default=False,
                help_text="Une fois validée, la fiche figure sur la page publique des actions (sans connexion).",
                verbose_name="publiable",
            ),
        ),
        migrations.AddField(
            model_name="actionsheet",
            name="public_budget",
            field=models.BooleanField(
                default=False,
                help_text="Le budget prévu et les financements figurent sur la page publique de la fiche.",
                verbose_name="budget affiché publiquement",
            ),
        ),
        migrations.AddField(
            model_name="actionsheet",
            name="public_summary",
            field=models.TextField(
                blank=True,
                help_text="Quelques phrases pour les habitants. Aucun nom de personne ni adresse e-mail.",
                max_length=2000,
                verbose_name="résumé public",
            ),
        ),
    ]
