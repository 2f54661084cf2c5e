"""Rule tables and how they are run: normalized, bounded text, each pattern searched only near
its keywords, the first rule that matches wins."""

import re
import unicodedata
from dataclasses import dataclass

BODY_SCAN_CHARS = 3000
# Titles are short; the cap only bounds the work done on garbage input.
_TITLE_SCAN_CHARS = 500

# Text is NFKC-normalized and lowercased before matching, so patterns are lowercase and every
# dash variant (hyphen, non-breaking hyphen, en and em dash, minus) is folded to "-".
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SOFT_HYPHEN = "\u00ad"  # invisible, inside words: dropped
_SEP = r"[\s-]?"  # "part-time", "part time", "parttime"


@dataclass(frozen=True, slots=True)
class _Rule:
    value: str
    pattern: re.Pattern[str]
    # Literal words that every match of the pattern contains. When given, the pattern is only
    # run near their occurrences: a plain substring search is ~100 times faster than letting
    # the regex engine try its alternatives at every position of a 3,000-character body.
    keywords: tuple[str, ...] = ()

    def matches(self, text: str) -> bool:
        if not self.keywords:
            return self.pattern.search(text) is not None
        return any(self.pattern.search(text, start, end) for start, end in _windows(text, self))


# How far a phrase can extend before and after its keyword ("we are currently looking for a
# highly motivated, paid summer intern"), with room to spare.
_REACH_BEFORE = 100
_REACH_AFTER = 60


def _windows(text: str, rule: _Rule):
    """Merged (start, end) spans around every occurrence of the rule's keywords."""
    hits = []
    for keyword in rule.keywords:
        index = text.find(keyword)
        while index != -1:
            hits.append(index)
            index = text.find(keyword, index + 1)
    hits.sort()
    start = end = -1
    for index in hits:
        if index - _REACH_BEFORE > end:
            if end != -1:
                yield start, _word_end(text, end)
            start = max(0, index - _REACH_BEFORE)
        end = index + _REACH_AFTER
    if end != -1:
        yield start, _word_end(text, end)


def _word_end(text: str, index: int) -> int:
    # A span must not end inside a word: the regex would see a word boundary there and
    # "contract positions" would pass for "contract position". (Spans start correctly on
    # their own: search(text, pos) looks at the character before pos for \b.)
    while index < len(text) and not text[index].isspace():
        index += 1
    return index


def _compile(*rules: tuple) -> tuple[_Rule, ...]:
    """Rules as (value, pattern) or, for body rules, (value, pattern, "keyword keyword ...")."""
    return tuple(
        _Rule(value, re.compile(pattern), tuple(keywords[0].split()) if keywords else ())
        for value, pattern, *keywords in rules
    )


def _words(text: str) -> str:
    """A whitespace-separated word list as a regex alternation."""
    return "(?:" + "|".join(text.split()) + ")"


def _first_match(rules: tuple[_Rule, ...], text: str) -> str | None:
    if not text:
        return None
    for rule in rules:
        if rule.matches(text):
            return rule.value
    return None


def _prepare(value: object, limit: int) -> str:
    """Coerce anything to a bounded, normalized, lowercased string; never raises."""
    try:
        if value is None:
            return ""
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        elif isinstance(value, (list, tuple)):
            # schema.org allows employmentType to be a list.
            value = " ".join(str(item) for item in value)
        elif not isinstance(value, str):
            value = str(value)
        text = value[:limit]
        if not text.isascii():
            # Slice again: NFKC can expand one character into several.
            text = unicodedata.normalize("NFKC", text).replace(_SOFT_HYPHEN, "")
            text = _DASHES.sub("-", text)[:limit]
        return text.lower()
    except Exception:
        return ""
