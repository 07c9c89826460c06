from django.db import migrations

TARGET_PUBLICS = [
    "Enfants (moins de 11 ans)",
    "Collégiens et lycéens",
    "Jeunes de 16 à 25 ans",
    "Familles et parents",
    "Seniors",
    "Personnes en situation de handicap",
    "Habitants du quartier prioritaire",
    "Demandeurs d'emploi",
    "Personnes isolées",
    "Professionnels et bénévoles",
    "Tous publics",
]
FRAMEWORKS = [
    ("Contrat de ville", "CV"),
    ("Convention territoriale globale (CAF)", "CTG"),
    ("Projet éducatif territorial", "PEDT"),
    ("Analyse des besoins sociaux (CCAS)", "ABS"),
    ("Programme de réussite éducative", "PRE"),
    ("Gestion urbaine et sociale de proximité", "GUSP"),
    ("Nouveau programme de renouvellement urbain", "NPNRU"),
]
FUNDERS = [
    "État",
    "Région",
    "Département",
    "Commune",
    "Intercommunalité",
    "CAF",
    "Autres organismes sociaux",
    "Bailleur social",
    "Fonds propres de la structure porteuse",
    "Contributions volontaires en nature",
]


def create_reference_data(apps, schema_editor):
    for position, label in enumerate(TARGET_PUBLICS, start=1):
        apps.get_model("actionsheets", "TargetPublic").objects.get_or_create(
            label=label, defaults={"position": position}
        )
    for position, (label, code) in enumerate(FRAMEWORKS, start=1):
        apps.get_model("actionsheets", "Framework").objects.get_or_create(
            label=label, defaults={"code": code, "position": position}
        )
    for position, label in enumerate(FUNDERS, start=1):
        apps.get_model("actionsheets", "Funder").objects.get_or_create(label=label, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("actionsheets", "0001_initial")]

    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
