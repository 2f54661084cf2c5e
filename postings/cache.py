"""Public pages and costly aggregates cached under the catalogue state: never stale.

Every write to postings, companies, tags, tag links or places, by any path (admin, importer,
shell, a bulk `QuerySet.update()`, raw SQL), bumps one counter in the database itself: triggers
on those tables (created below for SQLite, by migration 0007 for PostgreSQL). Expiry changes
what is live without any write; the other half of the state is therefore the next moment a
live posting expires, which moves on as soon as that moment has passed. Anything cached under
the state it was computed at is recomputed on the first request after a change.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

TABLE = "postings_catalogue"
WATCHED_TABLES = [
    "postings_posting",
    "postings_company",
    "postings_tag",
    "postings_taggedposting",
    "postings_place",
    "postings_posting_places",
]  # the same list as migration 0007's


# Written out rather than built with the ORM: this runs on every public request, and compiling
# a queryset took longer than the query.
STATE_SQL = f"""SELECT version, (
    SELECT expires_at FROM postings_posting WHERE status = %s AND expires_at > %s
    ORDER BY expires_at LIMIT 1
) FROM {TABLE} WHERE id = 1"""


def catalogue_state(request=None) -> str:
    """The catalogue version and the next expiry, read in one query (once per request)."""
    if request is not None and hasattr(request, "catalogue_state"):
        return request.catalogue_state
    from .models import Status

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [Status.PUBLISHED.value, now])
        row = cursor.fetchone()
    state = f"{row[0]}.{row[1]}" if row else "0"
    if request is not None:
        request.catalogue_state = state
    return state


def _key(kind, state, name):
    return f"{kind}:{hashlib.sha256(f'{state} {name}'.encode()).hexdigest()}"


def memoised(request, name, compute):
    """compute(), or its result from the cache if nothing has changed since it was computed.

    For aggregates that cost more than the page around them (facet counts over tens of
    thousands of postings); `name` must say everything the result depends on.
    """
    if not settings.AGGREGATE_CACHE:
        return compute()
    key = _key("memo", catalogue_state(request), name)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def cached_page(view):
    """Cache a public view's successful GET responses under the catalogue state."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        key = _key("page", catalogue_state(request), request.get_host() + request.get_full_path())
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                # Feeds are written in thousands of small pieces; stored (and later sent) as
                # one, a cached feed is as cheap to serve as any other page.
                response.content = response.content
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def ensure_sqlite_triggers(using="default"):
    """(Re)create the catalogue triggers on SQLite, where table rebuilds drop them."""
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        for table in WATCHED_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_catalogue_{event.lower()} "
                    f"AFTER {event} ON {table} BEGIN "
                    f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1; END"
                )
