"""Posting files (Markdown with YAML front matter) -> plain data -> upsert.

- `files`: which files to read, and reading one (regular files only, size-bounded);
- `front_matter`: the YAML checked before it is parsed (depth, anchors, value sizes);
- `parsing`: `parse_posting(text) -> PostingData`, pure, or `BadFile` with a reason a person
  can act on;
- `workers`: reading, parsing and deriving in worker processes that no file can take down;
- `writing`: `Upserter` writes `PostingData`, keyed on the source URL, skipping unchanged files.

`import_paths` ties them together and imports up to 500 files to a transaction; a batch that
the database refuses is written again file by file, so a bad file never leaves half a posting
behind nor takes good ones down with it.
"""

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from .data import BadFile, PostingData
from .files import MAX_FILE_BYTES, posting_files, read_posting
from .parsing import MAX_TAGS, one_line, parse_posting
from .workers import prepared
from .writing import Upserter

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TAGS",
    "BadFile",
    "ImportReport",
    "PostingData",
    "Upserter",
    "import_paths",
    "one_line",
    "parse_posting",
    "posting_files",
    "read_posting",
]

# Files written per transaction, and at most this much text in memory. Every commit changes the
# catalogue and so empties the page cache: a few commits a minute keep it useful to visitors
# while a large import runs (`make soak` measured 27 requests/s with a commit every 100 files,
# over 400 with one every few seconds).
BATCH = 500
BATCH_CHARS = 16_000_000


@dataclass
class ImportReport:
    counts: Counter = dataclasses.field(default_factory=Counter)
    errors: list[tuple[Path, str]] = dataclasses.field(default_factory=list)
    conflicts: list[Path] = dataclasses.field(default_factory=list)
    notes: list[tuple[Path, str]] = dataclasses.field(default_factory=list)

    def add(self, path: Path, outcome, data=None):
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
            self.notes += [(path, note) for note in getattr(data, "notes", ())]

    @property
    def summary(self) -> str:
        c = self.counts
        line = (
            f"created {c['created']}, updated {c['updated']}, "
            f"unchanged {c['unchanged']}, failed {c['failed']}"
        )
        # Only when there are some, so that the usual line stays the documented one.
        return line + f", conflicts {c['conflict']}" if c["conflict"] else line


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
            report.add(path, data if isinstance(data, BadFile) else next(outcomes), data)
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
