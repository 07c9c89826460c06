"""The seven axes of the 2015 partners' day and the common methodological axis (editable afterwards)."""

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
COORDINATION = (
    "COORD",
    "Coordination entre les acteurs",
    "Axe méthodologique commun : la coordination entre les acteurs",
    "#333333",
    "Comment organiser au mieux la coordination entre les acteurs pour construire ensemble une action adaptée "
    "aux problématiques repérées, et lever les freins à la coordination pour éviter le cloisonnement des actions.",
)


def create_axes(apps, schema_editor):
    Axis = apps.get_model("workshops", "Axis")
    for position, (code, short_title, title, colour) in enumerate(AXES, start=1):
        Axis.objects.get_or_create(
            code=code, defaults={"title": title, "short_title": short_title, "colour": colour, "position": position}
        )
    code, short_title, title, colour, description = COORDINATION
    Axis.objects.get_or_create(
        code=code,
        defaults={
            "title": title,
            "short_title": short_title,
            "colour": colour,
            "description": description,
            "is_cross_cutting": True,
            "position": 99,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("workshops", "0001_initial")]
    operations = [migrations.RunPython(create_axes, migrations.RunPython.noop)]
