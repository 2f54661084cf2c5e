"""The index keeps in step with the change log: after any write, by any path, what it applied
is what a fresh build reads; and the change log names what every write touched."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from pyroaring import BitMap

from postings.catalogue import ddl, index
from postings.catalogue.searching import SearchSetCache
from postings.models import Company, Posting, Tag, TaggedPosting
from postings.search import search_sets
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db


def head():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {ddl.CHANGE_TABLE}")
        return cursor.fetchone()[0]


def snapshot(catalogue):
    """Everything the index answers from, with empty bitmaps left out."""

    def group(bitmaps):
        return {key: list(ids) for key, ids in bitmaps.items() if ids}

    live = set(catalogue.live())
    return {
        "published": list(catalogue.published),
        "archived": list(catalogue.archived),
        "remote": list(catalogue.remote),
        "live": sorted(live),
        **{
            name: group(getattr(catalogue, name))
            for name in ("by_tag", "by_place", "by_remote_named", "by_continent", "by_type")
            + ("by_level", "by_contract", "by_company", "by_featured")
        },
        "posted": {pk: int(catalogue.posted[pk]) for pk in live},
        "salary": {
            pk: (int(catalogue.salary_min[pk]), int(catalogue.salary_max[pk])) for pk in live
        },
        "tags": sorted(catalogue.tags.by_slug.items()),
        "companies": sorted(catalogue.companies.by_slug.items()),
        "places": sorted(catalogue.places.by_slug.items()),
    }


def fresh():
    rebuilt = index.CatalogueIndex()
    with connection.cursor() as cursor:
        rebuilt.build(cursor, head())
    return snapshot(rebuilt)


def rename_tag(posting):
    Tag.objects.filter(name="python").update(name="Python 3", slug="python-3")


def retag(posting):
    posting.tags.set(["rust"])


def drop_links(posting):
    TaggedPosting.objects.filter(content_object=posting).delete()


def move(posting):
    posting.location = "Remote - EMEA"
    posting.save()


def archive(posting):
    Posting.objects.filter(pk=posting.pk).update(status="archived")


def expire(posting):
    posting.expires_at = timezone.now() + timedelta(days=1)
    posting.save()


def delete(posting):
    posting.delete()


def another_company(posting):
    posting.company = CompanyFactory(name="Newco")
    posting.featured = 3
    posting.save()


def rename_company(posting):
    Company.objects.filter(pk=posting.company_id).update(name="Renamed", slug="renamed")


def add(posting):
    PostingFactory(title="New", tags=["python", "scala"], location="Paris, France")


def draft(posting):
    Posting.objects.filter(pk=posting.pk).update(status="draft")


@pytest.mark.parametrize(
    "change",
    [rename_tag, retag, drop_links, move, archive, expire, delete, another_company]
    + [rename_company, add, draft],
)
def test_after_any_write_the_index_is_what_a_fresh_build_reads(change):
    posting = PostingFactory(tags=["python", "golang"], location="Berlin, Germany")
    PostingFactory(tags=["python"], location="Remote (US only)", salary_min=1, salary_max=2)
    built = index.catalogue_index(head())
    generation = built.generation
    change(Posting.objects.get(pk=posting.pk) if Posting.objects.filter(pk=posting.pk) else None)
    applied = index.catalogue_index(head())
    assert applied.generation == generation  # applied, not rebuilt
    assert snapshot(applied) == fresh()


def test_every_write_is_logged_with_what_it_touched():
    before = head() or 0
    posting = PostingFactory(tags=["python"])
    Tag.objects.filter(name="python").update(name="Python")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT kind, object_id FROM {ddl.CHANGE_TABLE} WHERE id > %s", [before]
        )
        logged = set(cursor.fetchall())
    tag = Tag.objects.get(name="Python")
    assert {("p", posting.pk), ("c", posting.company_id), ("t", tag.pk)} <= logged
    assert {kind for kind, _ in logged} >= {"p", "c", "t", "l"}  # its places too


def test_a_log_that_no_longer_reaches_back_means_a_rebuild():
    PostingFactory()
    built = index.catalogue_index(head())
    generation, position = built.generation, built.position
    PostingFactory(title="Later")
    with connection.cursor() as cursor:
        ddl.prune(cursor, keep=0)  # every row up to the last is gone
        changes, complete = ddl.changes_since(cursor, position, head())
    assert not complete
    assert index.catalogue_index(head()).generation == generation + 1
    assert snapshot(index.catalogue_index(head())) == fresh()


def test_an_everything_changed_row_means_a_rebuild():
    PostingFactory()
    generation = index.catalogue_index(head()).generation
    with connection.cursor() as cursor:
        ddl.mark_everything_changed(cursor)
    assert index.catalogue_index(head()).generation == generation + 1


def test_inside_a_transaction_of_its_own_the_index_is_not_brought_up_to_date():
    from django.db import transaction

    PostingFactory()
    index.catalogue_index(head())
    with transaction.atomic():
        PostingFactory(title="Uncommitted")
        # It could be rolled back: the caller falls back to SQL instead.
        assert index.catalogue_index(head()) is None


def test_kept_search_sets_are_brought_up_to_date_for_changed_postings_only(
    django_assert_num_queries,
):
    PostingFactory(title="Python engineer")
    other = PostingFactory(title="Designer")
    kept = SearchSetCache()
    catalogue = index.catalogue_index(head())
    assert len(kept.get(catalogue, "python").matches) == 1
    with django_assert_num_queries(0):
        kept.get(catalogue, "python")
    other.title = "Python designer"
    other.save()
    catalogue = index.catalogue_index(head())
    # The changed posting alone: its document (SQLite: matched in a scratch FTS5 table), or
    # the three sets limited to it (PostgreSQL: one query).
    with django_assert_num_queries(1):
        sets = kept.get(catalogue, "python")
    fresh_sets = search_sets("python")
    assert (sets.matches, sets.title, sets.meta) == (
        fresh_sets.matches,
        fresh_sets.title,
        fresh_sets.meta,
    )
    assert len(sets.matches) == 2


@pytest.mark.django_db(transaction=True)  # a connection is only closed outside a transaction
def test_gunicorns_master_hands_workers_an_index_and_no_connection():
    import logging

    PostingFactory()
    index.reset()
    index.prepare_for_fork(logging.getLogger("test"))
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():  # never closed
        assert connection.connection is None  # closed: a forked worker must not share it
    built = index.catalogue_index(head())
    assert len(built.live()) == 1


@pytest.mark.parametrize(
    "change, content_only",
    [
        (lambda p: Posting.objects.filter(pk=p.pk).update(title="New title"), True),
        (lambda p: Posting.objects.filter(pk=p.pk).update(body_html="<p>New</p>"), True),
        (lambda p: Posting.objects.filter(pk=p.pk).update(featured=2), False),
        (lambda p: Posting.objects.filter(pk=p.pk).update(salary_min=10), False),
        (retag, False),
        (move, False),
        (rename_tag, False),
        (rename_company, False),
        (add, False),
    ],
)
def test_a_write_that_changes_only_text_is_told_from_one_that_changes_more(change, content_only):
    posting = PostingFactory(tags=["python"], location="Berlin, Germany")
    shown, elsewhere = BitMap([posting.pk]), BitMap([posting.pk + 1000])
    position = index.catalogue_index(head()).position
    change(posting)
    catalogue = index.catalogue_index(head())
    assert catalogue.unchanged_for(position, elsewhere) is content_only
    assert not catalogue.unchanged_for(position, shown)  # the page that shows it changes


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's FTS5")
def test_the_scratch_search_table_is_made_as_the_real_one():
    from postings.search.engines import SCRATCH_TABLE, TABLE

    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [TABLE])
        made = cursor.fetchone()[0]
    assert " ".join(made.split()) == " ".join(SCRATCH_TABLE.split())


def test_a_database_that_fails_before_a_fork_only_leaves_the_workers_to_build(monkeypatch, caplog):
    import logging

    from django.db import OperationalError

    def failing():
        raise OperationalError("the database did not answer in time")

    index.reset()
    monkeypatch.setattr(connection, "cursor", failing)
    index.prepare_for_fork(logging.getLogger("gunicorn.error"))  # no exception: forks go on
    monkeypatch.undo()
    assert "not prepared before fork" in caplog.text
