"""`copy_load()`: the load, in one transaction: triggers off, the secondary indexes dropped,
the postings streamed through the workers, the loader and COPY, the small tables, the indexes
created again, the postings of renamed companies indexed again, the sequences set, everything
marked changed once; then ANALYZE, and where the time went."""

import gc
import os
import time
from multiprocessing import get_context
from pathlib import Path

from bench.copyload.indexes import drop_secondary_indexes
from bench.copyload.prepare import start_worker
from bench.copyload.replay import Loader
from bench.copyload.stream import STAGING, Writer, copy_small_tables, stream
from bench.copyload.tables import TABLES, check_empty, sequence_starts, set_sequences
from bench.copyload.timing import TIMINGS, timed

BATCH = 1000  # bulk_load's batch_size: slugs and renames follow its transactions
WORKERS = os.cpu_count() or 1


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
