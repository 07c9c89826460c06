"""The programme stamp also moves when structures, interlocutors, fiche partners or key partner types change: the
axis pages and the partner map keep what they show from these tables under the stamp (programme.axis,
programme.partner_map), like the dashboard."""

import importlib

from django.db import migrations

stamp = importlib.import_module("programme.migrations.0001_dashboard_stamp")

TABLES = [
    "partners_organisation",
    "partners_contact",
    "actionsheets_actionpartner",
    "programme_keypartnertype",
]


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_key_partner_types")]

    operations = [
        migrations.RunSQL(
            "".join(stamp.triggers(table) for table in TABLES),
            "".join(stamp.drop_triggers(table) for table in TABLES),
        ),
    ]
