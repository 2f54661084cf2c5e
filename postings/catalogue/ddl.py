"""The catalogue version and the change log, kept by the database itself.

Every write to postings, companies, tags, tag links or places, by any path (the admin, the
importer, a shell, a bulk `QuerySet.update()`, raw SQL), does two things in the same
transaction:

- bumps `postings_catalogue.version`, which cached pages are keyed under (never stale);
- logs what it touched in `postings_change`: ("p", posting id) for a posting, its tags or its
  places, ("t", id) a tag, ("c", id) a company, ("l", id) a place, ("*", 0) everything (a
  TRUNCATE). Each process's index (index.py) reads the log since the last row it applied.

The log's ids must come in commit order, or a reader could skip a row committed late. SQLite
has one writer at a time. On PostgreSQL each logging statement first locks the catalogue row,
which the writer then holds until it commits: ids of concurrent writers never interleave.

On PostgreSQL, statement-level triggers (migrations 0007, 0012); on SQLite, row triggers,
(re)created after every migrate, since SQLite drops a table's triggers when a migration
rebuilds it (apps.py).
"""

from django.db import connections

VERSION_TABLE = "postings_catalogue"
CHANGE_TABLE = "postings_change"
CHANNEL = "postings_catalogue"  # PostgreSQL's NOTIFY on each bump (listening.py)
# Rows kept: a process further behind than this rebuilds its index instead.
KEEP_CHANGES = 200_000

# (table, kind of change, the column naming the object changed)
WATCHED = [
    ("postings_posting", "p", "id"),
    ("postings_company", "c", "id"),
    ("postings_tag", "t", "id"),
    ("postings_taggedposting", "p", "content_object_id"),
    ("postings_place", "l", "id"),
    ("postings_posting_places", "p", "posting_id"),
]
WATCHED_TABLES = [table for table, _, _ in WATCHED]
EVENTS = ("INSERT", "UPDATE", "DELETE")

# --- the change log table ------------------------------------------------------------------
CREATE_CHANGE_TABLE = {
    "sqlite": f"""CREATE TABLE IF NOT EXISTS {CHANGE_TABLE} (
        id integer PRIMARY KEY, kind char(1) NOT NULL, object_id bigint NOT NULL)""",
    "postgresql": f"""CREATE TABLE IF NOT EXISTS {CHANGE_TABLE} (
        id bigserial PRIMARY KEY, kind char(1) NOT NULL, object_id bigint NOT NULL)""",
}

# --- PostgreSQL: the version, bumped once per statement, and a notice at commit ---------------
POSTGRES_BUMP_FUNCTION = f"""
CREATE OR REPLACE FUNCTION postings_bump_catalogue() RETURNS trigger AS $$
BEGIN
    UPDATE {VERSION_TABLE} SET version = version + 1 WHERE id = 1;
    -- Delivered when the transaction commits; repeats within one are sent once.
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END $$ LANGUAGE plpgsql"""

# --- PostgreSQL: one INSERT ... SELECT per statement, from its transition table --------------
POSTGRES_LOG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION postings_log_change() RETURNS trigger AS $$
BEGIN
    -- Held until commit: the ids of concurrent writers never interleave (see ddl.py).
    PERFORM 1 FROM {VERSION_TABLE} WHERE id = 1 FOR UPDATE;
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO {CHANGE_TABLE} (kind, object_id) VALUES ('*', 0);
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO {CHANGE_TABLE} (kind, object_id) '
            'SELECT DISTINCT %L, %I FROM old_rows', TG_ARGV[0], TG_ARGV[1]);
    ELSIF TG_OP = 'UPDATE' THEN
        EXECUTE format('INSERT INTO {CHANGE_TABLE} (kind, object_id) '
            'SELECT %L, %I FROM new_rows UNION SELECT %L, %I FROM old_rows',
            TG_ARGV[0], TG_ARGV[1], TG_ARGV[0], TG_ARGV[1]);
    ELSE
        EXECUTE format('INSERT INTO {CHANGE_TABLE} (kind, object_id) '
            'SELECT DISTINCT %L, %I FROM new_rows', TG_ARGV[0], TG_ARGV[1]);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql"""

_TRANSITIONS = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}


def postgres_log_triggers():
    # A trigger with transition tables takes one event: three per table, and one for TRUNCATE.
    for table, kind, column in WATCHED:
        for event in EVENTS:
            yield (
                f"CREATE TRIGGER {table}_log_{event.lower()} AFTER {event} ON {table} "
                f"{_TRANSITIONS[event]} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION postings_log_change('{kind}', '{column}')"
            )
        yield (
            f"CREATE TRIGGER {table}_log_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION postings_log_change('*', '')"
        )


def postgres_drop_log_triggers():
    for table in WATCHED_TABLES:
        for event in (*EVENTS, "TRUNCATE"):
            yield f"DROP TRIGGER IF EXISTS {table}_log_{event.lower()} ON {table}"


# --- SQLite: row triggers, bumping the version and logging the row ---------------------------
def sqlite_triggers(log=True):
    """The row triggers; without `log`, their form before the change log (migration 0012)."""
    for table, kind, column in WATCHED:
        for event in EVENTS:
            rows = {"INSERT": ["NEW"], "UPDATE": ["NEW", "OLD"], "DELETE": ["OLD"]}[event]
            logged = " UNION ".join(f"SELECT '{kind}', {row}.{column}" for row in rows)
            logging = f"INSERT INTO {CHANGE_TABLE} (kind, object_id) {logged}; " if log else ""
            yield (
                f"CREATE TRIGGER {table}_catalogue_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE {VERSION_TABLE} SET version = version + 1 WHERE id = 1; "
                f"{logging}END"
            )


def ensure_sqlite_triggers(using="default", log=True):
    """(Re)create the catalogue triggers on SQLite, where table rebuilds drop them."""
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        if log:
            cursor.execute(CREATE_CHANGE_TABLE["sqlite"])
        for table in WATCHED_TABLES:
            for event in EVENTS:
                # Replaced, not kept: an older form of them did not log.
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_{event.lower()}")
        for statement in sqlite_triggers(log):
            cursor.execute(statement)


# --- reading and pruning the log -----------------------------------------------------------
def changes_since(cursor, position, head):
    """(kind, object id) of the rows after `position` up to `head`, and whether the log still
    reaches back to `position` (else rows were pruned: the reader must start again)."""
    cursor.execute(
        f"SELECT kind, object_id, (SELECT min(id) FROM {CHANGE_TABLE}) FROM {CHANGE_TABLE} "
        "WHERE id > %s AND id <= %s GROUP BY kind, object_id",
        [position, head],
    )
    rows = cursor.fetchall()
    oldest = rows[0][2] if rows else None
    if oldest is None or oldest > position + 1:
        return [], False
    return [(kind, pk) for kind, pk, _ in rows], True


def prune(cursor, keep=KEEP_CHANGES):
    """Forget all but the newest `keep` rows (an indexed range delete)."""
    cursor.execute(
        f"DELETE FROM {CHANGE_TABLE} WHERE id <= (SELECT max(id) FROM {CHANGE_TABLE}) - %s", [keep]
    )


def mark_everything_changed(cursor):
    """After a load that bypassed the triggers (COPY with triggers disabled): every process
    starts again from the tables, and every cached page is recomputed."""
    cursor.execute(f"UPDATE {VERSION_TABLE} SET version = version + 1 WHERE id = 1")
    cursor.execute(f"INSERT INTO {CHANGE_TABLE} (kind, object_id) VALUES ('*', 0)")
