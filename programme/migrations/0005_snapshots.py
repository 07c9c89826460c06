"""Programme snapshots (issue 12): the two tables, and the trigger by which the database refuses any UPDATE or
DELETE of their rows (a snapshot is what a COPIL saw: it is never changed). TRUNCATE, which the test runner's
flush uses, is not a row operation and stays possible."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABLES = ("programme_programmesnapshot", "programme_snapshotrow")

FUNCTION = """
CREATE OR REPLACE FUNCTION programme_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Un instantané du programme ne se modifie pas (% refusé sur %).', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;
"""

TRIGGERS = [
    f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION programme_snapshot_immutable();"
    for table in TABLES
]
DROP = [f"DROP TRIGGER IF EXISTS {table}_immutable ON {table};" for table in TABLES]
DROP += ["DROP FUNCTION IF EXISTS programme_snapshot_immutable();"]


class Migration(migrations.Migration):
    dependencies = [
        ("actionsheets", "0005_overlap_lexemes"),
        ("programme", "0004_copil_dossiers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProgrammeSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("taken_at", models.DateTimeField(db_index=True, verbose_name="pris le")),
                ("label", models.CharField(max_length=200, verbose_name="intitulé")),
                (
                    "obstacles",
                    models.JSONField(default=dict, editable=False, verbose_name="freins à la coordination"),
                ),
                (
                    "dossier",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="snapshot",
                        to="programme.copildossier",
                        verbose_name="COPIL clos",
                    ),
                ),
                (
                    "taken_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="pris par",
                    ),
                ),
            ],
            options={
                "verbose_name": "instantané du programme",
                "verbose_name_plural": "instantanés du programme",
                "ordering": ["-taken_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SnapshotRow",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=12, verbose_name="n° de fiche")),
                ("title", models.CharField(max_length=300, verbose_name="intitulé")),
                ("axis_code", models.CharField(max_length=10, verbose_name="axe")),
                ("axis_title", models.CharField(max_length=200, verbose_name="intitulé de l'axe")),
                ("axis_position", models.PositiveSmallIntegerField(default=0)),
                ("group_name", models.CharField(max_length=200, verbose_name="groupe de travail")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Brouillon"),
                            ("submitted", "Soumise à l'animation du groupe"),
                            ("to_revise", "À retravailler"),
                            ("forwarded", "Transmise au COPIL"),
                            ("validated", "Validée"),
                            ("planned", "À venir"),
                            ("in_progress", "En cours"),
                            ("on_hold", "En pause"),
                            ("done", "Réalisée"),
                            ("abandoned", "Abandonnée"),
                            ("archived", "Archivée"),
                        ],
                        max_length=12,
                        verbose_name="statut",
                    ),
                ),
                (
                    "planned_total",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="budget prévu (€)"),
                ),
                (
                    "funding_secured",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="financements acquis (€)"),
                ),
                (
                    "funding_requested",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="financements sollicités (€)"),
                ),
                (
                    "actual_total",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, null=True, verbose_name="dépenses réalisées (€)"
                    ),
                ),
                ("indicators", models.JSONField(default=dict, verbose_name="dernières valeurs des indicateurs")),
                ("milestones", models.JSONField(default=dict, verbose_name="étapes")),
                ("milestones_done", models.PositiveIntegerField(default=0, verbose_name="étapes réalisées")),
                ("milestones_overdue", models.PositiveIntegerField(default=0, verbose_name="étapes en retard")),
                (
                    "follow_up_flag",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Aucun signalement"),
                            ("late", "En retard"),
                            ("blocked", "Bloquée"),
                            ("to_discuss", "À discuter"),
                        ],
                        max_length=12,
                        verbose_name="signalement",
                    ),
                ),
                ("progress", models.PositiveSmallIntegerField(null=True, verbose_name="avancement (%)")),
                ("open_obstacles", models.JSONField(default=list, verbose_name="freins non levés")),
                (
                    "sheet",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actionsheets.actionsheet",
                        verbose_name="fiche",
                    ),
                ),
                (
                    "snapshot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rows",
                        to="programme.programmesnapshot",
                    ),
                ),
            ],
            options={
                "verbose_name": "fiche d'un instantané",
                "verbose_name_plural": "fiches d'un instantané",
                "ordering": ["axis_position", "code"],
                "constraints": [
                    models.UniqueConstraint(models.F("snapshot"), models.F("sheet"), name="snapshot_row_one_per_sheet")
                ],
            },
        ),
        migrations.RunSQL([FUNCTION, *TRIGGERS], reverse_sql=DROP),
    ]
