"""Django's Redis cache backend, made to degrade: a slow, full or missing Redis is a cache miss.

Pages are then rendered from the database, as if nothing was cached, instead of answering 500.
Timeouts come from OPTIONS (`socket_connect_timeout`, `socket_timeout`; settings.py sets them
from REDIS_TIMEOUT). When Redis cannot be reached, or does not answer in time, a breaker in each
process skips it for `RETRY_AFTER` seconds, so that a dead Redis costs one timeout per interval
rather than one per request, then lets the next call try again. Errors are logged once per
interval, not once per call.
"""

import logging
import os
import socket
import threading
import time
import uuid

import redis
from django.core.cache import caches
from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT

logger = logging.getLogger(__name__)

_MISS = object()


class Breaker:
    """Whether to call Redis now, and when to next log a failure; one per server per process."""

    _all = {}
    _lock = threading.Lock()

    def __init__(self, retry_after):
        self.retry_after = retry_after
        self.open_until = 0.0  # monotonic time before which Redis is not called
        self.tripped = False
        self.next_log = 0.0
        self.unlogged = 0

    @classmethod
    def for_servers(cls, servers, retry_after):
        # Keyed by server, not kept on the backend: Django makes one backend per thread, and a
        # dead Redis is dead for every thread of the process.
        with cls._lock:
            return cls._all.setdefault((tuple(servers), retry_after), cls(retry_after))

    def allows(self):
        return time.monotonic() >= self.open_until

    def failed(self, error):
        now = time.monotonic()
        # Refused commands (a full Redis's OOM, a read-only replica) come back at once and reads
        # still work: only an unreachable or silent Redis is worth skipping.
        if isinstance(error, redis.ConnectionError | redis.TimeoutError | OSError):
            self.open_until = now + self.retry_after
            self.tripped = True
        if now < self.next_log:
            self.unlogged += 1
            return
        logger.warning(
            "Redis cache error, served as a miss: %s: %s (%d more since the last report)%s",
            type(error).__name__,
            error,
            self.unlogged,
            f"; Redis skipped for {self.retry_after:g} s" if self.tripped else "",
        )
        self.next_log = now + self.retry_after
        self.unlogged = 0

    def succeeded(self):
        if self.tripped:
            self.tripped = False
            logger.warning("Redis cache available again")


class RedisCache(django_redis.RedisCache):
    """django.core.cache.backends.redis.RedisCache, where any Redis error counts as a miss.

    Reads return the default, writes do nothing, and `incr` raises ValueError as for a missing
    key, exactly what a caller already handles for an empty or evicting cache.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("RETRY_AFTER", 2))
        super().__init__(server, {**params, "OPTIONS": options})
        self._breaker = Breaker.for_servers(self._servers, retry_after)

    def _call(self, method, miss, *args):
        if not self._breaker.allows():
            return miss
        try:
            result = method(*args)
        except (redis.RedisError, OSError) as error:
            self._breaker.failed(error)
            return miss
        self._breaker.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        value = self._call(super().incr, _MISS, key, delta, version)
        if value is _MISS:
            raise ValueError(f"Key '{key}' not found.")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)


def cache_works(alias="default"):
    """Whether the cache takes a write and gives it back, on any backend (for /healthz)."""
    cache = caches[alias]
    token = uuid.uuid4().hex
    # One key per process: probes of other processes sharing the cache cannot interleave.
    key = f"healthz:{socket.gethostname()}:{os.getpid()}"
    cache.set(key, token, 60)
    return cache.get(key) == token
