"""Text as both engines index it (words of letters and digits, case and accents folded), and
the snippet that shows where a posting matched."""

import html
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 500
MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]*>")


# Unicode's blocks of combining marks (accents and the like), removed after decomposition.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Zürich" and "zurich" are one word."""
    folded = text.casefold()
    if folded.isascii():  # most postings: nothing to decompose
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text or ""))


def index_text(text: str) -> str:
    return " ".join(words(text))


def html_to_text(body_html: str) -> str:
    # body_html is sanitized and well-formed, so a regex is enough (and much faster than a parser).
    return html.unescape(_TAG.sub(" ", body_html or ""))


def snippet(body_html: str, query, width: int = 220) -> str:
    """A short extract of the body around the first match, matches in <mark>, HTML-safe."""
    text = re.sub(r"\s+", " ", html_to_text(body_html)).strip()
    if not query.terms or not text:
        return ""
    prefix_words = {t.words[-1] for g in query.required for t in g if t.prefix}

    def is_hit(word):
        folded = fold(word)
        return folded in query.terms or any(folded.startswith(p) for p in prefix_words)

    hits = [m for m in _WORD.finditer(text) if is_hit(m.group())]
    if not hits:
        return ""
    start = max(0, hits[0].start() - width // 3)
    end = min(len(text), start + width)
    parts, cursor = [], start
    for hit in hits:
        if hit.start() < start or hit.end() > end:
            continue
        parts += [escape(text[cursor : hit.start()]), f"<mark>{escape(hit.group())}</mark>"]
        cursor = hit.end()
    parts.append(escape(text[cursor:end]))
    return mark_safe(("…" if start else "") + "".join(parts) + ("…" if end < len(text) else ""))
