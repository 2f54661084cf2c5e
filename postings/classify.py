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

import re
import unicodedata
from dataclasses import dataclass


class Level:
    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    EXECUTIVE = "executive"


LEVEL_LABELS: dict[str, str] = {
    Level.INTERN: "Intern",
    Level.JUNIOR: "Junior",
    Level.MID: "Mid-level",
    Level.SENIOR: "Senior",
    Level.LEAD: "Lead / Principal",
    Level.EXECUTIVE: "Executive",
}


class Contract:
    FULL_TIME = "full-time"
    PART_TIME = "part-time"
    CONTRACT = "contract"
    INTERNSHIP = "internship"


CONTRACT_LABELS: dict[str, str] = {
    Contract.FULL_TIME: "Full-time",
    Contract.PART_TIME: "Part-time",
    Contract.CONTRACT: "Contract / Freelance",
    Contract.INTERNSHIP: "Internship",
}

SCHEMA_EMPLOYMENT_TYPES: dict[str, str] = {
    Contract.FULL_TIME: "FULL_TIME",
    Contract.PART_TIME: "PART_TIME",
    Contract.CONTRACT: "CONTRACTOR",
    Contract.INTERNSHIP: "INTERN",
}

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


# --- Shared fragments --------------------------------------------------------------------------

# "Internship Coordinator" organises interns; it is not an internship.
_INTERN = (
    r"\bintern(?:s|ship|ships)?\b(?!\s+(?:programs?\s+)?(?:coordinator|manager|recruiter|lead)\b)"
    # German compounds ("Pflichtpraktikum", "Werkstudentin") hide the word inside another.
    r"|praktik(?:ant|antin|um|a)\b|werkstudent|\bworking\s+students?\b"
)
_PART_TIME_HOURS = (
    # Fewer than 30 hours a week: "20 hours/week", "10-20 hrs per week", "20 Std./Woche".
    r"(?<!\d)(?:[1-9]|[12]\d)(?:\s*-\s*(?:[1-9]|[12]\d))?\s*"
    r"(?:h|hrs?|hours?|std\.?|stunden)\s*(?:/|per|a|each|pro|die)\s*(?:w|wk|week|woche)\b"
)

# "This is a ...", "This role is ...", "The position will be ..." introduces a statement
# about the posting itself; the filler allows a few adjectives and durations in between.
_THIS_IS = (
    r"\b(?:this|the)\s+(?:(?:role|position|job|opening|opportunity|vacancy)\s+)?"
    r"(?:is|will\s+be)\s+(?:an?\s+)?"
)
_WE_HIRE = (
    r"\b(?:we\s+are|we['’]re|we\s+re)\s+(?:currently\s+)?(?:looking\s+for|hiring|seeking)\s+an?\s+"
)
_FILLER = (
    r"(?:(?:very|highly|truly|exciting|great|unique|rare|talented|motivated|passionate|driven|"
    r"skilled|remote|hybrid|on-?site|paid|unpaid|summer|winter|spring|autumn|fall|new|"
    r"full-?\s?time|part-?\s?time|permanent|"
    r"(?:\d+|one|two|three|four|five|six|nine|twelve)\s?-?\s?(?:weeks?|months?|years?)(?:-long)?)"
    r"[\s,]+){0,3}"
)
_STATED = rf"(?:{_THIS_IS}|{_WE_HIRE}){_FILLER}"
# "Join us as a senior engineer", but not "feedback from peers such as a senior engineer".
_AS_A = r"(?<!such )\bas\s+an?\s+"
_POSITION = r"(?:position|role|job|opportunity|opening|assignment|engagement|employment)"


# --- Level -------------------------------------------------------------------------------------

# "Assistant to the CEO" or "reporting to the CTO" names someone else's rank: keep only the
# words before "to".
_SUBORDINATE = re.compile(
    r"\b(?:assistant|secretary|reporting|reports?)\s+(?:directly\s+)?(?:to|for)\b.*", re.DOTALL
)

_ROLE_NOUN = _words(
    "engineer developer analyst scientist designer specialist consultant accountant technician"
    " administrator representative programmer researcher associate"
)

_TITLE_LEVEL_RULES = _compile(
    (Level.INTERN, _INTERN),
    (
        Level.EXECUTIVE,
        r"\bchief\b|\bvice\s+president\b|\bpresident\b|\b[saev]?vp\b|\bhead\s+of\b|\bdirector\b"
        r"|\b(?:co-?\s?)?founder\b(?!['’]s\b)"
        r"|\bc(?:eo|to|fo|oo|mo|io|iso|po|ro|do|hro|co)\b|geschäftsführer|\bc-(?:level|suite)\b",
    ),
    (
        Level.LEAD,
        r"\blead\b(?!\s*-?\s*gen(?:eration)?\b)|\bprincipal\b|\bengineering\s+manager\b"
        r"|\bstaff\s+(?:[\w/+.#-]+\s+){0,3}?"
        + _words("engineer developer scientist designer architect researcher analyst swe sre")
        + r"\b"
        r"|\b(?:software|solutions?|enterprise|cloud|data|security|systems?|technical|platform"
        r"|infrastructure|it|application|integration|network)\s+architect\b"
        r"|leiter(?:in)?\b|leitung\b",
    ),
    (
        Level.SENIOR,
        r"\b(?:senior|sr|snr)\b(?!\s+(?:care|living|citizens?|home|services)\b)|\bexperienced\b",
    ),
    (Level.MID, rf"\bmid{_SEP}(?:level|weight)\b|\bintermediate\b"),
    (
        Level.JUNIOR,
        rf"\bjunior\b|\bjr\b|\bentry{_SEP}level\b|\b(?:new\s+)?grad(?:uate)?\b|\btrainee\b"
        r"|\bapprentice(?:ship)?\b|\bassociate\b(?!\s+(?:professor|partner|dean)\b)"
        r"|\bazubi\b|auszubildende|\bausbildung\b",
    ),
    # Ladder numerals only mean something right after a role noun ("Software Engineer II").
    (Level.LEAD, rf"\b{_ROLE_NOUN},?\s+(?:iv|v|4|5)\b"),
    (Level.SENIOR, rf"\b{_ROLE_NOUN},?\s+(?:iii|3)\b"),
    (Level.MID, rf"\b{_ROLE_NOUN},?\s+(?:ii|2)\b"),
    (Level.JUNIOR, rf"\b{_ROLE_NOUN},?\s+(?:i|1)\b"),
    (Level.LEAD, r"\bmanager\b|\bmanagerin\b"),
)

_BODY_LEVEL_RULES = _compile(
    (
        Level.INTERN,
        rf"{_STATED}(?:internship|intern|working\s+student)\b(?!\s+programs?\b)"
        rf"|\binternship\s+(?:position|role|opportunity|placement)\b"
        rf"|{_AS_A}(?:intern|working\s+student)\b",
        "intern student",
    ),
    (
        Level.EXECUTIVE,
        rf"{_THIS_IS}{_FILLER}(?:executive|c-level|c-suite)(?:-level)?\s+{_POSITION}\b",
        "executive c-level c-suite",
    ),
    (
        Level.LEAD,
        rf"{_THIS_IS}{_FILLER}(?:lead|principal|staff|leadership)(?:-level)?\s+{_POSITION}\b",
        "lead principal staff",
    ),
    (
        Level.SENIOR,
        rf"{_STATED}senior\b(?!\s+(?:care|living|citizens?)\b)|{_AS_A}senior\b"
        rf"|\bsenior-level\s+{_POSITION}\b",
        "senior",
    ),
    (
        Level.JUNIOR,
        rf"{_STATED}(?:junior|entry{_SEP}level|graduate|trainee)\b"
        rf"|\bentry{_SEP}level\s+{_POSITION}\b|{_AS_A}(?:junior|entry{_SEP}level)\b"
        r"|\bno\s+(?:prior\s+|previous\s+)?experience\s+(?:is\s+)?(?:required|necessary|needed)\b",
        "junior entry graduate trainee experience",
    ),
)


# --- Contract ----------------------------------------------------------------------------------

# Words that make "contract" the subject of the job rather than its terms.
_CONTRACT_SUBJECT = _words(
    "manager management administrator administration admin specialist analyst negotiator"
    " negotiations counsel attorney lawyer paralegal coordinator officer director associate law"
    " legal compliance review reviewer manufacturing lifecycle"
)

_TITLE_CONTRACT_RULES = _compile(
    (Contract.INTERNSHIP, _INTERN),
    (Contract.PART_TIME, rf"\bpart{_SEP}time\b|teilzeit|\(pt\)|{_PART_TIME_HOURS}"),
    (
        Contract.CONTRACT,
        rf"\bcontract\b(?![\s/]+{_CONTRACT_SUBJECT}\b)|\bcontractors?\b"
        r"|\bfreelanc(?:e|er|ers|ing)\b|freiberuf|\btemporary\b|\btemp\b|\bseasonal\b"
        rf"|\bfixed{_SEP}term\b|befristet|\b1099\b|\bc2c\b|\bcorp{_SEP}to{_SEP}corp\b"
        r"|\bb2b\s*\(?contract\b",
    ),
    (Contract.FULL_TIME, rf"\bfull{_SEP}time\b|\(ft\)|vollzeit|\bpermanent\b|unbefristet"),
)

_BODY_CONTRACT_RULES = _compile(
    (
        Contract.INTERNSHIP,
        rf"{_STATED}(?:internship|intern|working\s+student)\b(?!\s+programs?\b)"
        r"|\binternship\s+(?:position|role|opportunity|placement)\b",
        "intern student",
    ),
    (
        Contract.FULL_TIME,
        rf"\bfull{_SEP}time(?:\s*(?:,|and|/|&)?\s*permanent)?\s+{_POSITION}\b"
        rf"|\bpermanent(?:\s*(?:,|and|/|&)?\s*full{_SEP}time)?\s+(?:{_POSITION}|contract)\b"
        # "This role is full-time" unless what follows makes it a full-time contract.
        rf"|{_THIS_IS}full{_SEP}time\b(?![\s,]+(?:\d+\s?-?\s?(?:weeks?|months?)\s+)?"
        r"(?:contract|temporary|fixed|freelance|internship))"
        r"|unbefristet|\bin\s+vollzeit\b",
        "full perman unbefrist vollzeit",
    ),
    (
        Contract.PART_TIME,
        rf"{_STATED}part{_SEP}time\b|\bpart{_SEP}time\s+(?:{_POSITION}|basis|contract)\b"
        r"|teilzeitstelle|\bin\s+teilzeit\b",
        "part teilzeit",
    ),
    (
        Contract.CONTRACT,
        rf"{_STATED}(?:contract(?:or)?|freelance|temporary|temp|fixed{_SEP}term)\b"
        rf"|\bcontract(?:or)?\s+{_POSITION}\b|\bcontract{_SEP}to{_SEP}hire\b"
        rf"|\b(?:freelance|contract|contractor|temporary|fixed{_SEP}term|consulting|1099|c2c"
        rf"|corp{_SEP}to{_SEP}corp|b2b)\s+basis\b"
        rf"|\bfreelance\s+(?:{_POSITION}|project)\b|\bfixed{_SEP}term\s+contract\b"
        r"|\b\d+\s?\+?\s?-?\s?(?:months?|mo)\s+contract\b|\bindependent\s+contractor\b"
        # "W2 only" asks for employees, so W2 counts only next to "contract".
        rf"|\b(?:1099|c2c)\s+(?:contract|contractor|only|{_POSITION})\b|\bw2\s+contract\b"
        rf"|\bcorp{_SEP}to{_SEP}corp\b|\bb2b\s+contract\b",
        "contract freelanc temp fixed basis 1099 c2c corp",
    ),
)


# --- Public API --------------------------------------------------------------------------------


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
