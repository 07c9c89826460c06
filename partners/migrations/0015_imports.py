"""Issue 14, spreadsheets as they come: synonyms of types and axes for the import (editable in the admin; the
reference data of migration 0003 gets the usual ones), and how each uploaded file was read."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

import partners.models

# Filled only where still empty: a commune's own synonyms are never replaced.
TYPE_SYNONYMS = {
    "ville": "Mairie\nCommune\nVille\nService municipal",
    "interco": "Agglomération\nCommunauté d'agglomération\nCommunauté de communes",
    "etat": "Préfecture\nSous-préfecture",
    "education": "Éducation nationale\nCollège\nLycée\nÉcole",
    "departement": "Conseil départemental",
    "region": "Conseil régional",
    "emploi": "France Travail\nPôle emploi\nMission locale",
    "bailleur": "Bailleur\nOffice HLM\nHLM",
    "asso_quartier": "Association d'habitants\nAssociation de quartier",
    "equipement": "Centre social\nMaison de quartier\nMédiathèque",
    "habitants": "Conseil citoyen",
}
AXIS_SYNONYMS = {
    "DS": "Réussite éducative\nÉducation\nScolarité",
    "IPJ": "Jeunesse\nEmploi\nInsertion",
    "HAB": "Logement\nCadre de vie",
    "SEN": "Personnes âgées\nAînés",
    "HAN": "Personnes handicapées",
    "AD": "Accès au droit\nDroits",
    "BVE": "Vivre ensemble\nCitoyenneté\nTranquillité",
    "COORD": "Coordination",
}


def add_synonyms(apps, schema_editor):
    for model, field, synonyms in (
        (apps.get_model("partners", "OrganisationType"), "code", TYPE_SYNONYMS),
        (apps.get_model("partners", "Axis"), "code", AXIS_SYNONYMS),
    ):
        for code, text in synonyms.items():
            model.objects.filter(**{field: code}, synonyms="").update(synonyms=text)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0014_website_schemes"),
    ]

    operations = [
        migrations.AddField(
            model_name="axis",
            name="synonyms",
            field=models.TextField(
                blank=True,
                help_text="Un par ligne : les libellés qu'emploient les listes de partenaires (ex. : Jeunesse). Majuscules, accents, tirets et apostrophes ne comptent pas ; un début de libellé suffit s'il ne désigne qu'un seul axe.",
                verbose_name="autres noms reconnus à l'import",
            ),
        ),
        migrations.AddField(
            model_name="importbatch",
            name="reading",
            field=models.JSONField(blank=True, default=dict, verbose_name="lecture du fichier"),
        ),
        migrations.AddField(
            model_name="organisationtype",
            name="synonyms",
            field=models.TextField(
                blank=True,
                help_text="Un par ligne : les libellés qu'emploient les listes de partenaires (ex. : Mairie). Majuscules, accents, tirets et apostrophes ne comptent pas ; un début de libellé suffit s'il ne désigne qu'un seul type.",
                verbose_name="autres noms reconnus à l'import",
            ),
        ),
        migrations.CreateModel(
            name="ImportedName",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="nom dans le fichier")),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="imported_names",
                        to="partners.organisation",
                        verbose_name="structure",
                    ),
                ),
                (
                    "type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="partners.organisationtype",
                        verbose_name="type dans le fichier",
                    ),
                ),
            ],
            options={
                "verbose_name": "nom importé",
                "verbose_name_plural": "noms importés",
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower(partners.models.Unaccent("name")),
                        models.F("type"),
                        name="imported_name_unique_name_type",
                    )
                ],
            },
        ),
        migrations.RunPython(add_synonyms, migrations.RunPython.noop),
    ]
