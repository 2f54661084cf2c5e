"""A Redis that is killed, stalled or full is a cache miss: pages are still served, from the
database, in bounded time, and cached again once Redis is back (jobboard/cache.py)."""

import logging
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient
from django.test import override_settings

from tests import servers
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

TIMEOUT = 0.25
RETRY_AFTER = 0.5


def cache_settings(url):
    return {
        "default": {
            "BACKEND": "jobboard.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "socket_connect_timeout": TIMEOUT,
                "socket_timeout": TIMEOUT,
                "RETRY_AFTER": RETRY_AFTER,
            },
        }
    }


@pytest.fixture
def own_redis(tmp_path):
    with servers.redis_server(tmp_path) as server:
        yield server


@pytest.fixture
def full_redis(tmp_path):
    config = ["--maxmemory", "1mb", "--maxmemory-policy", "noeviction"]
    with servers.redis_server(tmp_path, *config) as server:
        yield server


def fill(server):
    # Whatever Redis holds is then more than it may: every write is refused, whatever memory
    # it frees meanwhile (filling it to the byte left room again now and then).
    server.client().config_set("maxmemory", "1")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True
    PostingFactory(title="Still served")


def use(server_url):
    return override_settings(CACHES=cache_settings(server_url))


@pytest.fixture
def redis_calls(monkeypatch):
    """How many commands reached Redis."""
    calls = []
    for name in ["get", "set", "add", "get_many"]:
        original = getattr(RedisCacheClient, name)

        def counted(self, *args, original=original):
            calls.append(args[0])
            return original(self, *args)

        monkeypatch.setattr(RedisCacheClient, name, counted)
    return calls


def timed_get(client, url="/"):
    started = time.monotonic()
    response = client.get(url)
    response.seconds = time.monotonic() - started
    return response


def served_from_cache(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the catalogue state
        response = client.get("/")
    return response


def test_a_killed_redis_is_a_miss_and_pages_are_rendered(
    client, own_redis, page_cache, django_assert_max_num_queries
):
    with use(own_redis.url):
        client.get("/")
        page = served_from_cache(client, django_assert_max_num_queries)
        assert "Still served" in page.content.decode()
        own_redis.kill()
        response = timed_get(client)
        assert response.status_code == 200
        assert "Still served" in response.content.decode()
        assert response.seconds < 1


def test_a_stalled_redis_costs_one_timeout_then_none_until_the_retry(
    client, own_redis, page_cache, redis_calls, django_assert_max_num_queries
):
    with use(own_redis.url):
        client.get("/")
        own_redis.stall()
        response = timed_get(client)
        assert response.status_code == 200
        assert response.seconds < TIMEOUT + 0.5
        calls = len(redis_calls)
        for _ in range(10):
            assert timed_get(client).status_code == 200
        assert len(redis_calls) == calls  # skipped while the breaker is open
        own_redis.resume()
        resumed = time.monotonic()
        while True:
            client.get("/")  # caches the page once Redis is called again
            try:
                served_from_cache(client, django_assert_max_num_queries)
                break
            except pytest.fail.Exception:
                assert time.monotonic() - resumed < 5
                time.sleep(0.1)


def test_a_full_redis_refusing_writes_still_serves_pages(
    client, full_redis, page_cache, django_assert_max_num_queries
):
    with use(full_redis.url):
        client.get("/")
        fill(full_redis)
        for _ in range(3):  # not cached
            response = client.get("/?q=served")
            assert response.status_code == 200
            assert "Still served" in response.content.decode()
        # A refused write comes back at once and reads still work: Redis is not skipped.
        page = served_from_cache(client, django_assert_max_num_queries)
        assert "Still served" in page.content.decode()
        cache = caches["default"]
        page = "x" * 20_000
        cache.set("key", page)
        assert cache.get("key") is None
        full_redis.client().config_set("maxmemory", "0")  # room again
        cache.set("key", page)
        assert cache.get("key") == page


def test_a_restarted_redis_is_used_again_after_the_interval(own_redis, caplog):
    with use(own_redis.url), caplog.at_level(logging.WARNING, logger="jobboard.cache"):
        cache = caches["default"]
        own_redis.kill()
        cache.set("key", "value")
        assert cache.get("key") is None
        own_redis.start()  # on the same port
        time.sleep(RETRY_AFTER)
        cache.set("key", "value")
        assert cache.get("key") == "value"
    assert caplog.records[-1].getMessage() == "Redis cache available again"


def test_errors_are_logged_once_per_interval(caplog):
    # A port nothing listens on: every connection is refused.
    with use(f"redis://127.0.0.1:{servers.free_port()}/0"), caplog.at_level(logging.WARNING):
        cache = caches["default"]
        until = time.monotonic() + 2 * RETRY_AFTER
        calls = 0
        while time.monotonic() < until:
            assert cache.get("key") is None
            calls += 1
    errors = [r for r in caplog.records if r.name == "jobboard.cache"]
    assert calls > 1000
    assert 1 <= len(errors) <= 3
    assert "ConnectionError" in errors[0].getMessage()


def test_refused_writes_are_logged_once_per_interval(full_redis, caplog):
    fill(full_redis)
    with use(full_redis.url), caplog.at_level(logging.WARNING, logger="jobboard.cache"):
        for n in range(500):
            caches["default"].set(f"key:{n}", "value")
    assert len(caplog.records) == 1
    assert "OutOfMemoryError" in caplog.records[0].getMessage()


def test_every_operation_on_a_dead_redis_looks_like_an_empty_cache():
    with use(f"redis://127.0.0.1:{servers.free_port()}/0"):
        cache = caches["default"]
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.get_or_set("key", lambda: "computed") == "computed"
        assert cache.add("key", "value") is False
        assert cache.has_key("key") is False
        assert cache.touch("key") is False
        assert cache.delete("key") is False
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete_many(["a", "b"]) is None
        assert cache.clear() is False
        with pytest.raises(ValueError):
            cache.incr("counter")
