"""Posting files (Markdown with YAML front matter) -> plain data -> upsert.

`parse_posting` is pure: it turns one file's text into a `PostingData` or raises `BadFile`
with a reason a person can act on. `Upserter` writes `PostingData`, keyed on the source URL,
and skips postings whose data has not changed. `import_paths` walks files and folders and
imports them up to 500 to a transaction; a batch that the database refuses is written again file
by file, so a bad file never leaves half a posting behind nor takes good ones down with it.
"""

import dataclasses
import hashlib
import math
import multiprocessing
import os
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import yaml
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    MAX_BODY_LENGTH,
    Company,
    Derived,
    Place,
    Posting,
    Status,
    Tag,
    TaggedPosting,
    derive_fields,
    place_slug,
    slug_candidates,
)
from .search import document, write_documents
from .tags import parse_tags
from .validators import validate_apply_url

MAX_FILE_BYTES = 1024 * 1024
MAX_URL_LENGTH = 1000
# The host, logo and website columns are as wide as each other.
MAX_DECORATIVE_URL_LENGTH = Company._meta.get_field("website").max_length
MAX_FEATURED = 2**31 - 1  # a 32-bit integer column on PostgreSQL
POSTING_SUFFIXES = {".md", ".markdown"}
PARALLEL_FROM = 200  # files; below that, starting worker processes costs more than it saves
# Files written per transaction, and at most this much text in memory. Every commit changes the
# catalogue and so empties the page cache: a few commits a minute keep it useful to visitors
# while a large import runs (`make soak` measured 27 requests/s with a commit every 100 files,
# over 400 with one every few seconds).
BATCH = 500
BATCH_CHARS = 16_000_000
REQUIRED_KEYS = ("title", "companyName", "url")

# Careers-page titles that some boards put where the company name belongs.
_COMPANY_TITLE_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:current\s+)?(?:job\s+openings|jobs|careers|open\s+positions|openings)\s+(?:at|@)\s+(?P<name>.+)$",
        r"^(?:work|working)\s+(?:at|with)\s+(?P<name>.+)$",
        r"^(?P<name>.+?)\s*(?:[-|:–—]\s*)?careers(?:\s+page)?$",
        r"^(?P<name>.+?)\s*[-|:–—]\s*(?:jobs|job\s+board|job\s+openings|open\s+positions)$",
    )
]


class BadFile(Exception):
    """A posting file that cannot be imported, with the reason."""


@dataclass(frozen=True)
class PostingData:
    url: str
    title: str
    company_name: str
    apply_url: str
    location: str = ""
    host: str = ""
    posted_at: datetime | None = None
    tags: tuple[str, ...] = ()
    job_type: str = ""
    logo_url: str = ""
    company_website: str = ""
    summary: str = ""
    featured: int = 0
    archived: bool = False
    body: str = ""
    source_hash: str = ""  # of the file's text: unchanged files are not touched at all


@dataclass
class ImportReport:
    counts: Counter = dataclasses.field(default_factory=Counter)
    errors: list[tuple[Path, str]] = dataclasses.field(default_factory=list)
    conflicts: list[Path] = dataclasses.field(default_factory=list)

    def add(self, path: Path, outcome):
        """Count one file's outcome: a word, a BadFile, or the database's error."""
        if isinstance(outcome, BadFile):
            self.counts["failed"] += 1
            self.errors.append((path, str(outcome)))
        elif isinstance(outcome, Exception):
            # Data the parser let through but the database refused.
            self.counts["failed"] += 1
            self.errors.append((path, f"could not be saved: {outcome}"))
        else:
            self.counts[outcome] += 1
            if outcome == "conflict":
                self.conflicts.append(path)

    @property
    def summary(self) -> str:
        c = self.counts
        line = (
            f"created {c['created']}, updated {c['updated']}, "
            f"unchanged {c['unchanged']}, failed {c['failed']}"
        )
        # Only when there are some, so that the usual line stays the documented one.
        return line + f", conflicts {c['conflict']}" if c["conflict"] else line


# --- parsing ------------------------------------------------------------------------------


def read_posting(path: Path) -> PostingData:
    if path.is_dir():
        raise BadFile("is a directory, expected a posting file")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BadFile(f"file is larger than {MAX_FILE_BYTES // 1024} KB")
        raw = path.read_bytes()
    except OSError as error:
        raise BadFile(f"cannot read file: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadFile(f"not UTF-8 (invalid byte at offset {error.start})") from None
    return parse_posting(text)


def parse_posting(text: str) -> PostingData:
    source_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    # NUL is never text: PostgreSQL refuses it where SQLite would keep it. Dropped here when
    # raw in the file, and by text_value() when a value spells it as YAML's "\0" escape.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\x00", "")
    if not re.match(r"---[ \t]*\n", text):
        raise BadFile("no front matter (the file must start with a '---' line)")
    try:
        meta, body = frontmatter.parse(text)
    except yaml.YAMLError as error:
        raise BadFile(f"YAML error in front matter: {describe_yaml_error(error)}") from None
    except (ValueError, KeyError, AttributeError) as error:
        # How PyYAML's constructors fail on what it took for a date, a number or a boolean:
        # "2021-02-30", "!!int abc", "!!bool maybe", "!!timestamp soon".
        detail = f" ({error})" if isinstance(error, ValueError) else ""
        raise BadFile(f"YAML error in front matter: an invalid date or number{detail}") from None
    if not isinstance(meta, dict) or not meta:
        raise BadFile("front matter is not a set of 'key: value' lines")
    missing = [key for key in REQUIRED_KEYS if not text_value(meta, key)]
    if missing:
        raise BadFile(f"missing required key: {', '.join(missing)}")
    # The admin's limit too. Past it, PostgreSQL may refuse the search document ("string is
    # too long for tsvector") where SQLite keeps it.
    body = body.strip()
    if len(body) > MAX_BODY_LENGTH:
        raise BadFile(f"body is longer than {MAX_BODY_LENGTH} characters")

    url = text_value(meta, "url")
    check_http_url(url, "url")

    return PostingData(
        url=url,
        title=one_line(text_value(meta, "title"))[:200],
        company_name=clean_company_name(text_value(meta, "companyName")),
        apply_url=clean_apply_url(text_value(meta, "applyUrl"), url),
        location=one_line(text_value(meta, "location"))[:300],
        host=optional_http_url(meta, "host"),
        posted_at=parse_timestamp(meta.get("timestamp")),
        tags=tuple(parse_tags(text_value(meta, "hashtags"))),
        job_type=slugify(text_value(meta, "jobType"))[:50],
        logo_url=optional_http_url(meta, "logoUrl"),
        company_website=optional_http_url(meta, "companyWebsite"),
        summary=one_line(text_value(meta, "summary") or text_value(meta, "summaryBackup"))[:500],
        featured=parse_integer(meta.get("featured", 0), "featured", bound=MAX_FEATURED),
        archived=parse_flag(meta.get("archived", False), "archived"),
        body=body,
        source_hash=source_hash,
    )


def describe_yaml_error(error: yaml.YAMLError) -> str:
    """The parser's complaint with line numbers of the file, not of the front matter."""

    def where(mark):
        # The front matter text begins with the end of the opening '---' line (line 1) and
        # marks count from 0, so mark.line is already the file's line number minus one.
        return f"line {mark.line + 1}, column {mark.column + 1}"

    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return str(error).splitlines()[0]
    message = f"{error.problem} ({where(mark)})"
    if getattr(error, "context_mark", None) is not None and error.context:
        message = f"{error.context} ({where(error.context_mark)}): {message}"
    return message


def text_value(meta: dict, key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    # Some files write lists (hashtags, locations) as YAML sequences; read them as text.
    if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        return ", ".join(plain_text(v) for v in value if v is not None)
    if isinstance(value, dict | list):
        raise BadFile(f"{key} must be text, not a {type(value).__name__}")
    return plain_text(value)


def plain_text(value) -> str:
    return str(value).replace("\x00", "").strip()


def one_line(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def check_http_url(value: str, key: str) -> None:
    # Deliberately looser than Django's URLValidator: real ATS links carry pipes, underscores
    # and the like, and the source URL is only an identity and a link, never fetched.
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in {"http", "https"}
        or not parts.hostname
        or re.search(r"[\s\x00-\x1f\x7f]", value)
    ):
        raise BadFile(f"{key} is not an http(s) URL: {value[:100]!r}")
    if len(value) > MAX_URL_LENGTH:
        raise BadFile(f"{key} is longer than {MAX_URL_LENGTH} characters")


def clean_apply_url(value: str, url: str) -> str:
    """A missing or unsafe apply link (javascript:, ftp:...) falls back to the posting's page."""
    try:
        validate_apply_url(value)
    except ValidationError:
        return url
    return value if len(value) <= MAX_URL_LENGTH else url


def optional_http_url(meta: dict, key: str) -> str:
    """Decorative URLs (logo, website, host): a bad one is dropped, the posting is kept."""
    value = text_value(meta, key)
    try:
        check_http_url(value, key)
    except BadFile:
        return ""
    # Longer than its column: PostgreSQL would refuse the whole posting, SQLite keep it.
    return value if len(value) <= MAX_DECORATIVE_URL_LENGTH else ""


def parse_timestamp(value) -> datetime | None:
    if value is None or value == "":
        return None
    milliseconds = parse_integer(value, "timestamp")
    try:
        return datetime.fromtimestamp(milliseconds / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise BadFile(f"timestamp is out of range: {shown(value)}") from None


def parse_integer(value, key: str, bound: int | None = None) -> int:
    if value is None:
        return 0
    if isinstance(value, bool):
        raise BadFile(f"{key} must be a number, got {value!r}")
    if isinstance(value, float) and math.isfinite(value):
        value = round(value)
    # A few dozen digits at most: int() refuses thousands, and no timestamp needs them.
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,40}\s*", value):
        value = int(value)
    if not isinstance(value, int):
        raise BadFile(f"{key} must be a whole number, got {shown(value)}")
    if bound is not None and not -bound <= value <= bound:
        raise BadFile(f"{key} is out of range: {shown(value)}")
    return value


def parse_flag(value, key: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower() if isinstance(value, str | int | float) else None
    if text in {"true", "yes", "1"}:
        return True
    if text in {"false", "no", "0", ""}:
        return False
    raise BadFile(f"{key} must be true or false, got {shown(value)}")


def shown(value) -> str:
    """A front matter value, short, for an error message; str() of a deeply nested list or
    mapping would exceed the recursion limit."""
    if isinstance(value, dict | list | set | tuple):
        return f"a {type(value).__name__}"
    return repr(str(value)[:50])


def clean_company_name(name: str) -> str:
    name = one_line(name)
    for pattern in _COMPANY_TITLE_PATTERNS:
        match = pattern.match(name)
        # "- careers" is all careers-page wording: kept as written rather than left empty.
        if match and match["name"].strip(" -|:"):
            name = match["name"].strip(" -|:")
            break
    return name[:200]


# --- writing ------------------------------------------------------------------------------


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


def posting_files(paths):
    """Yield every file to import: given files as they are, folders searched for *.md."""
    for path in map(Path, paths):
        if path.is_dir() and path.suffix.lower() not in POSTING_SUFFIXES:
            yield from sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in POSTING_SUFFIXES and not p.name.startswith(".")
            )
        else:
            yield path


def prepare(path):
    """Read, parse and derive one file: the CPU-heavy half of an import, free of the database."""
    try:
        data = read_posting(path)
    except BadFile as error:
        return path, error, None
    return path, data, derive_fields(data.title, data.body, data.location, data.job_type)


def prepared(paths):
    """(path, PostingData or BadFile, Derived) for each file, in order.

    Large imports prepare files in worker processes while this one writes, so that rendering
    Markdown (most of the work) runs on every core. The workers are forked after this process
    closes its database connections, so no connection is ever shared; inside a caller's
    transaction that is impossible, and the files are prepared here instead.
    """
    files = list(posting_files(paths))
    workers = min(os.cpu_count() or 1, 4)
    if len(files) < PARALLEL_FROM or workers < 2 or connection.in_atomic_block:
        yield from map(prepare, files)
        return
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(prepare, files, chunksize=16)


def import_paths(paths, dry_run=False, overwrite=False) -> ImportReport:
    report = ImportReport()
    upserter = Upserter(overwrite)
    for batch in batches(prepared(paths)):
        writable = [(data, derived) for _, data, derived in batch if not isinstance(data, BadFile)]
        try:
            with upserter.transaction(dry_run):
                outcomes = upserter.write_many(writable)
        except (ValidationError, DatabaseError):
            # A file the database refuses spoils its batch: write that batch again file by
            # file, each in its own transaction, so that only the bad file fails.
            outcomes = [write_one(upserter, data, derived, dry_run) for data, derived in writable]
        outcomes = iter(outcomes)
        for path, data, _ in batch:
            report.add(path, data if isinstance(data, BadFile) else next(outcomes))
    return report


def batches(files):
    batch, chars = [], 0
    for path, data, derived in files:
        batch.append((path, data, derived))
        chars += 0 if isinstance(data, BadFile) else len(data.body)
        if len(batch) == BATCH or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def write_one(upserter, data, derived, dry_run):
    """One file's outcome, or the error the database raised for it."""
    try:
        with upserter.transaction(dry_run):
            outcome = upserter(data, derived)
        return outcome
    except (ValidationError, DatabaseError) as error:
        return error
