"""Fill a database with generated postings, for benchmarks.

The importer's own parser and writer (`parse_posting`, `Upserter`) do the work, so the data is
exactly what `load_seeds` would make of those files; only the files are never written to disk,
and a thousand postings share one transaction instead of one each.
"""

from django.db import transaction

from bench.generate import posting_texts
from postings.importers import Upserter, parse_posting


def bulk_load(count, seed=1, batch_size=1000, progress=print):
    upsert = Upserter()
    texts = posting_texts(count, seed)
    for start in range(0, count, batch_size):
        with transaction.atomic():
            for _title, text in (next(texts) for _ in range(min(batch_size, count - start))):
                upsert(parse_posting(text))
        progress(f"  loaded {min(start + batch_size, count):,} of {count:,}")
