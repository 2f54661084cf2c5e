"""Writing `PostingData`: postings keyed on their source URL, a few statements per batch."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from ..companies import better_name, company_key
from ..derive import Derived
from ..models import Company, Posting, Status, Tag
from ..writer import PostingWriter
from .data import PostingData


class Upserter:
    """Writes postings through the one write path (postings/writer.py), remembering the
    companies, tags and places it has already met.

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
        self.unconfirmed: list[tuple[dict, str]] = []  # created in a transaction still open
        self.writer = PostingWriter(remember=self.remember)

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
        self.writer.write(
            [
                (posting, [self.tag(name) for name in data.tags], derived)
                for posting, data, derived in writes
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
        """The company of this spelling (postings/companies.py), or the one it was merged
        into; created if there is none. A better spelling of its name renames it."""
        key = company_key(data.company_name)
        company = self.companies.get(key)
        met = company is not None
        if not met:
            company = Company.objects.named(data.company_name) or Company.objects.create(
                name=data.company_name, website=data.company_website, logo_url=data.logo_url
            )
            # Found through an earlier name, it may have been met under its own key: one
            # object per company, so that what is saved through one is seen through the other.
            company = self.companies.get(company.key, company)
        changes = {}
        if key == company.key:  # a spelling of its name, not of an earlier one
            changes["name"] = better_name(company.name, data.company_name)
        # Fill in what the company lacks; never blank out what someone else set.
        for field, value in (("website", data.company_website), ("logo_url", data.logo_url)):
            if value and not getattr(company, field):
                changes[field] = value
        changed = [field for field, value in changes.items() if getattr(company, field) != value]
        if changed:
            for field in changed:
                setattr(company, field, changes[field])
            company.save(update_fields=[*changed, "updated_at"])  # a rename keeps the slug
        if changed or not met:
            # Forgotten if the transaction rolls back, as the database then forgets it too.
            self.remember(self.companies, key, company)
            self.remember(self.companies, company.key, company)
        return company

    def tag(self, name: str) -> Tag:
        if name not in self.tags:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
            self.remember(self.tags, name, tag)
            return tag
        return self.tags[name]

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


def edited_since_import(posting) -> bool:
    return posting.edited_at is not None and (
        posting.imported_at is None or posting.edited_at > posting.imported_at
    )
