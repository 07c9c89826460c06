"""The programme stamp (see programme.dashboard): a sequence bumped by triggers on every table the dashboard
reads, so that every worker process knows at once that its cached figures are out of date.

Per table: a statement-level AFTER INSERT/UPDATE/DELETE/TRUNCATE trigger (the change is seen at once, also
inside the writing transaction), and a deferred constraint trigger that bumps once more at commit time, once
per transaction (a transaction-local setting remembers it has done so)."""

from django.db import migrations

TABLES = [
    "actionsheets_actionsheet",
    "actionsheets_actionsheet_findings",
    "actionsheets_budgetline",
    "actionsheets_fundingline",
    "actionsheets_funder",
    "actionsheets_milestone",
    "actionsheets_indicator",
    "actionsheets_measurement",
    "workshops_finding",
    "workshops_workinggroup",
    "workshops_membership",
    "workshops_meeting",
    "workshops_meeting_groups",
    "workshops_invitation",
    "workshops_attendance",
    "workshops_coordinationobstacle",
    "workshops_coordinationobstacle_axes",
    "partners_axis",
]

FUNCTIONS = """
CREATE SEQUENCE programme_stamp;

CREATE FUNCTION programme_stamp_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('programme_stamp');
    RETURN NULL;
END
$$;

CREATE FUNCTION programme_stamp_bump_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('programme.bumped', true), '') <> '1' THEN
        PERFORM set_config('programme.bumped', '1', true);
        PERFORM nextval('programme_stamp');
    END IF;
    RETURN NULL;
END
$$;
"""

DROP_FUNCTIONS = """
DROP FUNCTION programme_stamp_bump_at_commit();
DROP FUNCTION programme_stamp_bump();
DROP SEQUENCE programme_stamp;
"""


def triggers(table):
    return f"""
CREATE TRIGGER programme_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION programme_stamp_bump();
CREATE CONSTRAINT TRIGGER programme_stamp_at_commit AFTER INSERT OR UPDATE OR DELETE ON {table}
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION programme_stamp_bump_at_commit();
"""


def drop_triggers(table):
    return f"""
DROP TRIGGER programme_stamp_at_commit ON {table};
DROP TRIGGER programme_stamp ON {table};
"""


class Migration(migrations.Migration):
    dependencies = [
        ("actionsheets", "0004_follow_up_and_overlaps"),
        ("partners", "0008_list_order_indexes"),
        ("workshops", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FUNCTIONS, DROP_FUNCTIONS),
        migrations.RunSQL(
            "".join(triggers(table) for table in TABLES), "".join(drop_triggers(table) for table in TABLES)
        ),
    ]
