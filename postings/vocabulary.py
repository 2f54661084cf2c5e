"""The filters of the posting list, in one table, and the words they make.

Everything that names a filter reads `FILTERS`: the FilterSet's fields, its cleaned values and
canonical URL (postings/filters.py), the list's chips and hidden inputs, and the titles of the
list and its feeds. The order of the table is the order of the canonical URL, and so of the
cache keys: append new filters, do not reorder.

Pure: the display names of chosen slugs come in as data (`filters.display_names()` looks them
up), so that anything holding a list's filters (an email alert, say) can describe them too.
"""

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.text import Truncator

from .classify import CONTRACT_LABELS, LEVEL_LABELS
from .derive import job_type_label

MAX_TITLE_LENGTH = 150


class Kind(enum.Enum):
    SEARCH = "search text"
    ALL_OF = "slugs, all of them"  # repeatable: a posting matches every one
    ANY_OF = "slugs, any of them"  # repeatable: a posting matches one or more
    FLAG = "yes or no"  # only yes filters
    AMOUNT = "amount"  # a whole number: at least this much
    ORDERING = "ordering"  # the order of the results, not which ones

    @property
    def repeatable(self):
        return self in (Kind.ALL_OF, Kind.ANY_OF)


class Case(enum.Enum):
    """How a chosen value's name is written inside a title."""

    NAME = "as stored"  # companies: proper names
    PLACE = "a place"  # as stored, with "the" where English says it: "in the Netherlands"
    WORDS = "capitalised"  # tags, stored in lower case: "golang" is "Golang"
    LOWER = "lower case"  # labels, capitalised for a list of choices: "Senior full-time jobs"


@dataclass(frozen=True)
class Rows:
    """Display names kept in the database: `name` of the `model` rows whose `slug` was chosen."""

    model: str
    slug: str = "slug"
    name: str = "name"
    display: Callable[[str], str] = str
    scope: str = "all"  # the QuerySet method whose rows count: job types of live postings


@dataclass(frozen=True)
class FilterSpec:
    key: str  # the query parameter
    label: str  # the form field's label
    kind: Kind
    method: str = ""  # the PostingFilter method that applies it, or else
    lookup: str = ""  # the posting field that must be one of the values
    names: Mapping[str, str] | Rows | None = None  # where a chosen slug's display name is
    chip: str = ""  # the text of its "remove" chip, "{}" standing for the value's name
    words: str = ""  # what it adds to a title, "{}" standing for the values' names
    word_order: int = 0  # where in a title: before "jobs" when negative, else after it
    # (yes/no flags go last, after a "·": "Golang jobs in Germany · Remote")
    case: Case = Case.NAME
    linked: bool = False  # chosen by links beside the form, which carries it as hidden inputs

    def is_chosen(self, value) -> bool:
        # An amount of 0 is a choice; an empty search, list or a "no" is not.
        return value is not None if self.kind is Kind.AMOUNT else bool(value)


FILTERS = (
    FilterSpec(
        "q", "Search", Kind.SEARCH, method="filter_search",
        chip="Search: {}", words="“{}”", word_order=-5,
    ),
    FilterSpec(
        "tag", "Tags", Kind.ALL_OF, method="filter_tags", names=Rows("Tag"),
        chip="#{}", words="{}", word_order=-2, case=Case.WORDS, linked=True,
    ),
    FilterSpec(
        "location", "Locations", Kind.ANY_OF, method="filter_locations", names=Rows("Place"),
        chip="{}", words="in {}", word_order=2, linked=True, case=Case.PLACE,
    ),
    FilterSpec(
        "type", "Job type", Kind.ANY_OF, method="filter_types",
        names=Rows("Posting", "job_type", "job_type", job_type_label, scope="live"),
        chip="{}", words="{}", word_order=-1, case=Case.LOWER,
    ),
    FilterSpec(
        "level", "Level", Kind.ANY_OF, lookup="level", names=LEVEL_LABELS,
        chip="{}", words="{}", word_order=-4, case=Case.LOWER,
    ),
    FilterSpec(
        "contract", "Contract", Kind.ANY_OF, lookup="contract", names=CONTRACT_LABELS,
        chip="{}", words="{}", word_order=-3, case=Case.LOWER,
    ),
    FilterSpec(
        "company", "Company", Kind.ANY_OF, lookup="company__slug", names=Rows("Company"),
        chip="{}", words="at {}", word_order=1, linked=True,
    ),
    FilterSpec(
        "remote", "Remote only", Kind.FLAG, method="filter_remote",
        chip="Remote", words="Remote",
    ),
    FilterSpec(
        "salary_min", "Minimum salary", Kind.AMOUNT, method="filter_salary_min",
        chip="Salary ≥ {}", words="paying at least {}", word_order=3,
    ),
    FilterSpec("sort", "Sort by", Kind.ORDERING, method="filter_sort"),
)  # fmt: skip


@dataclass(frozen=True)
class Chip:
    """One chosen filter value on the list, as a link that removes it."""

    key: str
    text: str
    value: str | None = None  # the one value its link removes; None: the whole parameter


def describe(selected, names, max_length=MAX_TITLE_LENGTH) -> str:
    """The chosen filters in words, for a title: "Senior Python jobs in Berlin or Munich".

    `selected` is `PostingFilter.selected` (or a mapping of the same shape), `names` the display
    names of chosen slugs by filter (`filters.display_names()`): a slug without one matched
    nothing and is left out. Plain text, "Jobs" when nothing is chosen.
    """
    before, after, flags = [], [], []
    for spec in sorted(FILTERS, key=lambda spec: spec.word_order):
        words = phrase(spec, selected.get(spec.key), names.get(spec.key, {}))
        if not words:
            continue
        if spec.kind is Kind.FLAG:
            flags.append(words)
        else:
            (before if spec.word_order < 0 else after).append(words)
    if flags and not before and not after:
        before, flags = flags, []  # "Remote jobs" rather than "Jobs · Remote"
    title = " ".join([*before, "jobs", *after])
    title = " · ".join([title[:1].upper() + title[1:], *flags])
    return Truncator(title).chars(max_length)


def phrase(spec, value, names) -> str:
    if not spec.words or not spec.is_chosen(value):
        return ""
    if spec.kind is Kind.SEARCH:
        text = unquoted(" ".join(value.split()))
    elif spec.kind is Kind.AMOUNT:
        text = f"{value:,}"
    elif spec.kind.repeatable:
        shown = [written(spec.case, names[slug]) for slug in value if slug in names]
        if not shown:
            return ""
        text = joined(shown, "and" if spec.kind is Kind.ALL_OF else "or")
    else:
        text = ""
    return spec.words.format(text)


def chips(selected, names) -> list[Chip]:
    """The chosen values as "remove" links, in the table's order; nameless slugs have none."""
    shown = []
    for spec in FILTERS:
        value = selected.get(spec.key)
        if not spec.chip or not spec.is_chosen(value):
            continue
        if spec.kind.repeatable:
            known = names.get(spec.key, {})
            shown += [Chip(spec.key, spec.chip.format(known[v]), v) for v in value if v in known]
        elif spec.kind is Kind.AMOUNT:
            shown.append(Chip(spec.key, spec.chip.format(f"{value:,}")))
        else:
            shown.append(Chip(spec.key, spec.chip.format(value)))
    return shown


def linked_values(selected) -> list[tuple[str, str]]:
    """The chosen values that the list's form has no control for, to carry as hidden inputs."""
    return [
        (spec.key, value)
        for spec in FILTERS
        if spec.linked
        for value in sorted(selected.get(spec.key) or [])
    ]


def joined(names, word) -> str:
    """ "Berlin", "Berlin or Munich", "Berlin, Munich or Hamburg"."""
    if len(names) < 3:
        return f" {word} ".join(names)
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def unquoted(text) -> str:
    # A search for the phrase "product manager" is shown in the title's own quotes.
    if len(text) > 2 and text[0] == text[-1] == '"' and text.count('"') == 2:
        return text[1:-1]
    return text


def written(case, name) -> str:
    if case is Case.WORDS:
        return tag_label(name)
    if case is Case.LOWER:
        return name.lower()
    if case is Case.PLACE and (name.startswith(THE_PREFIXES) or name in THE_PLACES):
        return f"the {name}"
    return name


# Places English names with "the": jobs "in the United States", "in the Netherlands".
THE_PREFIXES = (
    "United ",
    "Republic of ",
    "Czech Republic",
    "Dominican Republic",
    "Central African",
)
THE_PLACES = frozenset(
    {
        "Bahamas", "Cayman Islands", "Comoros", "Democratic Republic of the Congo",
        "Falkland Islands", "Faroe Islands", "Gambia", "Maldives", "Marshall Islands",
        "Netherlands", "Philippines", "Seychelles", "Solomon Islands", "Vatican",
    }
)  # fmt: skip


# Abbreviations that tags carry in lower case and titles write in capitals.
ACRONYMS = frozenset("ai api aws cd ci crm css gcp html ml php qa seo sql ui ux".split())
# A run of letters that starts a word, or follows a "/", "-" or "+": not the "js" of "node.js".
_WORD = re.compile(r"(?<![\w.])[^\W\d_]+")


def tag_label(name) -> str:
    """A tag as a title writes it: "golang" is "Golang", "ui/ux" "UI/UX", "c++" "C++".

    Tags are stored in lower case: each word gets a capital, known abbreviations capitals
    throughout, and the rest (".net", "node.js", "3d") stays as written.
    """
    return _WORD.sub(
        lambda m: m[0].upper() if m[0] in ACRONYMS else m[0][:1].upper() + m[0][1:], name
    )
