"""Public pages cached under the catalogue state: never stale.

Every write to postings, companies, tags, tag links or places, by any path (admin, importer,
shell, a bulk `QuerySet.update()`, raw SQL), bumps one counter in the database itself: triggers
on those tables (catalogue/ddl.py). Expiry changes
what is live without any write; the other half of the state is therefore the next moment a
live posting expires, which moves on as soon as that moment has passed. Anything cached under
the state it was computed at is recomputed on the first request after a change.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotAllowed, QueryDict
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from pyroaring import BitMap

from .catalogue import index, listening
from .catalogue.ddl import CHANGE_TABLE
from .catalogue.ddl import VERSION_TABLE as TABLE
from .catalogue.searching import searches
from .filters import PostingFilter

# Written out rather than built with the ORM: this runs on every public request, and compiling
# a queryset took longer than the query. The last change log row (catalogue/ddl.py) comes with
# it, for the index.
STATE_SQL = f"""SELECT version, (
    SELECT expires_at FROM postings_posting WHERE status = %s AND expires_at > %s
    ORDER BY expires_at LIMIT 1
), (SELECT max(id) FROM {CHANGE_TABLE}) FROM {TABLE} WHERE id = 1"""


def catalogue_state(request=None) -> str:
    """The catalogue version and the next expiry, read in one query (once per request), or
    on PostgreSQL not even that while nothing was written since it was last read."""
    if request is not None and hasattr(request, "catalogue_state"):
        return request.catalogue_state
    state, head = _known_state() or _read_state()
    if request is not None:
        request.catalogue_state, request.catalogue_head = state, head
    return state


_known = None  # (what the listener had heard, state, head, next expiry), read on PostgreSQL


def _known_state():
    """The state last read, if nothing can have changed since: the listener heard of no
    commit, the next expiry has not come, and this is no transaction of the caller's own
    (its writes are not yet committed, so not yet heard of)."""
    hearing = listening.listener() if settings.CATALOGUE_LISTEN else None
    if hearing is None or not hearing.connected or connection.in_atomic_block:
        return None
    if _known is None or _known[0] != hearing.heard:
        return None
    expiry = _known[3]
    return _known[1:3] if expiry is None or timezone.now() < expiry else None


def _read_state():
    global _known
    from .models import Status

    hearing = listening.listener() if settings.CATALOGUE_LISTEN else None
    heard = hearing.heard if hearing is not None else None  # before reading: no race
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(STATE_SQL, [Status.PUBLISHED.value, now])
        row = cursor.fetchone()
    state, head = (f"{row[0]}.{row[1]}", row[2] or 0) if row else ("0", None)
    if hearing is not None and row:
        _known = (heard, state, head, row[1])
    return state, head


def catalogue_head(request) -> int | None:
    """The last row of the change log, as this request's catalogue state read it."""
    catalogue_state(request)
    return request.catalogue_head


def catalogue_index(request):
    """This process's index of the catalogue, up to date for this request, or None where it
    may not be used (catalogue/index.py)."""
    if not settings.CATALOGUE_INDEX:
        return None
    return index.catalogue_index(catalogue_head(request))


def _key(kind, state, name):
    return f"{kind}:{hashlib.sha256(f'{state} {name}'.encode()).hexdigest()}"


# --- the public page cache ------------------------------------------------------------------
# A cached page is rendered from its canonical query alone (the parameters it reads, cleaned,
# in a fixed order) and cached under it, with the scheme, host and path: junk parameters, junk
# values and another order are the same page and one entry, and what the visitor typed never
# reaches a link on a page another visitor will be served. Each page names what it reads in
# urls.py: cached_page(view, query=...), with one of the functions below, which turn request.GET
# into the page's canonical (name, value) pairs, or None: served as asked, and not cached.

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# Past this, a page number is not one the site links to (a list of 250,000 postings): it is
# served as asked but not cached, so counting upwards cannot fill the cache.
MAX_CACHED_PAGE = 10_000


def no_query(get):
    return []


def _page_number(get, name):
    """The number as Paginator.validate_number() reads it (`01`, `+1`, ` 1` are 1), or None."""
    try:
        return int(get.get(name, 1))
    except (TypeError, ValueError):
        return None


def page_query(get, name="page"):
    """A paginated page: anything but a number is page 1, and below 1 is the last page.

    The paginator shows the same last page for every number below 1: all of them are `0`.
    Past MAX_CACHED_PAGE, None.
    """
    number = _page_number(get, name)
    if number is None or number == 1:
        return []
    return [(name, str(max(number, 0)))] if number <= MAX_CACHED_PAGE else None


def sitemap_query(get):
    """Django's sitemap pages by `p`, and answers 404 for anything but one of its pages.

    Only its pages are cached (404s never are): anything else is served as asked.
    """
    number = _page_number(get, "p")
    if number is None or not 1 <= number <= MAX_CACHED_PAGE:
        return None
    return [] if number == 1 else [("p", str(number))]


def filter_query(get):
    return PostingFilter(get).canonical_params()


def filter_and_page_query(get):
    page = page_query(get)
    return None if page is None else filter_query(get) + page


# A write changes the catalogue state, and so every page's key above; but most writes are one
# recruiter's edit of one posting's text, which changes no filter, count or order (the index
# tells: CatalogueIndex.unchanged_for), and only the pages that show that posting. So a page
# rendered from the index is also kept under its URL alone, with the log position it was
# rendered at and the postings it shows (`request.catalogue_shown`, set by the view); when its
# key misses, it is served again if nothing since changed more than the text of other postings,
# the next expiry is the same and, for a search, it still matches the same postings in the same
# fields. Anything else renders.


def shows(request, postings, search=""):
    """Tell the page cache which postings this page shows, and the search it answers, if any
    (see above)."""
    request.catalogue_shown = BitMap(posting.pk for posting in postings)
    request.catalogue_search = search


def remember_rendering(request, url, response):
    shown = getattr(request, "catalogue_shown", None)
    # The index must know this position, to tell later what changed since.
    if shown is None or catalogue_index(request) is None:
        return
    expiry = request.catalogue_state.split(".", 1)[-1]
    entry = (request.catalogue_head, expiry, shown.serialize(), request.catalogue_search, response)
    cache.set(_key("rendered", "", url), entry, settings.PAGE_CACHE_SECONDS)


def still_right(request, url):
    """The page last rendered for `url`, if it is still what rendering it now would give."""
    entry = cache.get(_key("rendered", "", url))
    if entry is None:
        return None
    position, expiry, shown, search, response = entry
    if expiry != request.catalogue_state.split(".", 1)[-1]:
        return None
    catalogue = catalogue_index(request)
    if catalogue is None or not catalogue.unchanged_for(position, BitMap.deserialize(shown)):
        return None
    if search and not searches.unchanged_since(catalogue, search, position):
        return None
    return response


def cached_page(view, query=no_query):
    """A public view that sees only `query(request.GET)`, with its GETs cached under it.

    Only GET and HEAD reach the view: OPTIONS is answered here and any other method is a 405,
    neither rendering the page nor reading the database. The CSRF check is skipped, safely:
    no POST reaches the view, and a 405 tells the client what is wrong where a 403 would not.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return HttpResponse(
                headers={"Allow": ", ".join(ALLOWED_METHODS), "Content-Length": "0"}
            )
        if request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        params = query(request.GET)
        if params is None:
            return view(request, *args, **kwargs)
        canonical = urlencode(params)
        # What the view renders (its links too) is then a function of the key alone.
        request.GET = QueryDict(canonical)
        request.META["QUERY_STRING"] = canonical
        if not settings.PAGE_CACHE:
            return view(request, *args, **kwargs)
        url = f"{request.scheme}://{request.get_host()}{request.path}?{canonical}"
        key = _key("page", catalogue_state(request), url)
        response = cache.get(key)
        if response is None:
            response = still_right(request, url)
            if response is not None:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.streaming:
                # Feeds are written in thousands of small pieces; stored (and later sent) as
                # one, a cached feed is as cheap to serve as any other page.
                response.content = response.content
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
                remember_rendering(request, url, response)
        return response

    return csrf_exempt(wrapper)
