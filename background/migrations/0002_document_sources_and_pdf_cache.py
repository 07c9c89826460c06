"""Stored documents remember their source's hash; the table of the shared PDF cache (CACHES["pdf"], Django's
DatabaseCache) is made here, so that no one has to run `createcachetable` by hand. The SQL is the table that
`createcachetable` makes; IF NOT EXISTS keeps a table someone already made that way."""

from django.db import migrations, models

CREATE_PDF_CACHE = """
CREATE TABLE IF NOT EXISTS "solidarites_cache_pdf" (
    "cache_key" varchar(255) NOT NULL PRIMARY KEY,
    "value" text NOT NULL,
    "expires" timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS "solidarites_cache_pdf_expires" ON "solidarites_cache_pdf" ("expires");
"""


class Migration(migrations.Migration):
    dependencies = [
        ("background", "0001_heartbeats_and_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="storeddocument",
            name="source_digest",
            field=models.CharField(blank=True, db_index=True, max_length=64, verbose_name="empreinte de la source"),
        ),
        migrations.RunSQL(CREATE_PDF_CACHE, 'DROP TABLE IF EXISTS "solidarites_cache_pdf";'),
    ]
