"""The rule tables: what in a title or a body says a level or a contract, in order."""

import re

from .matching import _SEP, _compile, _words
from .values import Contract, Level

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
