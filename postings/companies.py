"""One company per employer, however its name is spelled: pure functions, table-tested.

`company_key` is what two spellings of one employer have in common ("time-doctor", "Time
Doctor"; "DockYard, Inc" and "DockYard, Inc."); `better_name` picks the spelling to show.
"""

import re
import unicodedata

KEY_LENGTH = 200  # Company.key and CompanyAlias.key

# Legal forms, written without their dots and spaces ("L.L.C." is "llc", "Sp. z o.o." is
# "spzoo"), folded off the end of a name. Words such as Group, Labs or Studio are not legal
# forms: they are part of the name ("Acme" and "Acme Labs" are two employers).
LEGAL_SUFFIXES = frozenset(
    """inc incorporated llc ltd limited gmbh ag corp corporation co plc sa sas sl srl bv nv
    oy ab as aps ptyltd kg ug llp lp spzoo""".split()
)
_LONGEST_SUFFIX = 4  # words: "Sp. z o.o." is sp, z, o, o

_WORD = re.compile(r"[^\W_]+")  # letters and digits; everything else separates words


def company_key(name: str) -> str:
    """The name with case, accents, punctuation, spacing and trailing legal forms folded.

    A name that is nothing but a legal form ("Inc") or has no letters or digits keeps a key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = _WORD.findall(plain.casefold())
    if not words:
        return " ".join(name.casefold().split())[:KEY_LENGTH]
    while len(words) > 1:
        for size in range(min(_LONGEST_SUFFIX, len(words) - 1), 0, -1):
            if "".join(words[-size:]) in LEGAL_SUFFIXES:
                del words[-size:]
                break
        else:
            break
    return "".join(words)[:KEY_LENGTH]


def better_name(current: str, candidate: str) -> str:
    """The better of two spellings of one company: the one written as a name, not a slug.

    More capitals first ("Time Doctor" over "time doctor"), then more spaces ("time doctor"
    over "time-doctor"), then more punctuation as written ("DockYard, Inc." over "DockYard,
    Inc"), then the longer; on a tie, the current one, so that re-reading a name changes nothing.
    """
    return candidate if _spelling_rank(candidate) > _spelling_rank(current) else current


def _spelling_rank(name):
    capitals = sum(char.isupper() for char in name)
    spaces = sum(char.isspace() for char in name)
    punctuation = sum(unicodedata.category(char).startswith("P") for char in name)
    return capitals, spaces, punctuation, len(name)
