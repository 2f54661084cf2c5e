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

from .documents import (
    document,
    document_for,
    ensure_delete_trigger,
    index_postings,
    write_documents,
)
from .engines import TABLE, FieldRank, Matches, SearchDocumentField, SearchSets, search, search_sets
from .query import Query, Term, parse_query
from .text import fold, html_to_text, index_text, snippet, words

__all__ = [
    "TABLE",
    "FieldRank",
    "Matches",
    "Query",
    "SearchDocumentField",
    "SearchSets",
    "Term",
    "document",
    "document_for",
    "ensure_delete_trigger",
    "fold",
    "html_to_text",
    "index_postings",
    "index_text",
    "parse_query",
    "search",
    "search_sets",
    "snippet",
    "words",
    "write_documents",
]
