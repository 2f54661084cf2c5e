"""Problems, the report that collects them, and the checks' shared vocabulary and helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import pycountry

ERROR = "error"
WARNING = "warning"

# Google (employmentType): "Choose one or more of the following case-sensitive values".
EMPLOYMENT_TYPES = frozenset(
    "FULL_TIME PART_TIME CONTRACTOR TEMPORARY INTERN VOLUNTEER PER_DIEM OTHER".split()
)
# Google (baseSalary): "For the unitText of the base salary, use one of the following
# case-sensitive values: HOUR, DAY, WEEK, MONTH, YEAR".
SALARY_UNITS = frozenset("HOUR DAY WEEK MONTH YEAR".split())

# Names that are real places but neither countries nor subdivisions. Continents, and the
# European Union: schema.org's own answer to "how would you restrain to only Europe"
# (schemaorg/schemaorg#2083) is an AdministrativeArea named "European Union".
CONTINENTS = frozenset(
    name.casefold()
    for name in (
        "Africa",
        "Antarctica",
        "Asia",
        "Europe",
        "North America",
        "South America",
        "Oceania",
        "Australia",
        "European Union",
    )
)

_SCHEMA_CONTEXT = re.compile(r"^https?://schema\.org/?$")
_TAG = re.compile(r"<[^>]+>")
_HTML_BREAK = re.compile(r"<\s*(p|br|ul|li)\b", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_REMOTE_WORDS = re.compile(
    r"remote|telecommut|work(ing)? from home|home[- ]based|work from anywhere", re.IGNORECASE
)
# Title guideline patterns (see _check_title).
_TITLE_SPECIAL = re.compile(r"[!*]")
_TITLE_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_TITLE_SALARY = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?(k|K)\b|\b\d[\d,.]*\s?(USD|EUR|GBP)\b|\bper (hour|year|annum|month)\b"
    r"|/\s?(hr|hour|yr|year)\b",
    re.IGNORECASE,
)
_TITLE_CODE = re.compile(
    r"#\s?\d+|\b(req|job|ref|id|requisition)\s?(no\.?|number)?\s?[-#:]?\s?\d{3,}\b"
    r"|\b[A-Z]{1,4}-\d{3,}\b|\(\s?[A-Z]*\d{4,}\s?\)",
    re.IGNORECASE,
)
_TITLE_ADDRESS = re.compile(
    r"\b\d+\s+\w+(?:\s\w+)?\s(?:street|st|avenue|ave|road|rd|boulevard|blvd|parkway|pkwy|lane|ln)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Problem:
    severity: str  # "error" or "warning"
    path: str
    message: str


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(ERROR, path, message))

    def warning(self, path: str, message: str) -> None:
        self.problems.append(Problem(WARNING, path, message))

    def add(self, severity: str, path: str, message: str) -> None:
        self.problems.append(Problem(severity, path, message))


# -- helpers ---------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    raw = node.get("@type")
    return {t for t in _as_list(raw) if isinstance(t, str)}


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _parse_iso8601(value: Any) -> datetime | None:
    """A date or date-time in ISO 8601 form, as a datetime (naive ones are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            parsed = datetime.combine(date.fromisoformat(text), datetime.min.time())
        else:
            parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _plain_text(html: str) -> str:
    return " ".join(_TAG.sub(" ", html).split())


@cache
def _subdivision_names() -> frozenset[str]:
    names: set[str] = set()
    for sub in pycountry.subdivisions:
        names.add(sub.name.casefold())
        names.add(sub.code.casefold())
    return frozenset(names)


def _country(value: Any) -> Any | None:
    """The pycountry country a name or ISO code (alpha-2, alpha-3) stands for, or None."""
    if not _nonempty_str(value):
        return None
    try:
        return pycountry.countries.lookup(value.strip())
    except LookupError:
        return None


def _is_subdivision(name: str) -> bool:
    """A state, province or other ISO 3166-2 subdivision: "Michigan", "US-MI", or
    "Michigan, USA" (a subdivision qualified by a country pycountry knows)."""
    text = name.strip()
    if text.casefold() in _subdivision_names():
        return True
    head, sep, tail = text.partition(",")
    return bool(sep) and head.strip().casefold() in _subdivision_names() and bool(_country(tail))


def _is_real_area(name: str) -> bool:
    return bool(_country(name)) or _is_subdivision(name) or name.strip().casefold() in CONTINENTS
