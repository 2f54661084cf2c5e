"""Fill a database with generated postings, for benchmarks.

The importer's own parser and writer (`parse_posting`, `Upserter`) do the work, so the data is
exactly what `load_seeds` would make of those files; only the files are never written to disk,
and a thousand postings share one batch instead of a hundred.
"""

from itertools import islice

from bench.generate import posting_texts
from postings.importers import Upserter, parse_posting


def bulk_load(count, seed=1, batch_size=1000, progress=print):
    upserter = Upserter()
    texts = posting_texts(count, seed)
    for start in range(0, count, batch_size):
        batch = islice(texts, min(batch_size, count - start))
        with upserter.transaction():
            upserter.write_many([(parse_posting(text), None) for _title, text in batch])
        progress(f"  loaded {min(start + batch_size, count):,} of {count:,}")
