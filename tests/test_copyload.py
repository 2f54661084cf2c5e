"""bench/copyload/'s COPY load writes what bench/bulk.py's load through the importer does."""

import pytest
from django.db import connection

from bench.bulk import bulk_load
from bench.copyload import TABLES, contents, copy_load

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

COUNT = 30
SEED = 5
# Batches of 10, not bulk_load's 1,000, so that 30 postings have companies renamed by a later
# batch (their earlier postings indexed again) and slugs and tags met in an earlier one.
BATCH = 10

# The search documents without the order of their tags, for postings reindexed after a
# rename: taggit's prefetch has no ORDER BY, so that order is whatever plan PostgreSQL chose
# (in bulk_load as in copy_load). Their title and body parts keep their positions.
UNORDERED_TAGS = """SELECT rowid, ts_filter(postings_search, '{a,c}')::text,
    strip(ts_filter(postings_search, '{b}'))::text, length(postings_search), title::text,
    strip(meta)::text, length(meta)
    FROM postings_search ORDER BY rowid"""


def quiet(line):
    pass


def restart():
    """Empty tables with their sequences at 1: earlier tests that commit (and Django's flush
    after them, which keeps the sequences) may have moved them on."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")


def test_copy_load_writes_the_rows_bulk_load_writes():
    restart()
    bulk_load(COUNT, seed=SEED, batch_size=BATCH, progress=quiet)
    with connection.cursor() as cursor:
        expected = contents(cursor)
        cursor.execute(UNORDERED_TAGS)
        expected_documents = cursor.fetchall()
        # Empty again, the sequences back at 1, as the database bulk_load started from.
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        cursor.execute("SELECT version FROM postings_catalogue")
        (version,) = cursor.fetchone()

    report = copy_load(COUNT, seed=SEED, batch_size=BATCH, progress=quiet, workers=2)

    with connection.cursor() as cursor:
        actual = contents(cursor)
        cursor.execute(UNORDERED_TAGS)
        actual_documents = cursor.fetchall()
        cursor.execute("SELECT version FROM postings_catalogue")
        (after,) = cursor.fetchone()
        cursor.execute("SELECT kind, object_id FROM postings_change ORDER BY id DESC LIMIT 1")
        last_change = cursor.fetchone()
    assert len(expected["postings_posting"]) == COUNT
    for table, rows in expected.items():
        if table != "postings_search":
            assert actual[table] == rows, table
    reindexed = set(report["reindexed"])
    assert reindexed  # the rename path was taken
    assert actual_documents == expected_documents
    assert [row for row in actual["postings_search"] if row[0] not in reindexed] == [
        row for row in expected["postings_search"] if row[0] not in reindexed
    ]
    # The triggers were off: the load says once that everything changed.
    assert after == version + 1
    assert last_change == ("*", 0)
