"""Public pages cached under the catalogue version: never stale, whoever changed what.

Every write to postings, companies, tags, tag links or places, by any path (admin, importer,
shell, a bulk `QuerySet.update()`, raw SQL), bumps one counter in the database itself: triggers
on those tables (created below for SQLite, by migration 0007 for PostgreSQL). A page is cached
under the version it was rendered at, so the first request after a write renders afresh.
Expiry changes what is live without any write, so a cached page also lives no longer than
the next posting's expiry.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Min
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


def catalogue_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def seconds_until_next_change() -> int:
    from .models import Posting

    next_expiry = (
        Posting.objects.live()
        .filter(expires_at__isnull=False)
        .aggregate(next=Min("expires_at"))["next"]
    )
    seconds = settings.PAGE_CACHE_SECONDS
    if next_expiry is not None:
        seconds = min(seconds, int((next_expiry - timezone.now()).total_seconds()))
    return max(seconds, 0)


def cached_page(view):
    """Cache a public view's successful GET responses under the catalogue version."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in {"GET", "HEAD"}:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{catalogue_version()}:{request.get_host()}:{path}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            timeout = seconds_until_next_change()
            if response.status_code == 200 and not response.streaming and timeout > 0:
                # Feeds are written in thousands of small pieces; stored (and later sent) as
                # one, a cached feed is as cheap to serve as any other page.
                response.content = response.content
                cache.set(key, response, timeout)
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
