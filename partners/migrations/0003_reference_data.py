"""Reference data every commune starts from (all editable in the admin afterwards).

The seven axes are those of the 2015 partners' day of the Projet Ville Solidarités, plus the common
methodological axis; the neighbourhoods are demo data loaded by `load_demo`, not here.
"""

from django.db import migrations

AXES = [
    ("DS", "Décrochage scolaire", "Le décrochage scolaire", "#1F4E79"),
    ("IPJ", "Insertion professionnelle des jeunes", "L’insertion professionnelle des jeunes", "#7A3E00"),
    ("HAB", "Habitat", "L’habitat", "#2E6B30"),
    ("SEN", "Seniors", "Les seniors", "#6A1B9A"),
    ("HAN", "Handicap", "Le handicap", "#0B5C73"),
    ("AD", "Accès aux droits", "La politique sociale et urbaine de proximité : accès aux droits", "#8B1A1A"),
    (
        "BVE",
        "Bien vivre ensemble",
        "La politique sociale et urbaine de proximité : le « bien vivre ensemble » (qualité de vie et citoyenneté)",
        "#5A4A00",
    ),
]
COORDINATION = {
    "code": "COORD",
    "short_title": "Coordination entre les acteurs",
    "title": "Axe méthodologique commun : la coordination entre les acteurs",
    "colour": "#333333",
    "description": (
        "Comment organiser au mieux la coordination entre les acteurs pour construire ensemble une action adaptée "
        "aux problématiques repérées, et lever les freins à la coordination pour éviter le cloisonnement des "
        "actions."
    ),
    "is_cross_cutting": True,
    "position": 99,
}
ORGANISATION_TYPES = [
    ("ville", "Ville – direction ou service municipal"),
    ("ccas", "Centre communal d'action sociale (CCAS)"),
    ("interco", "Intercommunalité"),
    ("etat", "État – préfecture et services déconcentrés"),
    ("education", "État – Éducation nationale"),
    ("etat_agence", "État – agences nationales"),
    ("departement", "Département"),
    ("region", "Région"),
    ("caf", "Caisse d'allocations familiales (CAF)"),
    ("organisme_social", "Organismes sociaux (CPAM, CARSAT, MSA…)"),
    ("emploi", "Service public de l'emploi"),
    ("bailleur", "Bailleur social"),
    ("asso_quartier", "Association de quartier ou d'habitants"),
    ("asso_insertion", "Association d'insertion ou d'emploi"),
    ("asso", "Association spécialisée"),
    ("equipement", "Équipement de proximité"),
    ("sante", "Santé"),
    ("habitants", "Habitants – conseil citoyen"),
]


def create_reference_data(apps, schema_editor):
    Axis = apps.get_model("partners", "Axis")
    OrganisationType = apps.get_model("partners", "OrganisationType")
    for position, (code, short_title, title, colour) in enumerate(AXES, start=1):
        Axis.objects.get_or_create(
            code=code, defaults={"title": title, "short_title": short_title, "colour": colour, "position": position}
        )
    Axis.objects.get_or_create(code=COORDINATION["code"], defaults=COORDINATION)
    for position, (code, label) in enumerate(ORGANISATION_TYPES, start=1):
        OrganisationType.objects.get_or_create(code=code, defaults={"label": label, "position": position})


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_directory")]
    operations = [migrations.RunPython(create_reference_data, migrations.RunPython.noop)]
