"""A per-process index of the public postings: one bitmap of posting ids per value a filter
or facet reads, kept in step with the change log (ddl.py).

A filtered list is then a few bitmap intersections, and each of its facet counts another one
(counting.py), instead of SQL counting tens of thousands of rows after every write. The index
is built once per process (a few queries over the postings and their links) and then applies
only what changed: the postings, tags, companies and places the log names since it last
looked. It must answer exactly as SQL does (tests/test_catalogue_index.py checks it against
the SQL counts on random filters, on both databases).
"""

import threading
from collections import defaultdict
from datetime import UTC, datetime

import numpy as np
from django.db import DatabaseError, connection, connections
from django.utils import timezone
from pyroaring import BitMap

from ..gazetteer import CONTINENT_BITS
from . import ddl
from .names import Named, Names, PlaceRow

# More changed postings than this since the last look: rebuilding is cheaper than applying.
REBUILD_AFTER = 20_000
HISTORY = 100  # the postings each of the last syncs changed, for what is kept beside the index
SIGNED = 200  # postings changed at once past which a write is not checked for content only
NO_EXPIRY = np.iinfo(np.int64).max


def microseconds(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment is not None else NO_EXPIRY


class CatalogueIndex:
    """The public (published or archived) postings of one database, by what filters read."""

    generation = 0  # how many times it was built: what is kept beside an older one is void

    def __init__(self):
        self.position = 0  # the last change log row applied
        self.published, self.archived = BitMap(), BitMap()
        self.remote = BitMap()
        self.by_tag = defaultdict(BitMap)
        self.by_place = defaultdict(BitMap)  # any link: in the place or within it
        self.by_remote_named = defaultdict(BitMap)  # remote applicants of a place it names
        self.by_continent = {code: BitMap() for code in CONTINENT_BITS}  # remote, open to it
        self.by_type = defaultdict(BitMap)
        self.by_level = defaultdict(BitMap)
        self.by_contract = defaultdict(BitMap)
        self.by_company = defaultdict(BitMap)
        self.by_featured = defaultdict(BitMap)
        # Indexed by posting id: what the list sorts and the salary filter compares.
        self.posted = np.zeros(0, dtype=np.int64)
        self.expires = np.zeros(0, dtype=np.int64)
        self.salary_min = np.zeros(0, dtype=np.int64)
        self.salary_max = np.zeros(0, dtype=np.int64)
        self.tags, self.companies, self.places = Names(), Names(), Names()
        self.places_of_country = defaultdict(set)
        self._expired = None  # (valid until, the expired published postings)
        self.history = []  # (position, postings changed up to it), the latest last
        self.history_start = 0  # the position the history starts after

    # --- reading ------------------------------------------------------------------------
    def live(self, now=None) -> BitMap:
        """Published and not expired: live_q()'s rule, on the bitmaps."""
        return self.published - self.expired(now)

    def closed(self, now=None) -> BitMap:
        """Archived or expired: PostingQuerySet.closed()."""
        return self.archived | self.expired(now)

    def expired(self, now=None) -> BitMap:
        now = microseconds(now or timezone.now())
        if self._expired is None or not (self._expired[0] > now >= self._expired[1]):
            published = np.asarray(self.published.to_array(), dtype=np.int64)
            when = self.expires[published]
            later = when[when > now]
            valid_until = int(later.min()) if len(later) else NO_EXPIRY
            self._expired = (valid_until, now, BitMap(published[when <= now].tolist()))
        return self._expired[2]

    def salary_at_least(self, minimum) -> BitMap:
        """`filter_salary_min`: a maximum at least this, or no maximum and a minimum at least."""
        low, high = self.salary_min, self.salary_max
        match = (high >= minimum) | ((high < 0) & (low >= minimum))
        return BitMap(np.nonzero(match)[0].tolist())

    # --- keeping in step ----------------------------------------------------------------
    def build(self, cursor, head):
        generation = self.generation
        self.__init__()
        self.generation = generation + 1
        self.position = self.history_start = head
        self._load_names(cursor, "t", None)
        self._load_names(cursor, "c", None)
        self._load_names(cursor, "l", None)
        self._load_postings(cursor, None)

    def apply(self, cursor, changes, head):
        """Apply the log's rows (kind, id) up to `head`; False if a rebuild is needed."""
        by_kind = defaultdict(set)
        for kind, pk in changes:
            by_kind[kind].add(pk)
        if "*" in by_kind or len(by_kind["p"]) > REBUILD_AFTER:
            return False
        for kind in "tcl":
            if by_kind[kind]:
                self._load_names(cursor, kind, sorted(by_kind[kind]))
        changed = BitMap(by_kind["p"])
        # Whether only what no filter, count or order reads changed (a title, a body): then a
        # cached page showing none of these postings is still right (postings/cache.py).
        content_only = not any(by_kind[kind] for kind in "tcl") and len(changed) <= SIGNED
        before = self.signatures(changed) if content_only else None
        if changed:
            self._forget(changed)
            self._load_postings(cursor, changed)
        content_only = content_only and before == self.signatures(changed)
        self.history.append((head, changed, content_only))
        if len(self.history) > HISTORY:
            self.history_start = self.history.pop(0)[0]
        self.position = head
        return True

    def changed_since(self, position) -> BitMap | None:
        """The postings changed after `position`, or None if the history does not go back
        that far (the index was rebuilt since, or too much happened)."""
        if position < self.history_start:
            return None
        later = [changed for p, changed, _ in self.history if p > position]
        return BitMap.union(BitMap(), *later)

    def unchanged_for(self, position, shown: BitMap) -> bool:
        """Whether a page rendered at `position`, showing the postings `shown`, is still what
        it would render now: every write since changed only the content of other postings."""
        if position < self.history_start:
            return False
        later = [(changed, only) for p, changed, only in self.history if p > position]
        return all(only and not changed.intersect(shown) for changed, only in later)

    def signatures(self, postings: BitMap):
        """What the index holds of each of these postings, for telling what a write changed."""
        held = {pk: [] for pk in postings}
        for name, bitmap in self._named_bitmaps():
            if bitmap.intersect(postings):
                for pk in bitmap & postings:
                    held[pk].append(name)
        arrays = (self.posted, self.expires, self.salary_min, self.salary_max)
        return {
            pk: (frozenset(names), *(int(a[pk]) if pk < len(a) else None for a in arrays))
            for pk, names in held.items()
        }

    def _forget(self, postings: BitMap):
        for bitmap in self._bitmaps():
            if bitmap.intersect(postings):
                bitmap.difference_update(postings)
        self._expired = None

    def _bitmaps(self):
        return (bitmap for _, bitmap in self._named_bitmaps())

    GROUPS = ("by_tag", "by_place", "by_remote_named", "by_continent", "by_type", "by_level")
    GROUPS += ("by_contract", "by_company", "by_featured")

    def _named_bitmaps(self):
        """Every bitmap, named (group, key)."""
        for name in ("published", "archived", "remote"):
            yield (name, None), getattr(self, name)
        for name in self.GROUPS:
            yield from (((name, key), bitmap) for key, bitmap in getattr(self, name).items())

    def _load_postings(self, cursor, only):
        where, params = _only(only, "id")
        cursor.execute(
            "SELECT id, status, posted_at, expires_at, featured, job_type, level, contract, "
            "remote, remote_continents, company_id, salary_min, salary_max "
            f"FROM postings_posting WHERE status IN ('published', 'archived'){where}",
            params,
        )
        rows = cursor.fetchall()
        if not rows:
            return
        self._grow(max(row[0] for row in rows))
        loaded = BitMap()
        for row in rows:
            pk, status, posted, expires, featured, job_type, level, contract = row[:8]
            remote, continents, company, low, high = row[8:]
            loaded.add(pk)
            (self.published if status == "published" else self.archived).add(pk)
            self.posted[pk] = microseconds(_aware(posted))
            self.expires[pk] = microseconds(_aware(expires))
            self.salary_min[pk] = -1 if low is None else low
            self.salary_max[pk] = -1 if high is None else high
            self.by_featured[featured].add(pk)
            self.by_type[job_type].add(pk)
            self.by_level[level].add(pk)
            self.by_contract[contract].add(pk)
            self.by_company[company].add(pk)
            if remote:
                self.remote.add(pk)
            for code, bit in CONTINENT_BITS.items():
                if continents & bit:
                    self.by_continent[code].add(pk)
        self._expired = None
        ids = _only(only, "content_object_id")
        cursor.execute(
            f"SELECT content_object_id, tag_id FROM postings_taggedposting WHERE 1 = 1{ids[0]}",
            ids[1],
        )
        for pk, tag in cursor.fetchall():
            if pk in loaded:
                self.by_tag[tag].add(pk)
        ids = _only(only, "posting_id")
        cursor.execute(
            "SELECT posting_id, place_id, remote, named FROM postings_posting_places "
            f"WHERE 1 = 1{ids[0]}",
            ids[1],
        )
        for pk, place, remote, named in cursor.fetchall():
            if pk in loaded:
                self.by_place[place].add(pk)
                if remote and named:
                    self.by_remote_named[place].add(pk)

    def _grow(self, largest):
        size = len(self.posted)
        if largest < size:
            return
        more = max(largest + 1, size * 2) - size
        self.posted = np.concatenate([self.posted, np.zeros(more, dtype=np.int64)])
        self.expires = np.concatenate([self.expires, np.full(more, NO_EXPIRY, dtype=np.int64)])
        self.salary_min = np.concatenate([self.salary_min, np.full(more, -1, dtype=np.int64)])
        self.salary_max = np.concatenate([self.salary_max, np.full(more, -1, dtype=np.int64)])

    def _load_names(self, cursor, kind, only):
        table, names = {
            "t": ("postings_tag", self.tags),
            "c": ("postings_company", self.companies),
            "l": ("postings_place", self.places),
        }[kind]
        columns = "id, slug, name"
        if kind == "l":
            columns += ", kind, country_code, continent, parent_id"
        where, params = _only(only, "id")
        cursor.execute(f"SELECT {columns} FROM {table} WHERE 1 = 1{where}", params)
        rows = cursor.fetchall()
        for pk in only or ():
            names.drop(pk)
        for row in rows:
            names.put(PlaceRow(*row) if kind == "l" else Named(*row))
        if kind == "l":
            self.places_of_country = defaultdict(set)
            for place in self.places.by_id.values():
                self.places_of_country[place.country_code].add(place.pk)


def _only(ids, column):
    """A WHERE clause limiting a load to these ids (none: everything)."""
    if ids is None:
        return "", []
    ids = list(ids)
    return f" AND {column} IN ({', '.join(['%s'] * len(ids))})", ids


def _aware(value):
    # Raw SQL on SQLite gives naive datetimes (or text) in UTC, as Django stores them there.
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# --- one index per process -------------------------------------------------------------------
_index = CatalogueIndex()
_built = False
_lock = threading.Lock()


def catalogue_index(head):
    """This process's index, brought up to log row `head`, or None where it may not be used:
    inside a transaction of the caller's own (it could hold writes that roll back)."""
    global _built
    if head is None:
        head = 0
    if _in_own_transaction():
        return _index if _built and _index.position == head else None
    with _lock:
        if _built and _index.position == head:
            return _index
        with connection.cursor() as cursor:
            if _built and head > _index.position:
                changes, complete = ddl.changes_since(cursor, _index.position, head)
                if complete and _index.apply(cursor, changes, head):
                    return _index
            _index.build(cursor, head)
            _built = True
    return _index


def prepare_for_fork(log):
    """In gunicorn's master, before each fork: the index up to date, and no connection left
    open for the child to share. A database that fails or stalls only leaves the children to
    build: the master, which must go on replacing workers, waits for it no longer than a
    health check does."""
    from django.conf import settings

    from jobboard.database import deadline

    try:
        with deadline(settings.DATABASE_HEALTH_TIMEOUT), connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {ddl.CHANGE_TABLE}")
            head = cursor.fetchone()[0]
        catalogue_index(head)  # it answered: a build may take longer than that
    except DatabaseError as error:
        log.warning("Catalogue index not prepared before fork: %s", error)
    finally:
        connections.close_all()


def reset():
    """Forget the index (tests: each starts from a database of its own)."""
    global _built
    with _lock:
        generation = _index.generation
        _index.__init__()
        _index.generation = generation + 1
        _built = False


def _in_own_transaction():
    # A test's own transaction (Django's TestCase) is not the caller's: tests reset the index.
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)
