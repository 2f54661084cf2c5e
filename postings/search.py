"""Full-text search that hides the database: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Both engines index the same text, tokenized here in Python (case and accents folded, words of
letters and digits), and answer the same query language, parsed here too, so that a query finds
the same postings on either database:

    kubernetes go      both words            "product manager"   the phrase
    go or rust         either word           -senior              not this word
    kube               a prefix, for the last word while it is being typed

Ranking is the same number on both databases, so both give the same first page: 2 when a
query word is in the title, plus 1 when one is in the company, tags, places or location; ties
go to the newest posting. (BM25 and ts_rank were tried first: they found the same postings but
ordered them differently, 4 first pages of 7 differed on 1,500 postings, because their term
frequency and length formulas differ. Which field matched is the signal that matters for a job
title; recency is the next.) Each engine answers "is a word in this field" from its own index:
an FTS5 column filter on SQLite, a tsvector with its own GIN index per field on PostgreSQL.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models import F, Func, IntegerField, Lookup
from django.utils.html import escape
from django.utils.safestring import mark_safe

TABLE = "postings_search"
MAX_QUERY_LENGTH = 500
MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")


# Unicode's blocks of combining marks (accents and the like), removed after decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Zürich" and "zurich" are one word."""
    folded = text.casefold()
    if folded.isascii():  # most postings: nothing to decompose
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text or ""))


def index_text(text: str) -> str:
    return " ".join(words(text))


def html_to_text(body_html: str) -> str:
    # body_html is sanitized and well-formed, so a regex is enough (and much faster than a parser).
    return html.unescape(_TAG.sub(" ", body_html or ""))


# --- the query language -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # more than one word: a phrase
    prefix: bool = False

    def fts5(self) -> str:
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")

    def tsquery(self) -> str:
        parts = [f"'{w}'" for w in self.words]
        if self.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")" if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class Query:
    """All of `required` (each a list of alternatives), none of `excluded`."""

    required: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    terms: tuple[str, ...] = field(default=(), compare=False)  # for highlighting

    def __bool__(self):
        return bool(self.required or self.excluded)

    def fts5(self, negate=False) -> str:
        """FTS5 MATCH syntax; `negate` gives the query for the excluded terms alone."""
        if negate:
            return " OR ".join(t.fts5() for t in self.excluded)
        clauses = " AND ".join(
            "(" + " OR ".join(t.fts5() for t in alternatives) + ")"
            for alternatives in self.required
        )
        if self.excluded:
            clauses = f"({clauses}) NOT ({self.fts5(negate=True)})"
        return clauses

    def positive_terms(self):
        return [term for alternatives in self.required for term in alternatives]

    def any_term_fts5(self, column) -> str:
        """Any wanted word or phrase, in one FTS5 column."""
        return f"{{{column}}} : (" + " OR ".join(t.fts5() for t in self.positive_terms()) + ")"

    def any_term_tsquery(self) -> str:
        """Any wanted word or phrase."""
        return " | ".join(t.tsquery() for t in self.positive_terms())

    def tsquery(self, negate=False) -> str:
        if negate:
            return " | ".join(t.tsquery() for t in self.excluded)
        clauses = " & ".join(
            "(" + " | ".join(t.tsquery() for t in alternatives) + ")"
            for alternatives in self.required
        )
        if self.excluded:
            clauses = f"({clauses}) & !({self.tsquery(negate=True)})"
        return clauses


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text) -> Query:
    """Read websearch-style text (quotes, -exclusion, or) into a Query; never fails."""
    text = str(text or "").replace("\x00", "")[:MAX_QUERY_LENGTH]
    typing_last_word = bool(text) and not text[-1].isspace() and not text.rstrip().endswith('"')
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    tokens = list(_TOKEN.finditer(text))
    for position, match in enumerate(tokens):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or":
            join_next = bool(groups)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        found = words(quoted if quoted is not None else bare)
        if not found:
            continue
        is_last = position == len(tokens) - 1
        # Only a word still being typed is a prefix; never an exclusion, which would hide too much.
        is_prefix = bare is not None and not negated and is_last and typing_last_word
        term = Term(tuple(found), prefix=is_prefix)
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    groups = groups[:MAX_TERMS]
    return Query(
        required=tuple(tuple(g) for g in groups),
        excluded=tuple(excluded[:MAX_TERMS]),
        terms=tuple(w for g in groups for t in g for w in t.words),
    )


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
    "postgresql": {
        "all": f"SELECT rowid FROM {TABLE} WHERE {TABLE} @@ to_tsquery('simple', %s)",
        "field": f"SELECT rowid FROM {TABLE} WHERE {{field}} @@ to_tsquery('simple', %s) "
        f"AND {TABLE} @@ to_tsquery('simple', %s)",
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

    def update(self, changed, fresh):
        """Take `fresh`, the sets among the `changed` postings, in place of what was known."""
        for name in ("matches", "excluded", "title", "meta"):
            kept = getattr(self, name)
            if kept is not None:
                kept.difference_update(changed)
                kept |= getattr(fresh, name)

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
    limit, limit_params = "", []
    if among is not None:
        limit_params = list(among)
        limit = f" AND rowid IN ({', '.join(['%s'] * len(limit_params))})"

    def ids(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql + limit, [*params, *limit_params])
            return BitMap(row[0] for row in cursor.fetchall())

    sql = MATCH_SQL[connection.vendor]
    if not query.required:
        negative = Query(required=(query.excluded,))
        excluded = ids(sql["all"], [_engine_query(negative)])
        return SearchSets(None, excluded, BitMap(), BitMap())
    everything = _engine_query(query)
    if connection.vendor == "postgresql":
        words = query.any_term_tsquery()
        title = ids(sql["field"].format(field="title"), [words, everything])
        meta = ids(sql["field"].format(field="meta"), [words, everything])
    else:
        title = ids(sql["field"], [f"({query.any_term_fts5('title')}) AND ({everything})"])
        meta = ids(sql["field"], [f"({query.any_term_fts5('meta')}) AND ({everything})"])
    return SearchSets(ids(sql["all"], [everything]), None, title, meta)


def _engine_query(query):
    return query.tsquery() if connection.vendor == "postgresql" else query.fts5()


# FTS5 tables cannot have foreign keys: a trigger removes the row, whatever deleted the posting.
SQLITE_DELETE_TRIGGER = f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON postings_posting BEGIN
        DELETE FROM {TABLE} WHERE rowid = OLD.id;
    END"""


def ensure_delete_trigger(using="default"):
    """(Re)create SQLite's delete trigger.

    SQLite migrations that alter postings_posting rebuild the table and drop its triggers, so
    this runs after every migrate (postings/apps.py).
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(SQLITE_DELETE_TRIGGER)


def document(title, company, location, tags, places, body_html) -> tuple[str, str, str]:
    """The three weighted fields of a posting's search document, as indexed text."""
    meta = " ".join([company, location, *tags, *places])
    return index_text(title), index_text(meta), index_text(html_to_text(body_html))


def document_for(posting) -> tuple[str, str, str]:
    return document(
        posting.title,
        posting.company.name,
        posting.location,
        [tag.name for tag in posting.tags.all()],
        # The places it names and those containing them: "germany" finds Berlin's jobs.
        list({p.name: None for link in posting.named_links for p in link.place.lineage()}),
        posting.body_html,
    )


def index_postings(postings):
    """Write the search documents of these postings (as Posting.objects.for_detail() reads them)."""
    write_documents([(posting.pk, *document_for(posting)) for posting in postings])


def write_documents(rows):
    """Store (posting id, title, meta, body) documents, replacing any earlier ones."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.executemany(
                f"""INSERT INTO {TABLE} (rowid, {TABLE}, title, meta)
                SELECT id, setweight(title, 'A') || setweight(meta, 'B')
                    || setweight(to_tsvector('simple', body), 'C'), title, meta
                FROM (SELECT %s AS id, to_tsvector('simple', %s) AS title,
                    to_tsvector('simple', %s) AS meta, %s AS body) AS fields
                ON CONFLICT (rowid) DO UPDATE SET {TABLE} = EXCLUDED.{TABLE},
                    title = EXCLUDED.title, meta = EXCLUDED.meta""",
                rows,
            )
        else:
            ids = [row[0] for row in rows]
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids
            )
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, meta, body) VALUES (%s, %s, %s, %s)", rows
            )


# --- showing matches ----------------------------------------------------------------------


def snippet(body_html: str, query: Query, width: int = 220) -> str:
    """A short extract of the body around the first match, matches in <mark>, HTML-safe."""
    text = re.sub(r"\s+", " ", html_to_text(body_html)).strip()
    if not query.terms or not text:
        return ""
    prefix_words = {t.words[-1] for g in query.required for t in g if t.prefix}

    def is_hit(word):
        folded = fold(word)
        return folded in query.terms or any(folded.startswith(p) for p in prefix_words)

    hits = [m for m in _WORD.finditer(text) if is_hit(m.group())]
    if not hits:
        return ""
    start = max(0, hits[0].start() - width // 3)
    end = min(len(text), start + width)
    parts, cursor = [], start
    for hit in hits:
        if hit.start() < start or hit.end() > end:
            continue
        parts += [escape(text[cursor : hit.start()]), f"<mark>{escape(hit.group())}</mark>"]
        cursor = hit.end()
    parts.append(escape(text[cursor:end]))
    return mark_safe(("…" if start else "") + "".join(parts) + ("…" if end < len(text) else ""))
