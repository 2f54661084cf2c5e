"""Each bump of the catalogue version also notifies the processes that listen
(postings/catalogue/listening.py), so that a cached page costs no query on PostgreSQL."""

from django.db import migrations

from postings.catalogue import ddl

PREVIOUS = """
CREATE OR REPLACE FUNCTION postings_bump_catalogue() RETURNS trigger AS $$
BEGIN
    UPDATE postings_catalogue SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""


def replace(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("postings", "0012_change_log")]
    operations = [
        migrations.RunPython(replace(ddl.POSTGRES_BUMP_FUNCTION), replace(PREVIOUS), elidable=False)
    ]
