"""What the importer passes between its stages: a file's plain data, or why it was refused."""

from dataclasses import dataclass
from datetime import datetime


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
    notes: tuple[str, ...] = ()  # what the file's report says about what was changed on import
