"""The catalogue version: one counter that every write to the public catalogue bumps, so that
cached pages are never stale (postings/cache.py). On PostgreSQL, statement-level triggers
bump it once per statement; on SQLite, row triggers are (re)created after every migrate."""

from django.db import migrations

WATCHED_TABLES = [
    "postings_posting",
    "postings_company",
    "postings_tag",
    "postings_taggedposting",
    "postings_place",
    "postings_posting_places",
]


def create(apps, schema_editor):
    run = schema_editor.execute
    run("CREATE TABLE postings_catalogue (id integer PRIMARY KEY, version bigint NOT NULL)")
    run("INSERT INTO postings_catalogue (id, version) VALUES (1, 1)")
    if schema_editor.connection.vendor != "postgresql":
        return
    run(
        """CREATE FUNCTION postings_bump_catalogue() RETURNS trigger AS $$
        BEGIN
            UPDATE postings_catalogue SET version = version + 1 WHERE id = 1;
            RETURN NULL;
        END $$ LANGUAGE plpgsql"""
    )
    for table in WATCHED_TABLES:
        run(
            f"CREATE TRIGGER {table}_catalogue AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION postings_bump_catalogue()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in WATCHED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS postings_bump_catalogue()")
    else:
        for table in WATCHED_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_{event}")
    schema_editor.execute("DROP TABLE postings_catalogue")


class Migration(migrations.Migration):
    dependencies = [("postings", "0006_recruiter_groups")]

    operations = [migrations.RunPython(create, drop)]
