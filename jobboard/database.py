"""Web requests never wait on PostgreSQL for longer than a deadline; a failing database is a 503.

PostgreSQL's own statement_timeout (settings.py, web process only) cancels a slow query, but a
server that is stalled (stopped, swapping, its disk frozen) cannot enforce it, and the worker
would wait until gunicorn kills it. So each query of a request also runs under a client-side
deadline: a SIGALRM timer whose handler raises DatabaseTimeout. psycopg's wait loop hands
signals to Python (measured with a SIGSTOPped server: a query is interrupted within 0.1 s of
the alarm, and so is a connection attempt). The broken connection is closed at once and the
request answered with a 503 page.

Signals reach only the main thread, which is where gunicorn's sync workers serve requests;
elsewhere (runserver's threads) queries run unbounded but for statement_timeout. SQLite is
in-process: it cannot stall like a server, its waits are for locks and bounded by its busy
timeout, and a signal could not interrupt its C code anyway, so the deadline applies to
PostgreSQL only. Not covered: what Django sends outside execute(), COMMIT and ROLLBACK, and
fetches from server-side cursors (QuerySet.iterator(), which no page uses).
"""

import logging
import signal
import sys
import threading
import time
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds, told to clients with the 503
LOG_EVERY = 10  # seconds: a database outage is logged once per interval, not per request


class DatabaseTimeout(OperationalError):
    """The database did not answer within the deadline."""


def _expired(signum, frame):
    raise DatabaseTimeout("the database did not answer in time")


@contextmanager
def deadline(seconds):
    """Raise DatabaseTimeout inside the block if it runs longer than `seconds`.

    Nests: an enclosing deadline that ends sooner still governs. No-op off the main thread.
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    outer, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:
        yield
        return
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-6))


# When a wait ran out, this process answers 503 at once until this moment (monotonic) rather
# than hold each request for a whole deadline: a stalled server then costs one wait per worker
# per DATABASE_RETRY_AFTER, and the requests queued in front of the workers drain.
_stalled_until = 0.0


def stalled():
    return time.monotonic() < _stalled_until


def answered():
    global _stalled_until
    _stalled_until = 0.0


@contextmanager
def waiting_on(db, seconds):
    """deadline(seconds) for a wait on the connection `db`, which is dropped if it expires.

    Dropped at once: it is stuck mid-exchange, and leaving a transaction would otherwise ask
    it for a rollback and wait again.
    """
    global _stalled_until
    try:
        with deadline(seconds):
            yield
    except DatabaseTimeout:
        db.close()
        _stalled_until = time.monotonic() + settings.DATABASE_RETRY_AFTER
        raise


def _bounded(seconds):
    def execute_wrapper(execute, sql, params, many, context):
        with waiting_on(context["connection"], seconds):
            return execute(sql, params, many, context)

    return execute_wrapper


def check_connection(seconds, using=DEFAULT_DB_ALIAS):
    """Django's health check of a kept connection (CONN_HEALTH_CHECKS), or a new connection,
    within `seconds`.

    Django runs both on the first cursor of a request, straight on the driver where no
    execute_wrapper sees them, so a stalled server would hold them until connect_timeout
    or, for the check, forever.
    """
    db = connections[using]
    with waiting_on(db, seconds):
        db.close_if_health_check_failed()
        db.ensure_connection()


def ping(seconds, using=DEFAULT_DB_ALIAS):
    """Connect if needed and run SELECT 1, all within `seconds`; raise DatabaseError if not."""
    db = connections[using]
    with waiting_on(db, seconds):
        db.close_if_health_check_failed()
        with db.cursor() as cursor:
            cursor.execute("SELECT 1")
    answered()


def checks_database_itself(view):
    """Mark a view (healthz) that runs its own database check and reports failures itself."""
    view.checks_database_itself = True
    return view


_next_log = 0.0
_unlogged = 0


def unavailable(request, error):
    """The 503 page, with the error logged once per LOG_EVERY seconds."""
    global _next_log, _unlogged
    now = time.monotonic()
    if now >= _next_log:
        logger.error(
            "Database unavailable, answering 503: %s: %s (%d more since the last report)",
            type(error).__name__,
            error,
            _unlogged,
        )
        _next_log, _unlogged = now + LOG_EVERY, 0
    else:
        _unlogged += 1
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    # Logged above, and only now and then: Django's request logger would log every one.
    response._has_been_logged = True
    return response


def server_error(request):
    """handler500: the 503 page for a database failure that escaped the middleware below
    (raised in another middleware, saving a session say), Django's 500 page otherwise."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return unavailable(request, error)
    return defaults.server_error(request)


class DatabaseDeadlineMiddleware:
    """Bound each PostgreSQL wait of a request; answer 503 when the database fails."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with ExitStack() as stack:
            for db in connections.all():
                if db.vendor == "postgresql":
                    wrapper = _bounded(settings.DATABASE_STATEMENT_TIMEOUT)
                    stack.enter_context(db.execute_wrapper(wrapper))
            return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if getattr(view, "checks_database_itself", False):
            return None
        if stalled():
            return unavailable(request, DatabaseTimeout("the database stalled moments ago"))
        try:
            for db in connections.all():
                if db.vendor == "postgresql":
                    check_connection(settings.DATABASE_HEALTH_TIMEOUT, db.alias)
        except (OperationalError, InterfaceError) as error:
            return unavailable(request, error)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return unavailable(request, exception)
        return None
