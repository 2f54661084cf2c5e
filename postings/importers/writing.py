"""Writing `PostingData`: postings keyed on their source URL, a few statements per batch."""

from contextlib import contextmanager

from django.db import models, transaction
from django.utils import timezone

from ..derive import Derived, place_slug, slug_candidates
from ..models import Company, Place, Posting, Status, Tag, TaggedPosting
from ..search import document, write_documents
from .data import PostingData


class Upserter:
    """Writes postings, remembering the companies, tags and places it has already met.

    A batch of files costs a few statements, not a few per file: one query finds which of
    their postings exist, and new postings, their place and tag links and their search
    documents are each inserted in one statement for the whole batch. What was created is
    forgotten again if the batch's transaction rolls back (a failure, --dry-run): it leaves
    nothing behind, in the database or here.
    """

    def __init__(self, overwrite=False):
        self.overwrite = overwrite
        self.companies: dict[str, Company] = {}
        self.tags: dict[str, Tag] = {}
        self.places: dict[str, Place] = {}
        self.unconfirmed: list[tuple[dict, str]] = []  # created in a transaction still open

    def __call__(self, data: PostingData, derived: Derived | None = None) -> str:
        return self.write_many([(data, derived)])[0]

    def write_many(self, items) -> list[str]:
        """Create or update the posting of each (data, derived), keyed on `data.url`.

        Returns each one's outcome: created, updated, unchanged (the same file as last time:
        nothing is written) or conflict (the file changed, but so did the posting in the
        admin since it was imported: the edit is kept unless `overwrite`). Two files with
        one URL in a batch make it fail (the source URL is unique): the caller then writes
        the batch file by file, in order.
        """
        existing = Posting.objects.in_bulk([data.url for data, _ in items], field_name="url")
        outcomes, writes = [], []
        for data, derived in items:
            posting = existing.get(data.url)
            if posting is not None and posting.source_hash == data.source_hash:
                outcomes.append("unchanged")
            elif posting is not None and not self.overwrite and edited_since_import(posting):
                outcomes.append("conflict")
            else:
                outcomes.append("updated" if posting else "created")
                writes.append((self.fill(posting or Posting(url=data.url), data), data, derived))
        name_new_postings([posting for posting, _, _ in writes if posting.pk is None])
        new, documents = [], []
        for posting, data, derived in writes:
            places = {place.pk: place for place in map(self.place, posting.derive(derived))}
            places.pop(None, None)
            tags = {tag.pk: tag for tag in map(self.tag, data.tags)}
            if posting.pk is None:
                new.append((posting, places.values(), tags.values()))
            else:
                # The row alone (Model.save, not Posting.save): links and index follow.
                models.Model.save(posting)
                self.link(posting, Posting.places.through, "posting", "place", places.values())
                self.link(posting, TaggedPosting, "content_object", "tag", tags.values())
            documents.append((posting, data.tags, [place.name for place in places.values()]))
        Posting.objects.bulk_create([posting for posting, _, _ in new])
        Posting.places.through.objects.bulk_create(
            Posting.places.through(posting=posting, place=place)
            for posting, places, _ in new
            for place in places
        )
        TaggedPosting.objects.bulk_create(
            TaggedPosting(content_object=posting, tag=tag)
            for posting, _, tags in new
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
        return outcomes

    def fill(self, posting: Posting, data: PostingData) -> Posting:
        posting.company = self.company(data)
        posting.title = data.title
        posting.apply_url = data.apply_url
        posting.host = data.host
        posting.location = data.location
        posting.job_type = data.job_type
        posting.summary = data.summary
        posting.featured = data.featured
        posting.status = Status.ARCHIVED if data.archived else Status.PUBLISHED
        posting.body = data.body
        # A file without a timestamp keeps the date the posting was first seen.
        posting.posted_at = data.posted_at or posting.posted_at
        posting.source_hash = data.source_hash
        posting.imported_at = timezone.now()
        return posting

    def company(self, data: PostingData) -> Company:
        key = data.company_name.lower()
        company = self.companies.get(key)
        if company is None:
            company = Company.objects.filter(name__iexact=data.company_name).first()
            if company is None:
                company = Company.objects.create(
                    name=data.company_name, website=data.company_website, logo_url=data.logo_url
                )
            self.remember(self.companies, key, company)
        # Fill in what the company lacks; never blank out what someone else set.
        missing = {
            field: value
            for field, value in (("website", data.company_website), ("logo_url", data.logo_url))
            if value and not getattr(company, field)
        }
        if missing:
            for field, value in missing.items():
                setattr(company, field, value)
            company.save()
        return company

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            self.remember(self.tags, name, tag)
            return tag
        return self.tags[name]

    def place(self, name: str) -> Place | None:
        slug = place_slug(name)
        if slug and slug not in self.places:
            (place,) = Place.for_names([name])
            self.remember(self.places, slug, place)
            return place
        return self.places.get(slug)

    @staticmethod
    def link(posting, through, own, other, targets):
        """Make an existing posting's links (tags or places) exactly `targets`, touching only
        the differences."""
        wanted = {target.pk: target for target in targets}
        have = set(through.objects.filter(**{own: posting}).values_list(f"{other}_id", flat=True))
        stale = have - wanted.keys()
        if stale:
            through.objects.filter(**{own: posting, f"{other}_id__in": stale}).delete()
        through.objects.bulk_create(
            through(**{own: posting, other: target})
            for pk, target in wanted.items()
            if pk not in have
        )

    def remember(self, store, key, value):
        store[key] = value
        self.unconfirmed.append((store, key))
        transaction.on_commit(self.unconfirmed.clear)  # at once outside a transaction

    @contextmanager
    def transaction(self, dry_run=False):
        """A transaction whose new companies, tags and places are forgotten if it rolls back
        (a failure, a dry run), since the database no longer has them."""
        try:
            with transaction.atomic():
                yield
                if dry_run:
                    transaction.set_rollback(True)
        finally:
            # Still unconfirmed: rolled back, or inside a caller's transaction (which may yet
            # roll back too; forgetting only costs a lookup).
            for store, key in self.unconfirmed:
                store.pop(key, None)
            self.unconfirmed.clear()


def name_new_postings(postings):
    """Give new postings their short slugs, checked in one query; a clash takes a longer one
    when the posting derives its fields."""
    wanted = {slug_candidates(p.title, p.company.name, p.url)[0]: p for p in postings}
    taken = set(Posting.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    for slug, posting in wanted.items():
        if slug not in taken:
            posting.slug = slug


def edited_since_import(posting) -> bool:
    return posting.edited_at is not None and (
        posting.imported_at is None or posting.edited_at > posting.imported_at
    )
