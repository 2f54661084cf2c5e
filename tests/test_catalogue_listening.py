"""On PostgreSQL, a cached page costs no query while nothing is written, and a write is seen
by the next request once its notice arrives."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from postings.cache import catalogue_state
from postings.catalogue import listening
from tests.factories import PostingFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),  # notices are sent at commit
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="LISTEN/NOTIFY is PostgreSQL's"),
]


@pytest.fixture
def hearing(settings):
    settings.CATALOGUE_LISTEN = True
    yield listening.wait_until_connected()
    listening.stop()


def heard_of_it(hearing, before, seconds=5.0):
    deadline = time.monotonic() + seconds
    while hearing.heard == before and time.monotonic() < deadline:
        time.sleep(0.01)
    return hearing.heard != before


def test_the_state_is_read_once_while_nothing_is_written(hearing):
    assert hearing.connected
    catalogue_state()
    with CaptureQueriesContext(connection) as queries:
        catalogue_state()
        catalogue_state()
    assert len(queries) == 0


def test_a_committed_write_is_seen_by_the_next_request(hearing):
    before = catalogue_state()
    heard = hearing.heard
    PostingFactory(title="Committed")
    assert heard_of_it(hearing, heard)
    with CaptureQueriesContext(connection) as queries:
        after = catalogue_state()
    assert after != before
    assert len(queries) == 1


def test_without_the_listener_every_request_reads_the_state(hearing):
    catalogue_state()
    listening.stop()
    with CaptureQueriesContext(connection) as queries:
        catalogue_state()
    assert len(queries) == 1


def test_the_next_expiry_is_read_again_when_it_comes(hearing, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    PostingFactory(expires_at=timezone.now() + timedelta(minutes=1))
    heard_of_it(hearing, 0)
    before = catalogue_state()
    later = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with CaptureQueriesContext(connection) as queries:
        assert catalogue_state() != before
    assert len(queries) == 1
