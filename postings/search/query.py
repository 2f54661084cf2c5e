"""The query language (words, "phrases", or, -exclusions, a prefix for the word being typed),
parsed into a Query that each engine writes in its own syntax."""

import re
from dataclasses import dataclass, field

from .text import words

MAX_QUERY_LENGTH = 500
MAX_TERMS = 12


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
