from django.db import models

from ..search import SearchDocumentField
from .postings import Posting


class PostingSearch(models.Model):
    """A posting's full-text search document: an FTS5 row on SQLite, a tsvector on PostgreSQL.

    The table is created by migration 0002 for each database; postings/search/documents.py
    writes it.
    """

    posting = models.OneToOneField(
        Posting,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,  # the database removes the row (a trigger)
        related_name="search_entry",
        db_constraint=False,
    )
    document = SearchDocumentField(db_column="postings_search")

    class Meta:
        managed = False
        db_table = "postings_search"

    def __str__(self):
        return f"search document of posting {self.posting_id}"
