"""Seniority level and contract type of a posting, derived from its title and body.

Pure functions, no Django: the importer classifies ~100,000 postings per run, so every pattern
is compiled once and at most the first ``BODY_SCAN_CHARS`` characters of a body are searched.

Both classifiers walk an ordered rule table; the first rule that matches wins. The title is
searched first because it is the employer's own summary; the body is only consulted when the
title says nothing, and then only for explicit phrases ("this is a contract position"),
never for casual mentions ("you will work with senior engineers", "review vendor contracts").

Judgement calls (each pinned by a test):

* "Head of X", "Director", "VP", "Chief ...", C-level, founders and presidents are executive.
  "Account Executive" and "Executive Assistant" are not: the word "executive" is no signal,
  and "Assistant to the CEO" / "reporting to the CTO" are cut before matching.
* Lead: "Lead", "Principal", "Tech/Team Lead", "Engineering Manager", Staff engineers,
  software/solutions/enterprise/cloud... architects. A bare "Architect" designs buildings and
  is mid. "Staff Accountant" and "Staff Nurse" are ordinary roles, so "Staff" only counts
  before an engineering-style noun. "Lead Generation" is sales jargon, not a rank.
* Any other "Manager" is lead too, but ranks below explicit qualifiers: "Associate Product
  Manager" is junior and "Senior Contract Manager" is senior.
* Ladder numerals after a role noun: I junior, II mid, III senior, IV and V lead.
* "Associate" is junior ("Associate Product Manager", "Warehouse Associate"), except
  "Associate Professor/Partner/Dean"; "Senior Associate" is senior.
* "Senior Care/Living" is about the elderly, not seniority. "Mid-Senior" reads as senior.
* Contract: singular "Contract" is an employment type unless it names the subject of the job
  ("Contract Manager", "Contract Specialist", "Contract Law"); plural "Contracts" never is.
  "B2B" alone is a sales segment; only "B2B contract" counts. "Seasonal" and "Temp" count.
* In a body, an explicit full-time/permanent statement beats a contract phrase, but
  "full-time contract" and "full-time, 6-month contract" are contracts.
* Werkstudent / Working Student is classified as an internship, as the brief asks, though it
  is legally a part-time student job in Germany.
"""

from .matching import _TITLE_SCAN_CHARS, BODY_SCAN_CHARS, _first_match, _prepare
from .rules import (
    _BODY_CONTRACT_RULES,
    _BODY_LEVEL_RULES,
    _SUBORDINATE,
    _TITLE_CONTRACT_RULES,
    _TITLE_LEVEL_RULES,
)
from .values import CONTRACT_LABELS, LEVEL_LABELS, SCHEMA_EMPLOYMENT_TYPES, Contract, Level

__all__ = [
    "BODY_SCAN_CHARS",
    "CONTRACT_LABELS",
    "LEVEL_LABELS",
    "SCHEMA_EMPLOYMENT_TYPES",
    "Contract",
    "Level",
    "classify_contract",
    "classify_level",
]


def classify_level(title: str, body: str = "") -> str:
    """Return a ``Level`` value; ``Level.MID`` when neither title nor body says otherwise."""
    return (
        _first_match(_TITLE_LEVEL_RULES, _SUBORDINATE.sub("", _prepare(title, _TITLE_SCAN_CHARS)))
        or _first_match(_BODY_LEVEL_RULES, _prepare(body, BODY_SCAN_CHARS))
        or Level.MID
    )


def classify_contract(title: str, body: str = "", job_type: str = "") -> str:
    """Return a ``Contract`` value from the title, then the body, then the feed's job type."""
    return (
        _first_match(_TITLE_CONTRACT_RULES, _prepare(title, _TITLE_SCAN_CHARS))
        or _first_match(_BODY_CONTRACT_RULES, _prepare(body, BODY_SCAN_CHARS))
        # Feeds send labels like "FULL_TIME" or "CONTRACTOR": the title rules read them.
        or _first_match(
            _TITLE_CONTRACT_RULES, _prepare(job_type, _TITLE_SCAN_CHARS).replace("_", " ")
        )
        or Contract.FULL_TIME
    )
