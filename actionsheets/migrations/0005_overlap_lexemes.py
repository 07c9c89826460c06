"""The document frequency of each word stem of the fiches (ts_stat), kept in a materialized view that
actionsheets.overlaps reads by index: which words are distinctive enough to look for look-alike fiches.
Refreshed by refresh_all_overlaps (one pass over the fiches, never inside a request). The row whose word is
empty holds the number of fiches. The table is named with its schema: PostgreSQL refreshes materialized views
with a search path reduced to pg_catalog."""

from django.db import migrations

CREATE = """
CREATE MATERIALIZED VIEW actionsheets_overlap_lexeme AS
    SELECT word, ndoc FROM ts_stat('SELECT search FROM {schema}.actionsheets_actionsheet')
    UNION ALL
    SELECT '' AS word, count(*)::integer AS ndoc FROM {schema}.actionsheets_actionsheet;
CREATE UNIQUE INDEX actionsheets_overlap_lexeme_word ON actionsheets_overlap_lexeme (word);
"""
DROP = "DROP MATERIALIZED VIEW IF EXISTS actionsheets_overlap_lexeme;"


def create(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        (schema,) = cursor.fetchone()
    schema_editor.execute(CREATE.format(schema=schema))


def drop(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("actionsheets", "0004_follow_up_and_overlaps")]

    operations = [migrations.RunPython(create, drop)]
