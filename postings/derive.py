"""Everything a posting derives from its own text, computed when it is written: pure functions,
so that the importer can run them in its worker processes (postings/importers/workers.py)."""

import hashlib
from dataclasses import dataclass

from django.utils.text import slugify

from .classify import (
    classify_contract,
    classify_level,
)
from .markdown import render_markdown

SLUG_LENGTH = 80


@dataclass(frozen=True)
class Derived:
    body_html: str
    level: str
    contract: str


def derive_fields(title, body, job_type) -> Derived:
    """What a posting derives from its text but its places (Posting.derive() reads those):
    pure, so it can run in another process."""
    return Derived(
        body_html=render_markdown(body),
        level=classify_level(title, body),
        contract=classify_contract(title, body, job_type),
    )


def job_type_label(slug):
    return slug.replace("-", " ").capitalize()


def slug_candidates(title, company_name, url):
    base = slugify(f"{title} {company_name}")[:SLUG_LENGTH].strip("-") or "job"
    digest = hashlib.sha1(url.encode()).hexdigest()
    return [f"{base}-{digest[:6]}", f"{base}-{digest[:12]}", f"{base}-{digest}"]
