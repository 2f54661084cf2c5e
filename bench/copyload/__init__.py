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

The parts:

- `prepare.py`: in the worker processes, what a posting's text gives (`Prepared`), the body's
  vector, and each worker's start;
- `replay.py`: bulk_load's decisions replayed against tables kept in memory (`Loader`);
- `stream.py`: texts to the workers, their results to the loader, groups of rows COPYed by a
  writer thread, and the small tables COPYed at the end;
- `indexes.py`: the secondary indexes dropped for the load (and their definitions);
- `tables.py`: the tables a load fills, their id sequences, and `contents()`;
- `timing.py`: where the load's time goes;
- `load.py`: `copy_load()`, the one transaction all of that runs in;
- `__main__.py`: the command, `python -m bench.copyload`.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.copyload.indexes import INDEXED_LATER, drop_secondary_indexes  # noqa: E402
from bench.copyload.load import (  # noqa: E402
    BATCH,
    WORKERS,
    copy_load,
    process_cpu_seconds,
    reindex_renamed,
)
from bench.copyload.prepare import (  # noqa: E402
    CHECK_EVERY,
    MAX_POSITION,
    MAX_POSITIONS,
    Prepared,
    body_vector,
    prepare,
    prepare_chunk,
    start_worker,
)
from bench.copyload.replay import Loader, MemoryTable  # noqa: E402
from bench.copyload.stream import (  # noqa: E402
    AHEAD,
    CHUNK,
    DIFFERING_VECTORS,
    GROUP,
    INSERT_DOCUMENTS,
    POSTING_COLUMNS,
    STAGING,
    Writer,
    copy,
    copy_small_tables,
    stream,
    write_group,
)
from bench.copyload.tables import (  # noqa: E402
    TABLES,
    TIMESTAMPS,
    check_empty,
    contents,
    sequence_starts,
    set_sequences,
)
from bench.copyload.timing import TIMINGS, timed  # noqa: E402

__all__ = [
    "AHEAD",
    "BATCH",
    "CHECK_EVERY",
    "CHUNK",
    "DIFFERING_VECTORS",
    "GROUP",
    "INDEXED_LATER",
    "INSERT_DOCUMENTS",
    "MAX_POSITION",
    "MAX_POSITIONS",
    "POSTING_COLUMNS",
    "ROOT",
    "STAGING",
    "TABLES",
    "TIMESTAMPS",
    "TIMINGS",
    "WORKERS",
    "Loader",
    "MemoryTable",
    "Prepared",
    "Writer",
    "body_vector",
    "check_empty",
    "contents",
    "copy",
    "copy_load",
    "copy_small_tables",
    "drop_secondary_indexes",
    "prepare",
    "prepare_chunk",
    "process_cpu_seconds",
    "reindex_renamed",
    "sequence_starts",
    "set_sequences",
    "start_worker",
    "stream",
    "timed",
    "write_group",
]


def __getattr__(name):
    # The command's main(), imported only when asked for: importing bench.copyload.__main__
    # with the package would have `python -m bench.copyload` run a module already imported.
    if name == "main":
        from bench.copyload.__main__ import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
