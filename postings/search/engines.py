"""Search in each database: the lookup, the rank and search() in SQL, and the matched sets
that the index (postings/catalogue/) combines with its own."""

import sqlite3
import threading
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import F, Func, IntegerField, Lookup

from .query import Query, parse_query

TABLE = "postings_search"


# --- the database side --------------------------------------------------------------------


class SearchDocumentField(models.TextField):
    """The FTS5 table's hidden column on SQLite, the tsvector column on PostgreSQL.

    Both are named like the table, which is what FTS5 requires of its MATCH target.
    """


@SearchDocumentField.register_lookup
class Matches(Lookup):
    lookup_name = "matches"

    def get_prep_lookup(self):
        return self.rhs  # a Query, turned into the engine's syntax below

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} MATCH %s", [*params, self.rhs.fts5()]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} @@ to_tsquery('simple', %s)", [*params, self.rhs.tsquery()]


class FieldRank(Func):
    """2 when a wanted word is in the title, plus 1 when one is in company, tags or places.

    Each IN subquery runs once per query (not per row), answered by the engine's own index.
    """

    output_field = IntegerField()

    def __init__(self, query):
        super().__init__(F("pk"))
        self.query = query

    def as_postgresql(self, compiler, connection, **extra):
        # "and the whole query matches" lets the index intersect two small sets instead of
        # listing every posting with a common word ("engineer") in its title.
        matches = f"{TABLE} @@ to_tsquery('simple', %s)"
        words, everything = self.query.any_term_tsquery(), self.query.tsquery()
        return self.rank_sql(
            compiler,
            f"title @@ to_tsquery('simple', %s) AND {matches}",
            [words, everything],
            f"meta @@ to_tsquery('simple', %s) AND {matches}",
            [words, everything],
        )

    def as_sql(self, compiler, connection, **extra):
        everything = self.query.fts5()
        return self.rank_sql(
            compiler,
            f"{TABLE} MATCH %s",
            [f"({self.query.any_term_fts5('title')}) AND ({everything})"],
            f"{TABLE} MATCH %s",
            [f"({self.query.any_term_fts5('meta')}) AND ({everything})"],
        )

    def rank_sql(self, compiler, title_condition, title_params, meta_condition, meta_params):
        pk, params = compiler.compile(self.source_expressions[0])
        in_title = f"{pk} IN (SELECT rowid FROM {TABLE} WHERE {title_condition})"
        in_meta = f"{pk} IN (SELECT rowid FROM {TABLE} WHERE {meta_condition})"
        sql = f"(CASE WHEN {in_title} THEN 2 ELSE 0 END) + (CASE WHEN {in_meta} THEN 1 ELSE 0 END)"
        return f"({sql})", [*params, *title_params, *params, *meta_params]


def search(queryset, text):
    """Postings matching `text`, best first (then newest), annotated with `search_rank`."""
    query = parse_query(text)
    if not query:
        return queryset
    if query.required:
        queryset = queryset.filter(search_entry__document__matches=query).annotate(
            search_rank=FieldRank(query)
        )
        queryset = queryset.order_by("-search_rank", "-posted_at", "-pk")
    else:
        # Only exclusions ("-senior"): everything except what matches them.
        negative = Query(required=(query.excluded,))
        matching = queryset.model.objects.filter(search_entry__document__matches=negative)
        queryset = queryset.exclude(pk__in=matching.values("pk"))
    return queryset


# --- the matches as sets, for the index (postings/catalogue/) -------------------------------
# The same conditions as search() and FieldRank, each answered as the ids it matches.
MATCH_SQL = {
    "sqlite": {
        "all": f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",
        "field": f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s",
    },
    # One pass on PostgreSQL, which reads every matching row anyway: each with whether a
    # wanted word is in its title and in its meta field.
    "postgresql": {
        "all": f"SELECT rowid FROM {TABLE} WHERE {TABLE} @@ to_tsquery('simple', %s)",
        "fields": f"SELECT rowid, title @@ to_tsquery('simple', %s), "
        f"meta @@ to_tsquery('simple', %s) FROM {TABLE} WHERE {TABLE} @@ to_tsquery('simple', %s)",
    },
}


@dataclass
class SearchSets:
    """The postings a query matches, and those with a wanted word in the title or the meta
    field (company, tags, places, location): FieldRank's 2 and 1, as sets of ids."""

    matches: object  # BitMap of every match; None when the query only excludes
    excluded: object  # BitMap of what an exclusions-only query excludes
    title: object
    meta: object
    known_from: int = 0  # the log position since which a process has kept them up to date
    moved_at: int = 0  # and the last at which they changed (searching.py)

    def update(self, changed, fresh) -> bool:
        """Take `fresh`, the sets among the `changed` postings, in place of what was known;
        whether that changed any of them."""
        moved = False
        for name in ("matches", "excluded", "title", "meta"):
            kept = getattr(self, name)
            if kept is not None:
                moved = moved or (kept & changed) != getattr(fresh, name)
                kept.difference_update(changed)
                kept |= getattr(fresh, name)
        return moved

    def narrow(self, found):
        return found & self.matches if self.matches is not None else found - self.excluded

    def tiers(self, found):
        """`found` by rank, best first: title and meta, title, meta, neither."""
        title, meta = found & self.title, found & self.meta
        return [title & meta, title - meta, meta - title, found - title - meta]


def search_sets(text, among=None):
    """SearchSets of `text` (None when it holds no query): three indexed queries at most.

    `among` (ids) limits them to those postings, for bringing kept sets up to date.
    """
    from pyroaring import BitMap

    query = parse_query(text)
    if not query:
        return None
    limit, limit_params, scratch = "", [], None
    if among is not None and connection.vendor == "sqlite":
        scratch = scratch_index(among)
    elif among is not None:
        limit_params = list(among)
        limit = f" AND rowid IN ({', '.join(['%s'] * len(limit_params))})"

    def rows(sql, params):
        if scratch is not None:
            return scratch.execute(sql.replace("%s", "?"), params).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql + limit, [*params, *limit_params])
            return cursor.fetchall()

    def ids(sql, params):
        return BitMap(row[0] for row in rows(sql, params))

    sql = MATCH_SQL[connection.vendor]
    if not query.required:
        negative = Query(required=(query.excluded,))
        excluded = ids(sql["all"], [_engine_query(negative)])
        return SearchSets(None, excluded, BitMap(), BitMap())
    everything = _engine_query(query)
    if connection.vendor == "postgresql":
        words = query.any_term_tsquery()
        if among is not None:  # a few rows by primary key
            found = rows(sql["fields"], [words, words, everything])
        else:
            # For a word on most postings the planner reads the whole table and matches each
            # document (260 ms at 100,000 postings) rather than the GIN index (130 ms).
            with connection.cursor() as cursor:
                cursor.execute("SET enable_seqscan = off")
                try:
                    found = rows(sql["fields"], [words, words, everything])
                finally:
                    cursor.execute("RESET enable_seqscan")
        title = BitMap(pk for pk, in_title, _ in found if in_title)
        meta = BitMap(pk for pk, _, in_meta in found if in_meta)
        return SearchSets(BitMap(row[0] for row in found), None, title, meta)
    title = ids(sql["field"], [f"({query.any_term_fts5('title')}) AND ({everything})"])
    meta = ids(sql["field"], [f"({query.any_term_fts5('meta')}) AND ({everything})"])
    return SearchSets(ids(sql["all"], [everything]), None, title, meta)


# SQLite's FTS5 reads a whole doclist to test one row ("remote"*: 6 ms a query): the few
# documents to test again are copied into an FTS5 table of their own, in memory, made as
# migration 0002 made the real one, and the same queries run there, by the same engine.
SCRATCH_TABLE = f"""CREATE VIRTUAL TABLE {TABLE} USING fts5(
        title, meta, body, tokenize = 'unicode61 remove_diacritics 2'
    )"""
_scratch = threading.local()


def scratch_index(ids):
    """An in-memory FTS5 table holding only these postings' documents."""
    if not hasattr(_scratch, "db"):
        _scratch.db = sqlite3.connect(":memory:", check_same_thread=False)
        _scratch.db.execute(SCRATCH_TABLE)
    ids = list(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, title, meta, body FROM {TABLE} "
            f"WHERE rowid IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        documents = cursor.fetchall()
    _scratch.db.execute(f"DELETE FROM {TABLE}")
    insert = f"INSERT INTO {TABLE} (rowid, title, meta, body) VALUES (?, ?, ?, ?)"
    _scratch.db.executemany(insert, documents)
    return _scratch.db


def _engine_query(query):
    return query.tsquery() if connection.vendor == "postgresql" else query.fts5()
