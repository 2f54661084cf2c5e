"""The one write path for postings, shared by the admin and the shell (through Posting.save())
and by the importer: derive what a posting's text implies, save the rows, link its places and
tags, and write its search document. A batch costs a few statements, not a few per posting.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, models

from .catalogue import ddl
from .derive import slug_candidates
from .places import PlaceBook, new_links, set_links
from .search import document, write_documents

_writing = ContextVar("writing", default=False)


def writing() -> bool:
    """Whether the write path is at work here: it indexes what it writes itself."""
    return _writing.get()


@contextmanager
def indexing_itself():
    token = _writing.set(True)
    try:
        yield
    finally:
        _writing.reset(token)


class PostingWriter:
    """Writes postings, remembering the places it has met (see PlaceBook for `remember`)."""

    def __init__(self, remember=None):
        self.places = PlaceBook(remember=remember)

    def write(self, items, save=None):
        """Write each (posting, tags, derived).

        `tags` are the Tag rows the posting should carry, or None to keep the ones it has;
        `derived` is what derive_fields() already computed for its text (the importer's
        workers), or None. New postings are inserted in one statement unless `save` is given
        (Posting.save() passes its own arguments on this way).
        """
        with indexing_itself():
            self._write(items, save)
        with connection.cursor() as cursor:
            ddl.prune(cursor)  # the change log: every process has read all but the newest

    def _write(self, items, save):
        from .models import Posting, PostingPlace, TaggedPosting

        name_new_postings([posting for posting, _, _ in items if posting.pk is None])
        inserts, documents, unindexed = [], [], []
        for posting, tags, derived in items:
            links = self.places.links(posting.derive(derived))
            if posting.pk is None and save is None:
                inserts.append((posting, links, tags or []))
            else:
                (save or models.Model.save)(posting)
                set_links(posting, links, PostingPlace)
                if tags is not None:
                    set_tags(posting, tags, TaggedPosting)
            if tags is None:
                unindexed.append(posting)
            else:
                names = [row.name for row, _ in links.values()]
                documents.append((posting, [tag.name for tag in tags], names))
        Posting.objects.bulk_create([posting for posting, _, _ in inserts])
        PostingPlace.objects.bulk_create(
            link
            for posting, links, _ in inserts
            for link in new_links(posting, links, PostingPlace)
        )
        TaggedPosting.objects.bulk_create(
            TaggedPosting(content_object=posting, tag=tag)
            for posting, _, tags in inserts
            for tag in tags
        )
        write_documents(
            [
                (
                    posting.pk,
                    *document(
                        posting.title,
                        posting.company.name,
                        posting.location,
                        tag_names,
                        place_names,
                        posting.body_html,
                    ),
                )
                for posting, tag_names, place_names in documents
            ]
        )
        if unindexed:
            Posting.objects.filter(pk__in=[posting.pk for posting in unindexed]).reindex()


def set_tags(posting, tags, link_model):
    """Make an existing posting's tags exactly `tags`, touching only the differences."""
    wanted = {tag.pk: tag for tag in tags}
    have = set(link_model.objects.filter(content_object=posting).values_list("tag_id", flat=True))
    stale = have - wanted.keys()
    if stale:
        link_model.objects.filter(content_object=posting, tag_id__in=stale).delete()
    link_model.objects.bulk_create(
        link_model(content_object=posting, tag=tag) for pk, tag in wanted.items() if pk not in have
    )


def name_new_postings(postings):
    """Give new postings their short slugs, checked in one query; a clash takes a longer one
    when the posting derives its fields."""
    from .models import Posting

    wanted = {slug_candidates(p.title, p.company.name, p.url)[0]: p for p in postings if not p.slug}
    taken = set(Posting.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for slug, posting in wanted.items():
        if slug not in taken:
            posting.slug = slug
