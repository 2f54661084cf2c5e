"""One posting file's text -> `PostingData`, or `BadFile` with a reason a person can act on.

Pure: no database, no files. Runs in the importer's worker processes.
"""

import hashlib
import math
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import frontmatter
import yaml
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from ..models import MAX_BODY_LENGTH, Company
from ..tags import parse_tags
from ..validators import validate_apply_url
from .data import BadFile, PostingData
from .front_matter import check_front_matter

MAX_URL_LENGTH = 1000
# The host, logo and website columns are as wide as each other.
MAX_DECORATIVE_URL_LENGTH = Company._meta.get_field("website").max_length
MAX_FEATURED = 2**31 - 1  # a 32-bit integer column on PostgreSQL
# Real postings carry up to a dozen; ten thousand made a 477 KB card list.
MAX_TAGS = 30
REQUIRED_KEYS = ("title", "companyName", "url")
_YAML = frontmatter.YAMLHandler()

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


def parse_posting(text: str) -> PostingData:
    source_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    # NUL is never text: PostgreSQL refuses it where SQLite would keep it. Dropped here when
    # raw in the file, and by text_value() when a value spells it as YAML's "\0" escape.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\x00", "")
    if not re.match(r"---[ \t]*\n", text):
        raise BadFile("no front matter (the file must start with a '---' line)")
    try:
        meta, body = load_front_matter(text)
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
    if len(body) > MAX_BODY_LENGTH:
        raise BadFile(f"body is longer than {MAX_BODY_LENGTH} characters")

    url = text_value(meta, "url")
    check_http_url(url, "url")
    tags = parse_tags(text_value(meta, "hashtags"))
    notes = []
    if len(tags) > MAX_TAGS:
        notes.append(f"{len(tags):,} tags; kept the first {MAX_TAGS}")

    return PostingData(
        url=url,
        title=one_line(text_value(meta, "title"))[:200],
        company_name=clean_company_name(text_value(meta, "companyName")),
        apply_url=clean_apply_url(text_value(meta, "applyUrl"), url),
        location=one_line(text_value(meta, "location"))[:300],
        host=optional_http_url(meta, "host"),
        posted_at=parse_timestamp(meta.get("timestamp")),
        tags=tuple(tags[:MAX_TAGS]),
        job_type=slugify(text_value(meta, "jobType"))[:50],
        logo_url=optional_http_url(meta, "logoUrl"),
        company_website=optional_http_url(meta, "companyWebsite"),
        summary=one_line(text_value(meta, "summary") or text_value(meta, "summaryBackup"))[:500],
        featured=parse_integer(meta.get("featured", 0), "featured", bound=MAX_FEATURED),
        archived=parse_flag(meta.get("archived", False), "archived"),
        body=body,
        source_hash=source_hash,
        notes=tuple(notes),
    )


def load_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) as python-frontmatter reads them, once the YAML is checked."""
    try:
        front, body = _YAML.split(text.strip())
    except ValueError:  # no closing '---' line: no front matter at all
        return {}, text
    check_front_matter(front)
    return _YAML.load(front), body.strip()


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
