"""The change log beside the catalogue version (postings/catalogue/ddl.py): which postings,
tags, companies and places each write touched, so that each process's index can apply the
changes since it last looked instead of rebuilding."""

from django.db import migrations

from postings.catalogue import ddl


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(ddl.CREATE_CHANGE_TABLE[vendor])
    if vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:  # no parameters: % is format()'s
            cursor.execute(ddl.POSTGRES_LOG_FUNCTION)
        for statement in ddl.postgres_log_triggers():
            schema_editor.execute(statement)
    else:  # and again after every migrate (postings/apps.py)
        ddl.ensure_sqlite_triggers(schema_editor.connection.alias)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in ddl.postgres_drop_log_triggers():
            schema_editor.execute(statement)
        schema_editor.execute("DROP FUNCTION IF EXISTS postings_log_change()")
    else:  # the triggers without the log, as migration 0007 left them
        ddl.ensure_sqlite_triggers(schema_editor.connection.alias, log=False)
    schema_editor.execute(f"DROP TABLE {ddl.CHANGE_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("postings", "0011_place_key_required")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
