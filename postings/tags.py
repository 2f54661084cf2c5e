"""Tag names and slugs: one normalizer shared by the importer and the admin.

Real files carry " #socialmedia", "##marketing", "customersupport", "#English" next to
"#english", and "#ui/ux"; all of those must land on one tidy tag each.
"""

import re

from django.utils.text import slugify

MAX_TAG_LENGTH = 50
# Of the 100 characters the slug column holds: taggit appends "_1", "_2"... on a clash.
MAX_SLUG_LENGTH = 90

# Characters that carry meaning in tech tags and that slugify() would otherwise drop, so that
# "c++", "c#" and "c" (or ".net" and "net") do not collide.
_SLUG_SPELLINGS = [
    ("++", "-plus-plus"),
    ("+", "-plus"),
    ("#", "-sharp"),
    ("/", "-"),
    (".", "-dot-"),
]


def normalize_tag(raw) -> str:
    """Return the canonical tag name ("" when nothing is left)."""
    # Hashes and spaces in any mix ("# #a"): a name normalized twice must not change again,
    # or Tag.save() would store another name than the importer looked up.
    name = re.sub(r"\s+", " ", str(raw)).lstrip("# ").strip().lower()
    return name[:MAX_TAG_LENGTH].strip()


def normalize_tags(raw_names) -> list[str]:
    """Normalize, drop empties and repeats, keep the order of first appearance."""
    seen = dict.fromkeys(normalize_tag(name) for name in raw_names)
    seen.pop("", None)
    return list(seen)


def parse_tags(text: str) -> list[str]:
    """Split a comma-separated hashtag string ("#golang, #ui/ux") into normalized names.

    Also taggit's TAGGIT_TAGS_FROM_STRING, so the admin's tag field obeys the same rules.
    """
    return normalize_tags((text or "").split(","))


def tag_slug(name: str) -> str:
    spelled = name
    for symbol, word in _SLUG_SPELLINGS:
        spelled = spelled.replace(symbol, word)
    slug = slugify(spelled.strip("-")) or slugify(name, allow_unicode=True)
    # Fifty "+" spell out to 250 characters, more than PostgreSQL lets the column hold.
    return slug[:MAX_SLUG_LENGTH].rstrip("-_") or "tag"
