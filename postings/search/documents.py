"""The search documents: what a posting's three fields hold, written to either engine."""

from django.db import connection

from .engines import TABLE
from .text import html_to_text, index_text

SQLITE_DELETE_TRIGGER = f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON postings_posting BEGIN
        DELETE FROM {TABLE} WHERE rowid = OLD.id;
    END"""


def ensure_delete_trigger(using="default"):
    """(Re)create SQLite's delete trigger.

    SQLite migrations that alter postings_posting rebuild the table and drop its triggers, so
    this runs after every migrate (postings/apps.py).
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_DELETE_TRIGGER)


def document(title, company, location, tags, places, body_html) -> tuple[str, str, str]:
    """The three weighted fields of a posting's search document, as indexed text."""
    meta = " ".join([company, location, *tags, *places])
    return index_text(title), index_text(meta), index_text(html_to_text(body_html))


def document_for(posting) -> tuple[str, str, str]:
    return document(
        posting.title,
        posting.company.name,
        posting.location,
        [tag.name for tag in posting.tags.all()],
        # The places it names and those containing them: "germany" finds Berlin's jobs.
        list({p.name: None for link in posting.named_links for p in link.place.lineage()}),
        posting.body_html,
    )


def index_postings(postings):
    """Write the search documents of these postings (as Posting.objects.for_detail() reads them)."""
    write_documents([(posting.pk, *document_for(posting)) for posting in postings])


def write_documents(rows):
    """Store (posting id, title, meta, body) documents, replacing any earlier ones."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"""INSERT INTO {TABLE} (rowid, {TABLE}, title, meta)
                SELECT id, setweight(title, 'A') || setweight(meta, 'B')
                    || setweight(to_tsvector('simple', body), 'C'), title, meta
                FROM (SELECT %s AS id, to_tsvector('simple', %s) AS title,
                    to_tsvector('simple', %s) AS meta, %s AS body) AS fields
                ON CONFLICT (rowid) DO UPDATE SET {TABLE} = EXCLUDED.{TABLE},
                    title = EXCLUDED.title, meta = EXCLUDED.meta""",
                rows,
            )
        else:
            ids = [row[0] for row in rows]
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids
            )
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)", rows
            )
