"""The stream of postings: texts to the worker processes in order, their results to the
loader, each group of rows COPYed on the load's connection by a writer thread (`Writer`,
`write_group`: postings, links, search texts through a staging table into write_documents'
expression), and the small tables COPYed at the end (`copy_small_tables`)."""

import queue
import threading
import time
from collections import deque
from itertools import islice

from bench.copyload.prepare import prepare_chunk
from bench.copyload.timing import timed

CHUNK = 250  # postings per task of a worker process
AHEAD = 12_000  # postings handed to the workers and not yet written: all of them kept busy
GROUP = 5000  # postings per round of COPY statements
POSTING_COLUMNS = [
    "id",
    "title",
    "slug",
    "url",
    "apply_url",
    "host",
    "location",
    "remote",
    "job_type",
    "posted_at",
    "summary",
    "featured",
    "expires_at",
    "body",
    "body_html",
    "source_hash",
    "created_at",
    "updated_at",
    "company_id",
    "contract",
    "level",
    "edited_at",
    "imported_at",
    "salary_currency",
    "salary_max",
    "salary_min",
    "salary_period",
    "status",
    "remote_continents",
]
STAGING = "copyload_search"
# write_documents' statement (postings/search/documents.py), reading the texts from the
# staging table; the body's vector made in Python where it can be (see prepare.body_vector()).
INSERT_DOCUMENTS = f"""INSERT INTO postings_search (rowid, postings_search, title, meta)
    SELECT id, setweight(title, 'A') || setweight(meta, 'B') || setweight(body, 'C'), title, meta
    FROM (SELECT rowid AS id, to_tsvector('simple', title) AS title,
        to_tsvector('simple', meta) AS meta,
        coalesce(body_vector, to_tsvector('simple', body)) AS body FROM {STAGING}) AS fields"""
# The bodies sent as text too (prepare.CHECK_EVERY) whose vector is not to_tsvector()'s.
DIFFERING_VECTORS = f"""SELECT rowid FROM {STAGING} WHERE body IS NOT NULL
    AND body_vector IS NOT NULL AND body_vector IS DISTINCT FROM to_tsvector('simple', body)"""


def stream(pool, texts, count, loader, writer, progress, started):
    """Texts to the workers in order, their results to the loader, groups to the writer."""
    pending = deque()
    scheduled = 0

    def schedule():
        nonlocal scheduled
        while scheduled < count and (scheduled - done) < AHEAD:
            chunk = list(islice(texts, min(CHUNK, count - scheduled)))
            pending.append(pool.apply_async(prepare_chunk, (chunk,)))
            scheduled += len(chunk)

    done = 0
    batch = []
    while done < count:
        with timed("generating texts"):
            schedule()
        with timed("waiting for the workers"):
            prepared = pending.popleft().get()
        for item in prepared:
            batch.append(item)
            done += 1
            if len(batch) == loader.batch_size or done == count:
                with timed("bulk_load's decisions"):
                    loader.batch(batch)
                batch = []
                if loader.group_size >= GROUP or done == count:
                    with timed("waiting for the writer"):
                        writer.put(
                            (loader.postings, loader.place_links, loader.tagged, loader.documents)
                        )
                    loader.new_group()
                    progress(
                        f"  loaded {done:,} of {count:,} ({time.perf_counter() - started:.0f} s)"
                    )


class Writer(threading.Thread):
    """COPYs each group of rows on the load's connection while the loader makes the next."""

    def __init__(self, connection):
        super().__init__(name="copy_load writer", daemon=True)
        self.connection = connection
        self.groups = queue.Queue(maxsize=2)
        self.error = None

    def put(self, group):
        while True:
            if self.error is not None:
                raise self.error
            try:
                self.groups.put(group, timeout=1)
                return
            except queue.Full:
                continue

    def finish(self):
        """Write what is queued and stop; raise what went wrong."""
        self.put(None)
        self.join()
        if self.error is not None:
            raise self.error

    def stop(self):
        """Stop after what is queued (the load failed elsewhere), raising nothing."""
        while self.is_alive():
            try:
                self.groups.put(None, timeout=1)
                break
            except queue.Full:
                continue
        self.join()

    def run(self):
        try:
            with self.connection.cursor() as cursor:
                while (group := self.groups.get()) is not None:
                    write_group(cursor, *group)
        except BaseException as error:  # raised in the loading thread
            self.error = error


def write_group(cursor, postings, place_links, tagged, documents):
    with timed("COPY postings"):
        copy(cursor, "postings_posting", POSTING_COLUMNS, postings)
    with timed("COPY links"):
        copy(
            cursor,
            "postings_posting_places",
            ["id", "remote", "named", "place_id", "posting_id"],
            place_links,
        )
        copy(cursor, "postings_taggedposting", ["id", "content_object_id", "tag_id"], tagged)
    with timed("COPY search texts"):
        copy(cursor, STAGING, ["rowid", "title", "meta", "body", "body_vector"], documents)
    with timed("tsvectors"):
        cursor.execute(INSERT_DOCUMENTS)
        cursor.execute(DIFFERING_VECTORS)
        differing = [rowid for (rowid,) in cursor.fetchall()]
        if differing:
            raise AssertionError(f"body vectors differ from to_tsvector()'s: {differing[:10]}")
        cursor.execute(f"TRUNCATE {STAGING}")


def copy(cursor, table, columns, rows):
    if not rows:
        return
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)


def copy_small_tables(cursor, loader):
    raw = cursor.cursor  # the psycopg cursor under Django's
    companies = loader.companies.rows
    copy(
        raw,
        "postings_company",
        ["id", "name", "slug", "website", "logo_url", "created_at", "updated_at", "key"],
        [
            (c.pk, c.name, c.slug, c.website, c.logo_url, c.created_at, c.updated_at, c.key)
            for c in companies
        ],
    )
    copy(
        raw,
        "postings_tag",
        ["id", "name", "slug"],
        [(t.pk, t.name, t.slug) for t in loader.tag_table.rows],
    )
    fields = [
        "name",
        "slug",
        "key",
        "kind",
        "country_code",
        "continent",
        "geonames_id",
        "parent_id",
    ]
    copy(
        raw,
        "postings_place",
        ["id", *fields],
        [(p.pk, *(getattr(p, f) for f in fields)) for p in loader.places.rows],
    )
