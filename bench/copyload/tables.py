"""The tables a load fills: that they are empty first, where their id sequences start and
where the load leaves them, and `contents()`, what two loads of the same postings must agree on.
"""

from postings.catalogue.ddl import WATCHED_TABLES
from postings.search.engines import TABLE as SEARCH_TABLE

# The tables a load fills: those the catalogue watches, and the search documents.
TABLES = [*WATCHED_TABLES, SEARCH_TABLE]
TIMESTAMPS = {"created_at", "updated_at", "imported_at"}  # the time of the load


def check_empty(cursor):
    for table in TABLES:
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {table})")
        if cursor.fetchone()[0]:
            raise ValueError(f"copy_load fills an empty database; {table} has rows")


def sequence_starts(cursor):
    """The id each table's identity sequence would give next."""
    starts = {}
    for table in TABLES:
        if table == "postings_search":
            continue
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
        last, called = cursor.fetchone()
        starts[table] = last + 1 if called else last
    return starts


def set_sequences(cursor, loader, starts):
    """Where bulk_load leaves each sequence: at the last id it took (a failed INSERT's too)."""
    taken = {
        "postings_posting": loader.next_posting,
        "postings_company": loader.companies.next_id,
        "postings_tag": loader.tag_table.next_id,
        "postings_place": loader.places.next_id,
        "postings_posting_places": loader.next_place_link,
        "postings_taggedposting": loader.next_tagged,
    }
    for table, next_id in taken.items():
        if next_id > starts[table]:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, next_id - 1]
            )


def contents(cursor):
    """Every row a load writes but its timestamps, in id order, and where each id sequence
    stands: what two loads of the same postings must agree on. Tsvectors as text and as
    PostgreSQL sends them (tsvectorsend: every lexeme, position and weight)."""
    rows = {}
    for table in TABLES:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s ORDER BY ordinal_position",
            [table],
        )
        columns = []
        for column, kind in cursor.fetchall():
            if column in TIMESTAMPS:
                continue
            columns += (
                [f"{column}::text", f"tsvectorsend({column})"] if kind == "tsvector" else [column]
            )
        order = "rowid" if table == "postings_search" else "id"
        cursor.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        rows[table] = cursor.fetchall()
        if table != "postings_search":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            (sequence,) = cursor.fetchone()
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
            rows[f"{table} sequence"] = cursor.fetchall()
    return rows
