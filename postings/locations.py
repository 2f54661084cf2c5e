"""Turn a posting's free-text location ("Remote or San Francisco", "Toronto, ON, Canada")
into a remote flag, where the job is, and where remote applicants may live, as places of the
gazetteer (postings/gazetteer.py).

Pure functions with no Django models, so the rules can be table-tested on their own. The input
is whatever a job board typed, so nothing in here may raise, and nothing in here invents a
place: text that names no place the gazetteer knows is kept for display and makes no place.
"""

import re
import unicodedata
from dataclasses import dataclass

from .gazetteer import CITY, REGION, GeoPlace, gazetteer

MAX_PLACES = 10  # where the job is
MAX_REGIONS = 40  # where applicants may live: "EMEA" alone is 18 continents and countries


@dataclass(frozen=True)
class Location:
    remote: bool
    onsite: tuple[str, ...] = ()  # gazetteer keys: the cities (or regions, countries) of the job
    regions: tuple[str, ...] = ()  # of a remote job: where applicants may live; () is anywhere

    @property
    def anywhere(self) -> bool:
        return self.remote and not self.regions


_REMOTE = re.compile(
    r"\b(?:100 ?% ?|fully |full )?remote(?:ly)?"
    r"(?:[ -]?(?:ok|first|friendly|only|jobs?|work|position|possible|allowed|available))?\b"
    r"|\b(?:work(?:ing)? from (?:home|anywhere)|wfh|anywhere(?: in the world)?|worldwide"
    r"|global(?:ly)?|telecommut\w*|distributed|virtual|home[- ]?office|home[- ]based)\b",
    re.IGNORECASE,
)
# Remote some of the time is not a remote job: "Hybrid remote in Seattle, WA" (Indeed).
_PART_REMOTE = re.compile(
    r"\b(?:hybrid|partially|partly|temporarily|temporary)[ -]remote(?:ly)?\b", re.IGNORECASE
)
# Words that say something about the job, not where it is.
_NOISE = re.compile(
    r"\b(?:engineering|multiple|various|several|countries|cities|locations?|flexible|tbd|tba"
    r"|hybrid|offices?|hq|headquarters|on[- ]?site|in-?office|nationwide|full[- ]time|part[- ]time"
    r"|other|n/a|only|based|time ?zones?|(?:east|west) coast"
    r"|(?:pacific|eastern|central|mountain|atlantic) (?:standard )?time"
    r"|utc|gmt|bst|cet|cest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt)\b",
    re.IGNORECASE,
)
# A wish is not a limit: "European timezone preferred", "a significant overlap with European
# timezones" say nothing about where the job is or who may apply.
_WISH = re.compile(r"\b(?:preferred|preferably|ideally|overlap|nice to have|a plus)\b", re.I)
# "Remote (US, excluding CA and NY)": what follows names where the job is not.
_EXCEPT = re.compile(r"\b(?:except|excluding|excl|not in|other than|outside(?: of)?)\b", re.I)
# "EU timezones" are Europe's, not the European Union's.
_EUROPEAN_TIME = re.compile(
    r"\b(?:EU|European?)(?= ?(?:time ?zones?|hours|business hours)\b)", re.I
)
# "and", "or" inside a run are read by _expand, so that "Bosnia and Herzegovina" stays one.
_SEPARATORS = re.compile(r"[|/;:()\[\]{}•·]| [-–—]+ ?|(?<![-–—])[-–—]+ ")
_CONJUNCTION = re.compile(r" (?:or|and|&|oder|und) | ?& ?", re.IGNORECASE)
# "Remote in the US", "Remote from Europe": the connector is left behind once "Remote" is gone;
# "FL OR Remote" leaves "FL OR".
_LEADING_CONNECTORS = frozenset({"or", "and", "in", "within", "from", "across", "but"})
_TRAILING_CONNECTORS = frozenset({"or", "and", "oder", "und"})
_LONE_CONNECTORS = _LEADING_CONNECTORS | _TRAILING_CONNECTORS | {"the"}
# How LinkedIn and others name a city's surroundings: "Greater Seattle Area", "Taipei City",
# "Dallas-Fort Worth Metroplex", "Hong Kong SAR". Taken off only when the whole names nothing.
_SURROUNDINGS = frozenset({"metropolitan", "metro", "area", "metroplex", "region", "city", "sar"})
# A run is a few names ("Toronto, ON, Canada"); a longer one is junk, and costs quadratic time.
MAX_RUN = 30
# Postcodes: any word with a digit in it ("EC2A 4NE", "94103", "00-001") and the Dutch
# "1017 AB", whose letters would otherwise read as a code.
_POSTCODE = re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b|\b[^\W\d]*\d\w*")
# Removed before splitting, or "https://example.com/jobs" would split on ":" and "/" into places.
_URL = re.compile(r"\b(?:https?://|www\.)\S*", re.IGNORECASE)
# "RemoteMunich" comes from boards that concatenate fields without a space.
_GLUED_REMOTE = re.compile(r"(?<=[Rr]emote)(?=[A-ZÀ-ÖØ-Þ])")


def parse_location(text, places=None) -> Location:
    """Read the remote flag and the places from a location string."""
    if text is None:
        return Location(False)
    if not isinstance(text, str):
        # Front matter is YAML, so a location can arrive as a number or a list.
        text = str(text)
    places = places or gazetteer()
    text = _POSTCODE.sub(" ", _GLUED_REMOTE.sub(" ", _URL.sub(",", text)))
    # Newlines separate places; collapsing other whitespace keeps every regex below linear.
    text = re.sub(r"\s+", " ", re.sub(r"[\r\n]+", "|", text))
    text = _EUROPEAN_TIME.sub("Europe", _PART_REMOTE.sub(",", text))
    # Replaced by a separator, not deleted, so "Toronto, Remote, Canada" does not read as one
    # place qualified by Canada.
    text, remote_hits = _REMOTE.subn("|", text)
    # Replaced by a comma so "London Office, UK" still reads as London qualified by UK.
    text = _NOISE.sub(",", text)

    found: dict[str, GeoPlace] = {}
    grouped: set[str] = set()  # keys that came from a word like "EMEA" rather than a name
    for segment in _SEPARATORS.split(text):
        if _WISH.search(segment):
            continue
        if exception := _EXCEPT.search(segment):
            segment = segment[: exception.start()]
        tokens = [name for name in map(_clean, segment.split(",")) if name]
        for place, from_group in _resolve(_expand(tokens, places)[:MAX_RUN], places):
            found.setdefault(place.key, place)
            if from_group:
                grouped.add(place.key)
    remote = remote_hits > 0
    if not remote:
        return Location(False, _capped(found, grouped, MAX_PLACES))
    # An office named beside "Remote" is where the job also is; a country or a region is
    # where its remote applicants may live.
    onsite = tuple(key for key, place in found.items() if place.kind == CITY)
    regions = tuple(key for key, place in found.items() if place.kind != CITY)
    return Location(True, onsite[:MAX_PLACES], regions[:MAX_REGIONS])


def _capped(found, grouped, limit):
    """At most `limit` named places; a group ("EMEA") counts as one and is kept whole."""
    named = [key for key in found if key not in grouped][:limit]
    return tuple(key for key in found if key in grouped or key in named)[:MAX_REGIONS]


def _expand(tokens, places) -> list[str]:
    """The tokens of a run, each one a name: "New York or London" is two, "Dallas-Fort Worth"
    two, "Bosnia and Herzegovina" one."""
    expanded = []
    for token in tokens:
        if _names_place(token, places):
            expanded.append(token)
            continue
        for part in _CONJUNCTION.split(token):
            part = _clean(part)
            if not part or _names_place(part, places):
                expanded.append(part)
                continue
            # Only cities: "Brussels-Capital Region" is one region, not Brussels and Denmark's.
            pieces = [_clean(piece) for piece in _bare(part).split("-")]
            if len(pieces) > 1 and all(_names_city(piece, places) for piece in pieces):
                expanded.extend(pieces)
            else:
                expanded.append(part)
    return [token for token in expanded if token]


def _names_place(token, places) -> bool:
    return bool(places.group(token) or _candidates(token, places))


def _names_city(token, places) -> bool:
    return any(place.kind == CITY for place in _candidates(token, places))


def _candidates(token, places) -> list[GeoPlace]:
    return places.candidates(token) or (
        places.candidates(_bare(token)) if _bare(token) != token else []
    )


def _bare(token) -> str:
    """The city a name of its surroundings is about: "Greater Seattle Area" is Seattle."""
    words = token.split(" ")
    start = 1 if len(words) > 1 and words[0].casefold() == "greater" else 0
    end = len(words)
    while end - start > 1 and words[end - 1].casefold() in _SURROUNDINGS:
        end -= 1
    # "Central Region" and "Capital Region" name regions of their own; "region" goes only
    # with "metropolitan".
    if end < len(words) and words[end].casefold() == "region":
        return token
    return " ".join(words[start:end])


def _resolve(tokens, places) -> list[tuple[GeoPlace, bool]]:
    """The places one comma-separated run names, each with whether a group word named it.
    A later token that contains an earlier one's place only says which it is: "Plantation,
    FL" is the Plantation in Florida, and "London, Ontario" the London in Canada."""
    options = []
    for token in tokens:
        group = places.group(token)
        options.append((True, group) if group else (False, _candidates(token, places)))
    kept: list[tuple[GeoPlace, bool]] = []  # (place, whether a group word named it)
    for index, (is_group, candidates) in enumerate(options):
        if is_group:
            kept.extend((candidate, True) for candidate in candidates)
            continue
        if not candidates or any(
            places.contains(c, k) for c in candidates for k, grouped in kept if not grouped
        ):
            continue  # names no place, or qualifies one already kept
        later = [c for _, others in options[index + 1 :] for c in others]
        # "Research Triangle Park, NC": after a name the gazetteer does not know, a code in
        # capitals is a state's ("City, ST"), not a country's (New Caledonia).
        after_unknown = index > 0 and not options[index - 1][1] and tokens[index].isupper()

        def preference(candidate, candidates=candidates, later=later, state=after_unknown):
            return (
                any(places.contains(other, candidate) for other in later),
                # "Singapore", "Zürich": the city rather than the country or canton it is in;
                # but "Mexico" is the country, not the state of México within it.
                candidate.kind == CITY
                and any(places.contains(other, candidate) for other in candidates),
                state and candidate.kind == REGION,
                candidate.weight,
            )

        kept.append((max(candidates, key=preference), False))
    return [
        (place, grouped)
        for place, grouped in kept
        # "Germany, Berlin": the country only says where Berlin is. "Europe, Middle East,
        # Africa": Egypt, of the Middle East, is already in Africa.
        if not any(
            places.contains(other, place) if grouped else places.contains(place, other)
            for other, other_grouped in kept
            if grouped or not other_grouped
        )
    ]


def _clean(token: str) -> str:
    """Trim punctuation and emoji from a token; return "" unless what is left looks like a name."""
    # Digits are a postcode ("CA 94103"), a time zone offset or garbage, never part of a name.
    token = re.sub(r"\d+", " ", token).strip()
    start, end = 0, len(token)
    while start < end and not unicodedata.category(token[start]).startswith("L"):
        start += 1
    # Combining marks may end a name (decomposed accents, Indic vowel signs).
    while end > start and unicodedata.category(token[end - 1])[0] not in "LM":
        end -= 1
    words = token[start:end].split(" ")
    first, last = 0, len(words)
    while last - first > 1 and words[first].casefold() in _LEADING_CONNECTORS:
        first += 1
    if 0 < first < last - 1 and words[first].casefold() == "the":
        first += 1  # "in the US"
    while last - first > 1 and words[last - 1].casefold() in _TRAILING_CONNECTORS:
        last -= 1
    name = " ".join(words[first:last])
    # Alone, "or" is a connector, but "OR" in capitals is Oregon ("Salem, OR").
    if name.casefold() in _LONE_CONNECTORS and not name.isupper():
        return ""
    if any(not (unicodedata.category(ch)[0] in "LM" or ch in " '’-.&") for ch in name):
        return ""
    return name
