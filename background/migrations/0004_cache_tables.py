"""The tables of the shared database caches (CACHES « default » and « fragments » when REDIS_URL is not set), so
that no `createcachetable` step is needed: the same columns as Django's `createcachetable` makes. Harmless when
Redis holds the caches (the tables then stay empty)."""

from django.db import migrations

TABLES = ("solidarites_cache_default", "solidarites_cache_fragments")  # solidarites.settings.shared_cache


def create(table):
    return (
        f'CREATE TABLE IF NOT EXISTS "{table}" ('
        '"cache_key" varchar(255) NOT NULL PRIMARY KEY, "value" text NOT NULL, "expires" timestamp with time zone NOT NULL);'
        f'CREATE INDEX IF NOT EXISTS "{table}_expires" ON "{table}" ("expires");'
    )


class Migration(migrations.Migration):
    dependencies = [("background", "0003_housekeeping_runs")]

    operations = [migrations.RunSQL(create(table), reverse_sql=f'DROP TABLE IF EXISTS "{table}";') for table in TABLES]
