"""On PostgreSQL, each process hears every write to the catalogue as it commits, so that a
request whose page is cached needs no query at all.

The statement triggers that bump the catalogue version also `NOTIFY postings_catalogue`
(ddl.py); PostgreSQL delivers it when the writing transaction commits, to every session that
LISTENs. A daemon thread per process holds one such session and counts what it hears. The
catalogue state (postings/cache.py) is then read from the database once, and again only when
the count moved, the next expiry has come, or the listener is not connected: while it
reconnects, and for a moment after, every request reads the state as before. A write is seen
within milliseconds of its commit, by the next request after the notice arrives.

A connection that died without telling (a network partition) is noticed by a query every
`PROBE_EVERY` seconds, and counts as a change: no longer than that could a partition hide a
write. SQLite is in-process and its state costs microseconds to read: no listener there.
"""

import logging
import os
import threading
import time

import psycopg
from django.db import connections

from .ddl import CHANNEL

logger = logging.getLogger(__name__)

PROBE_EVERY = 2.0  # seconds between checks that the session is still there
RETRY_AFTER = 1.0  # seconds before connecting again after a failure


class Listener:
    def __init__(self, params):
        self.params = params
        self.heard = 0  # notices (and reconnections) so far: any change invalidates the state
        self.connected = False
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="catalogue-listener", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()

    def run(self):
        logged = False
        while not self.stopping.is_set():
            try:
                with psycopg.connect(**self.params, autocommit=True) as session:
                    session.execute(f"LISTEN {CHANNEL}")
                    # What was written while not listening is unknown: a change.
                    self.heard += 1
                    self.connected, logged = True, False
                    while not self.stopping.is_set():
                        for _ in session.notifies(timeout=PROBE_EVERY):
                            self.heard += 1
                        session.execute("SELECT 1")  # still there?
            except Exception as error:  # noqa: BLE001  (anything: reconnect, never die)
                if not logged:
                    logger.warning("Catalogue listener disconnected: %s", error)
                    logged = True
            finally:
                self.connected = False
                self.heard += 1
            self.stopping.wait(RETRY_AFTER)


_listeners = {}  # process id -> Listener
_lock = threading.Lock()


def listener(alias="default"):
    """This process's listener on PostgreSQL (started on first use, after any fork), else None."""
    db = connections[alias]
    if db.vendor != "postgresql":
        return None
    pid = os.getpid()
    with _lock:
        if pid not in _listeners:
            params = {
                key: value
                for key, value in db.get_connection_params().items()
                if key not in {"cursor_factory", "context", "prepare_threshold"}
            }
            params.pop("options", None)  # the web requests' statement_timeout: not for it
            _listeners.clear()  # a parent's thread did not survive the fork
            _listeners[pid] = Listener(params).start()
        return _listeners[pid]


def wait_until_connected(seconds=5.0):
    """For tests and benchmarks: until the listener is in, or the time is up."""
    found = listener()
    deadline = time.monotonic() + seconds
    while found is not None and not found.connected and time.monotonic() < deadline:
        time.sleep(0.01)
    return found


def stop():
    """Stop this process's listener and close its session (tests: before the database goes)."""
    with _lock:
        found = _listeners.pop(os.getpid(), None)
    if found is not None:
        found.stop()
        found.thread.join(PROBE_EVERY + 1)
