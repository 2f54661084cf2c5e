"""Fill an empty PostgreSQL database with generated postings through COPY: bulk_load, faster.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench1000000 \
        .venv/bin/python -m bench.copyload --count 1000000

`copy_load(count, seed)` leaves the rows `bench/bulk.py`'s `bulk_load(count, seed)` would
(tests/test_copyload.py compares them): the same ids, postings and derived fields, companies,
tags, places, links and search documents. Only the timestamps (created, updated, imported)
and the catalogue's version and change log differ (the triggers that keep those are off
during the load, which then marks everything changed once), and so may the order of the tags
in the search documents of postings that a rename in a later batch indexed again: taggit's
prefetch has no ORDER BY, so that order is the plan's, in bulk_load as here. (With batches of
1,000, bulk_load's, seeds 1 to 5 have no such rename.)

How it gets there:

- The project's own pure functions do the work per posting (parse_posting, derive_fields
  under the CPU budget, parse_location, company_key, search.document), in a pool of forked
  processes, a chunk of postings per task, while this process generates the texts in order
  and a thread of it streams COPY. (The workers keep one Markdown instance: start_worker().)
- What bulk_load's Upserter and PostingWriter decide against the database (a company's row
  and spelling, a tag's slug, a place's row and slug, a posting's slug, the links' ids) is
  decided here in the same order, a bulk_load batch at a time, against tables kept in memory;
  `PlaceBook` and `unique_slug` themselves run on them.
- The search documents go through a temporary table into write_documents' own expression.
  The body's vector, most of to_tsvector()'s work, is made in the workers where that is
  exact (body_vector()), and PostgreSQL checks a sample of them. Postings whose company a
  later batch renamed are indexed again at the end with `reindex()`, as the rename's signal
  did in bulk_load.
- Triggers are off (`session_replication_role = replica`) and the secondary indexes are
  dropped during the load and created again from their own definitions, all in one
  transaction: the load is all or nothing. The id sequences end where bulk_load leaves them.
"""

import argparse
import functools
import gc
import os
import queue
import re
import resource
import sys
import threading
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH = 1000  # bulk_load's batch_size: slugs and renames follow its transactions
CHUNK = 250  # postings per task of a worker process
AHEAD = 12_000  # postings handed to the workers and not yet written: all of them kept busy
GROUP = 5000  # postings per round of COPY statements
WORKERS = os.cpu_count() or 1

# The tables a load fills; secondary indexes are dropped on the big ones during it.
TABLES = [
    "postings_posting",
    "postings_company",
    "postings_tag",
    "postings_taggedposting",
    "postings_place",
    "postings_posting_places",
    "postings_search",
]
INDEXED_LATER = [
    "postings_posting",
    "postings_taggedposting",
    "postings_posting_places",
    "postings_search",
]
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
TIMESTAMPS = {"created_at", "updated_at", "imported_at"}  # the time of the load
STAGING = "copyload_search"
# write_documents' statement (postings/search.py), reading the texts from the staging table;
# the body's vector made in Python where it can be (see body_vector()).
INSERT_DOCUMENTS = f"""INSERT INTO postings_search (rowid, postings_search, title, meta)
    SELECT id, setweight(title, 'A') || setweight(meta, 'B') || setweight(body, 'C'), title, meta
    FROM (SELECT rowid AS id, to_tsvector('simple', title) AS title,
        to_tsvector('simple', meta) AS meta,
        coalesce(body_vector, to_tsvector('simple', body)) AS body FROM {STAGING}) AS fields"""
# Of the bodies whose vector Python made, one in CHECK_EVERY (by its file's hash) is also
# sent as text, and PostgreSQL's own to_tsvector() of it must be that vector, or the load fails.
CHECK_EVERY = 100
DIFFERING_VECTORS = f"""SELECT rowid FROM {STAGING} WHERE body IS NOT NULL
    AND body_vector IS NOT NULL AND body_vector IS DISTINCT FROM to_tsvector('simple', body)"""
# A body of plain words: ASCII letters and digits (a letter first, or only digits), one space
# apart, none as long as the 2,047 bytes from which to_tsvector() skips a word.
_PLAIN_WORDS = re.compile(
    r"(?:[a-z][a-z0-9]{0,2045}|[0-9]{1,2046})(?: (?:[a-z][a-z0-9]{0,2045}|[0-9]{1,2046}))*"
)
MAX_POSITION = 2**14 - 1  # PostgreSQL stores higher positions as this one
MAX_POSITIONS = 255  # per lexeme, from to_tsvector() and tsvector input alike


# Where the load's time goes, in seconds per step (the writer's steps are on its own thread).
TIMINGS = Counter()


@contextmanager
def timed(step):
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[step] += time.perf_counter() - start


# --- in the worker processes ---------------------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """What a posting's text gives, computed in a worker: all of it but what depends on the
    postings before it."""

    data: object  # PostingData
    derived: object  # Derived
    location: object  # Location
    remote_continents: int
    company_key: str
    body_vector: str | None  # the tsvector of the body's part of the search document, as text
    body_words: str | None  # that part, for PostgreSQL: when it makes the vector, or checks it


def start_worker():
    """Each worker process's start. What it inherited (Django, the gazetteer) is frozen out of
    the garbage collector's sight, and Python-Markdown keeps its Markdown instance.

    `markdown.markdown(text, **options)`, which render_markdown() calls, builds a Markdown
    instance (its extensions, their processors and patterns) for every body, a sixth of the
    rendering. Python-Markdown's documented way to convert many documents is one instance,
    reset() between them; the output is the same (tests/test_copyload.py compares it).
    """
    import markdown

    gc.freeze()
    instances = {}

    def convert(text, **options):
        key = repr(sorted(options.items()))
        if key not in instances:
            instances[key] = markdown.Markdown(**options)
        return instances[key].reset().convert(text)

    markdown.markdown = convert


def prepare(text):
    from postings.budget import bounded
    from postings.companies import company_key
    from postings.derive import derive_fields
    from postings.importers import parse_posting
    from postings.locations import parse_location
    from postings.places import remote_continents
    from postings.search import document

    data = parse_posting(text)
    # What Posting.derive() does when the writer is given no Derived (bulk_load's case).
    derived = bounded(derive_fields, data.title, data.body, data.job_type)
    location = parse_location(data.location)
    body_words = document("", "", "", [], [], derived.body_html)[2]
    vector = body_vector(body_words)
    checked = vector is None or int(data.source_hash[:8], 16) % CHECK_EVERY == 0
    return Prepared(
        data=data,
        derived=derived,
        location=location,
        remote_continents=remote_continents(location),
        company_key=company_key(data.company_name),
        body_vector=vector,
        body_words=body_words if checked else None,
    )


def prepare_chunk(texts):
    return [prepare(text) for text in texts]


def body_vector(words):
    """to_tsvector('simple', words) as tsvector text, for a body of plain words (the index
    text of postings/search.py: lower case, one space apart) that no limit of PostgreSQL's
    touches; else None, and PostgreSQL makes it.

    PostgreSQL's parser reads each such word as one token (asciiword, numword or uint),
    which the simple dictionary keeps as it is, at positions 1, 2, 3...; a word spelled
    otherwise ("1e5x" is two tokens), or a lexeme at more than 255 positions, or a position
    past 16,383 is left to PostgreSQL. A vector read back from this text is the same bytes as
    to_tsvector()'s (compared with pageinspect), and CHECK_EVERY has PostgreSQL check it.
    """
    if not words:
        return ""
    if not _PLAIN_WORDS.fullmatch(words):
        return None
    positions = {}
    n = 0
    for n, word in enumerate(words.split(" "), 1):
        if word in positions:
            positions[word].append(n)
        else:
            positions[word] = [n]
    if n > MAX_POSITION or any(len(p) > MAX_POSITIONS for p in positions.values()):
        return None
    return " ".join([f"'{word}':{','.join(map(str, p))}" for word, p in positions.items()])


# --- tables kept in memory -----------------------------------------------------------------


class _Found(list):
    def exists(self):
        return bool(self)


class MemoryTable:
    """Just enough of a model's manager, over rows kept in memory, for the project's helpers
    that ask the database (`unique_slug`, `PlaceBook`): filter by slug or by keys, and
    get_or_create by key. New rows get the next id, as the table's identity column would."""

    def __init__(self, model, next_id):
        self.model = model
        self.objects = self
        self.next_id = next_id
        self.rows = []
        self.by_key = {}
        self.slugs = set()

    def filter(self, **lookups):
        ((lookup, value),) = lookups.items()
        if lookup == "slug":
            return _Found([True] if value in self.slugs else [])
        if lookup == "key__in":
            return _Found(self.by_key[key] for key in value if key in self.by_key)
        raise NotImplementedError(lookup)

    def get_or_create(self, key, defaults):
        if key in self.by_key:
            return self.by_key[key], False
        return self.add(self.model(key=key, **defaults)), True

    def add(self, row):
        row.pk = self.take_id()
        self.rows.append(row)
        self.slugs.add(row.slug)
        if getattr(row, "key", None) is not None:
            self.by_key[row.key] = row
        return row

    def take_id(self):
        self.next_id += 1
        return self.next_id - 1


# --- the load ------------------------------------------------------------------------------


class Loader:
    """bulk_load's decisions, a batch at a time, against tables kept in memory; the rows to
    COPY collected per group."""

    def __init__(self, next_ids, batch_size):
        from postings.companies import better_name
        from postings.models import Company, Place, Posting, Tag
        from postings.places import PlaceBook

        self.batch_size = batch_size
        self.companies = MemoryTable(Company, next_ids["postings_company"])
        self.company_by_key = {}  # Upserter.companies
        self.better_name = functools.lru_cache(maxsize=None)(better_name)
        self.renamed_in = {}  # company id -> the last batch that renamed it
        self.tag_table = MemoryTable(Tag, next_ids["postings_tag"])
        self.tags = {}  # Upserter.tags: name as the file has it -> row
        self.tag_names = {}  # name as stored -> row
        self.tag_slugger = Tag()
        self.places = MemoryTable(Place, next_ids["postings_place"])
        self.place_book = PlaceBook(place_model=self.places)
        self.next_posting = next_ids["postings_posting"]
        self.next_place_link = next_ids["postings_posting_places"]
        self.next_tagged = next_ids["postings_taggedposting"]
        self.first_of_batch = []  # the first posting id of each batch
        self.posting_slugs = set()
        # What a new Posting has in the fields the importer leaves alone.
        unset = Posting()
        self.unset = {
            field: getattr(unset, field)
            for field in (
                "expires_at",
                "edited_at",
                "salary_currency",
                "salary_max",
                "salary_min",
                "salary_period",
            )
        }
        self.new_group()

    def new_group(self):
        self.postings, self.place_links, self.tagged, self.documents = [], [], [], []

    @property
    def group_size(self):
        return len(self.postings)

    def batch(self, items):
        """One bulk_load batch (Upserter.write_many then PostingWriter.write), in its order."""
        from django.utils import timezone

        from postings.models import Status
        from postings.search import document

        number = len(self.first_of_batch)
        self.first_of_batch.append(self.next_posting)
        now = timezone.now()
        # Upserter.fill(), posting by posting: the company of each.
        companies = [self.company(item.data, item.company_key, number, now) for item in items]
        tags = [[self.tag(name) for name in item.data.tags] for item in items]
        # name_new_postings() and Posting.derive(): with the companies' names of now.
        slugs = self.slugs([item.data for item in items], companies)
        for item, company, tag_rows, slug in zip(items, companies, tags, slugs, strict=True):
            data, derived = item.data, item.derived
            posting_id = self.next_posting
            self.next_posting += 1
            links = self.place_book.links(item.location)
            self.postings.append(
                (
                    posting_id,
                    data.title,
                    slug,
                    data.url,
                    data.apply_url,
                    data.host,
                    data.location,
                    item.location.remote,
                    data.job_type,
                    data.posted_at or now,
                    data.summary,
                    data.featured,
                    self.unset["expires_at"],
                    data.body,
                    derived.body_html,
                    data.source_hash,
                    now,
                    now,
                    company.pk,
                    derived.contract,
                    derived.level,
                    self.unset["edited_at"],
                    now,
                    self.unset["salary_currency"],
                    self.unset["salary_max"],
                    self.unset["salary_min"],
                    self.unset["salary_period"],
                    (Status.ARCHIVED if data.archived else Status.PUBLISHED).value,
                    item.remote_continents,
                )
            )
            for (_, remote), (row, named) in links.items():
                self.place_links.append((self.next_place_link, remote, named, row.pk, posting_id))
                self.next_place_link += 1
            for tag in tag_rows:
                self.tagged.append((self.next_tagged, posting_id, tag.pk))
                self.next_tagged += 1
            title, meta, _ = document(
                data.title,
                company.name,
                data.location,
                [tag.name for tag in tag_rows],
                [row.name for row, _ in links.values()],
                "",
            )
            self.documents.append((posting_id, title, meta, item.body_words, item.body_vector))

    def company(self, data, key, batch, now):
        """Upserter.company(), against the companies met so far (all there are)."""
        from postings.models import unique_slug

        company = self.company_by_key.get(key)
        if company is None:
            # Company.objects.named() finds nothing the upserter has not met: create it.
            company = self.companies.model(
                name=data.company_name,
                website=data.company_website,
                logo_url=data.logo_url,
                key=key,
                slug=unique_slug(self.companies, data.company_name, fallback="company"),
                created_at=now,
                updated_at=now,
            )
            self.companies.add(company)
        changes = {}
        if key == company.key:
            changes["name"] = self.better_name(company.name, data.company_name)
        for field, value in (("website", data.company_website), ("logo_url", data.logo_url)):
            if value and not getattr(company, field):
                changes[field] = value
        changed = [field for field, value in changes.items() if getattr(company, field) != value]
        for field in changed:
            setattr(company, field, changes[field])
        if changed:
            company.updated_at = now
        if "name" in changed:
            # Its signal reindexed the postings already written (postings/signals.py).
            self.renamed_in[company.pk] = batch
        self.company_by_key[key] = self.company_by_key[company.key] = company
        return company

    def tag(self, name):
        """Upserter.tag(): Tag.objects.create() is Tag.save() and taggit's TagBase.save()."""
        from postings.tags import normalize_tag

        if name not in self.tags:
            tag = self.tag_names.get(name)
            if tag is None:
                tag = self.tag_table.model(name=normalize_tag(name))
                if tag.name in self.tag_names:
                    raise ValueError(f"bulk_load would fail here: tag {tag.name!r} exists")
                tag.slug = self.tag_slugger.slugify(tag.name)
                if tag.slug in self.tag_table.slugs:
                    # The first INSERT failed on the slug, and took an id with it.
                    self.tag_table.take_id()
                    similar = {s for s in self.tag_table.slugs if s.startswith(tag.slug)}
                    i = 1
                    while self.tag_slugger.slugify(tag.name, i) in similar:
                        i += 1
                    tag.slug = self.tag_slugger.slugify(tag.name, i)
                self.tag_table.add(tag)
                self.tag_names[tag.name] = tag
            self.tags[name] = tag
        return self.tags[name]

    def slugs(self, datas, companies):
        """name_new_postings(), then posting_slug() for those it left without one."""
        from postings.derive import slug_candidates

        candidates = [
            slug_candidates(data.title, company.name, data.url)
            for data, company in zip(datas, companies, strict=True)
        ]
        wanted = {slugs[0]: n for n, slugs in enumerate(candidates)}
        chosen = [None] * len(datas)
        for slug, n in wanted.items():
            if slug not in self.posting_slugs:
                chosen[n] = slug
        for n, slugs in enumerate(candidates):
            if chosen[n] is None:
                *shorter, whole = slugs
                chosen[n] = next((s for s in shorter if s not in self.posting_slugs), whole)
        if len(set(chosen)) != len(chosen):
            raise ValueError("bulk_load would fail here: two postings of a batch share a slug")
        self.posting_slugs.update(chosen)
        return chosen

    def stale_documents(self):
        """(company id, first posting id of the batch that last renamed it): its postings
        before that one were indexed again by the rename, under the company's last name."""
        return [(company, self.first_of_batch[batch]) for company, batch in self.renamed_in.items()]


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


def copy_load(count, seed=1, progress=print, batch_size=BATCH, workers=WORKERS):
    """Load `count` generated postings into the (empty, PostgreSQL) default database.

    Returns the time taken and the ids of the postings indexed again after a rename.
    """
    from django.db import connection, transaction

    from bench.generate import posting_texts
    from postings.catalogue.ddl import mark_everything_changed
    from postings.locations import parse_location

    if connection.vendor != "postgresql":
        raise ValueError(f"copy_load needs PostgreSQL, not {connection.vendor}")
    started = time.perf_counter()
    TIMINGS.clear()
    with timed("the gazetteer"):
        parse_location("Berlin")  # built once, and shared with the workers
    texts = (text for _title, text in posting_texts(count, seed))
    gc.freeze()  # what the workers inherit is never collected: neither scanned nor copied
    pool = get_context("fork").Pool(max(1, workers), initializer=start_worker)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (backend,) = cursor.fetchone()
            check_empty(cursor)
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            next_ids = sequence_starts(cursor)
            indexes = drop_secondary_indexes(cursor)
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGING} (rowid bigint, title text, meta text, "
                "body text, body_vector tsvector) ON COMMIT DROP"
            )
            loader = Loader(next_ids, batch_size)
            writer = Writer(connection.connection)
            writer.start()
            try:
                stream(pool, texts, count, loader, writer, progress, started)
            except BaseException:
                writer.stop()
                raise
            writer.finish()
            with timed("COPY companies, tags, places"):
                copy_small_tables(cursor, loader)
            progress(f"  indexes ({time.perf_counter() - started:.0f} s)")
            for definition in indexes:
                with timed(f"index {definition.split()[2]}"):
                    cursor.execute(definition)
            with timed("reindex after renames"):
                reindexed = reindex_renamed(loader)
            set_sequences(cursor, loader, next_ids)
            cursor.execute("SET LOCAL session_replication_role = origin")
            mark_everything_changed(cursor)
        progress(f"  analyze ({time.perf_counter() - started:.0f} s)")
        with timed("ANALYZE"), connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"ANALYZE {table}")
    finally:
        pool.terminate()
        pool.join()
        gc.unfreeze()
    seconds = time.perf_counter() - started
    progress(f"  loaded {count:,} postings in {seconds:.0f} s; where the time went:")
    for step, spent in TIMINGS.most_common():
        progress(f"    {step}: {spent:.1f} s")
    return {
        "postings": count,
        "seconds": seconds,
        "reindexed": reindexed,
        "steps": dict(TIMINGS),
        "server_cpu_seconds": process_cpu_seconds(backend),
    }


def process_cpu_seconds(pid):
    """CPU time of a process of this machine (the server's backend), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def drop_secondary_indexes(cursor):
    """Drop the indexes of the big tables that back no constraint; return their definitions."""
    cursor.execute(
        """SELECT index.indexrelid::regclass::text, pg_get_indexdef(index.indexrelid)
        FROM pg_index AS index
        WHERE index.indrelid = ANY(%s::regclass[]) AND NOT index.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = index.indexrelid)
        ORDER BY index.indexrelid""",
        [INDEXED_LATER],
    )
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in indexes]


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


def reindex_renamed(loader):
    """Index again the postings a later batch's rename reindexed in bulk_load; their ids.

    As there, through `reindex()`. Its tags come from taggit's prefetch, which has no ORDER
    BY: their order in these documents' meta is the plan's, in bulk_load as here.
    """
    from postings.models import Posting

    ids = []
    for company, first_id in loader.stale_documents():
        postings = Posting.objects.filter(company_id=company, pk__lt=first_id)
        ids += postings.values_list("pk", flat=True)
        postings.reindex()
    return sorted(ids)


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


# --- the command ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args()
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobboard.settings")
    import django

    django.setup()
    start = time.perf_counter()
    report = copy_load(args.count, seed=args.seed, workers=args.workers)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    server = report["server_cpu_seconds"]
    print(
        f"{args.count:,} postings in {seconds:.0f} s ({args.count / seconds:,.0f}/s), "
        f"load average {os.getloadavg()[1]:.1f}; CPU: {cpu:.0f} s here"
        + (f" and {server:.0f} s in PostgreSQL's backend" if server is not None else "")
        + f"; peak memory: this process {own.ru_maxrss / 1024:,.0f} MB, "
        f"a worker {children.ru_maxrss / 1024:,.0f} MB"
    )


if __name__ == "__main__":
    main()
