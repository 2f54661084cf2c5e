"""Turn a posting's free-text location ("Remote or San Francisco", "Toronto, ON, Canada")
into a remote flag and a few normalized place names to filter on.

Pure functions with no Django imports, so the rules can be tested on their own. The input is
whatever a job board typed, so nothing in here may raise: text we cannot read as a place is dropped.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_PLACES = 10
MAX_PLACE_LENGTH = 80


@dataclass(frozen=True)
class Location:
    remote: bool
    places: tuple[str, ...]  # display names, de-duplicated, in order of appearance


# Keys are lower-case with dots removed, so "U.S." and "u.s" both find "us".
ALIASES = {
    "sf": "San Francisco",
    "sf bay area": "San Francisco",
    "bay area": "San Francisco",
    "san francisco bay area": "San Francisco",
    "nyc": "New York",
    "new york city": "New York",
    # "Washington, DC" must not become the state plus the District; both halves mean the city.
    "dc": "Washington",
    "washington dc": "Washington",
    "district of columbia": "Washington",
    "münchen": "Munich",
    "köln": "Cologne",
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "gb": "United Kingdom",
    "great britain": "United Kingdom",
    "deutschland": "Germany",
    "the netherlands": "Netherlands",
    "holland": "Netherlands",
    "czechia": "Czech Republic",
    "korea": "South Korea",
    "uae": "United Arab Emirates",
    "eu": "Europe",
    "european union": "Europe",
    "the americas": "Americas",
    "asia-pacific": "Asia Pacific",
}

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}  # fmt: skip

CANADIAN_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip

# Not every country: the ones job postings name. Anything missing is simply treated as a city.
COUNTRIES = frozenset({
    "Argentina", "Australia", "Austria", "Bangladesh", "Belarus", "Belgium", "Bolivia",
    "Bosnia and Herzegovina", "Brazil", "Bulgaria", "Canada", "Chile", "China", "Colombia",
    "Costa Rica", "Croatia", "Cyprus", "Czech Republic", "Denmark", "Ecuador", "Egypt", "England",
    "Estonia", "Finland", "France", "Georgia", "Germany", "Ghana", "Greece", "Guatemala",
    "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Ireland", "Israel", "Italy", "Japan",
    "Kenya", "Latvia", "Lithuania", "Luxembourg", "Malaysia", "Malta", "Mexico", "Moldova",
    "Morocco", "Netherlands", "New Zealand", "Nigeria", "Northern Ireland", "Norway", "Pakistan",
    "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Puerto Rico", "Romania",
    "Scotland", "Serbia", "Singapore", "Slovakia", "Slovenia", "South Africa", "South Korea",
    "Spain", "Sri Lanka", "Sweden", "Switzerland", "Taiwan", "Thailand", "Tunisia", "Turkey",
    "Uganda", "Ukraine", "United Arab Emirates", "United Kingdom", "United States", "Uruguay",
    "Venezuela", "Vietnam", "Wales",
})  # fmt: skip

REGIONS = frozenset({
    "Africa", "Americas", "APAC", "Asia", "Asia Pacific", "Benelux", "Central America", "DACH",
    "EMEA", "Eastern Europe", "Europe", "LATAM", "Latin America", "MENA", "Middle East",
    "Nordics", "North America", "Oceania", "Scandinavia", "South America", "Southeast Asia",
    "Western Europe",
})  # fmt: skip

# State names that, standing alone on a posting, almost always mean the city.
_CITIES_NAMED_LIKE_STATES = frozenset({"New York", "Washington"})

_SUBDIVISION_CODES = {**US_STATES, **CANADIAN_PROVINCES}
_SUBDIVISIONS = frozenset(_SUBDIVISION_CODES.values())
_CANONICAL = {name.casefold(): name for name in (*COUNTRIES, *REGIONS, *_SUBDIVISIONS)}

# A later comma token only qualifies an earlier place of a finer rank: "Toronto, ON, Canada" is
# one city, but "Germany, Austria" is two countries and "Ontario, Canada" is one province.
CITY, SUBDIVISION, COUNTRY, REGION = range(4)

_REMOTE = re.compile(
    r"\b(?:100 ?% ?|fully |full |partially |partly )?remote(?:ly)?"
    r"(?:[ -]?(?:ok|first|friendly|only|jobs?|work|position|possible|allowed|available))?\b"
    r"|\b(?:work(?:ing)? from (?:home|anywhere)|wfh|anywhere(?: in the world)?|worldwide"
    r"|global(?:ly)?|telecommut\w*|distributed)\b",
    re.IGNORECASE,
)
# Words that say something about the job, not where it is.
_NOISE = re.compile(
    r"\b(?:engineering|multiple|various|several|countries|cities|locations?|flexible|tbd|tba"
    r"|hybrid|offices?|hq|headquarters|on[- ]?site|in-?office|nationwide|full[- ]time|part[- ]time"
    r"|other|n/a|only|based|preferred|time ?zones?"
    r"|utc|gmt|bst|cet|cest|eet|est|edt|cst|cdt|mst|mdt|pst|pdt)\b",
    re.IGNORECASE,
)
# The lookahead keeps the few place names that contain "and" in one piece; the lookbehind makes
# a long run of dashes cost one scan rather than one per dash.
_SEPARATORS = re.compile(
    r" (?:or|and|&) (?!herzegovina|labrador)|[|/;:()\[\]{}•·]| [-–—]+ ?|(?<![-–—])[-–—]+ ",
    re.IGNORECASE,
)
# "Remote in the US", "Remote from Europe": the connector is left behind once "Remote" is gone.
_LEADING_CONNECTORS = re.compile(r"^(?:(?:or|and|in|within|from|across) )+(?:the )?", re.IGNORECASE)
_CONNECTORS = frozenset({"or", "and", "in", "within", "from", "across", "the"})
# Removed before splitting, or "https://example.com/jobs" would split on ":" and "/" into places.
_URL = re.compile(r"\b(?:https?://|www\.)\S*", re.IGNORECASE)
# "RemoteMunich" comes from boards that concatenate fields without a space.
_GLUED_REMOTE = re.compile(r"(?<=[Rr]emote)(?=[A-ZÀ-ÖØ-Þ])")
_TWO_LETTERS = re.compile(r"[a-z]{2}")
_SMALL_WORDS = frozenset({"am", "an", "da", "de", "del", "der", "do", "dos", "la", "of", "upon"})


def parse_location(text: str | None) -> Location:
    """Read the remote flag and up to MAX_PLACES normalized places from a location string."""
    if text is None:
        return Location(False, ())
    if not isinstance(text, str):
        # Front matter is YAML, so a location can arrive as a number or a list.
        text = str(text)
    text = _GLUED_REMOTE.sub(" ", _URL.sub(",", text))
    # Newlines separate places; collapsing other whitespace keeps every regex below linear.
    text = re.sub(r"\s+", " ", re.sub(r"[\r\n]+", "|", text))
    # Replaced by a separator, not deleted, so "Toronto, Remote, Canada" does not read as one
    # place qualified by Canada.
    text, remote_hits = _REMOTE.subn("|", text)
    # Replaced by a comma so "London Office, UK" still reads as London qualified by UK.
    text = _NOISE.sub(",", text)

    places: dict[str, str] = {}  # casefolded name -> display name, for case-blind de-duplication
    for segment in _SEPARATORS.split(text):
        previous_rank = None  # rank of the last place kept in this segment
        for token in segment.split(","):
            name = _clean(token)
            if not name:
                continue
            display, rank = _resolve(name)
            if previous_rank is not None and previous_rank < rank <= COUNTRY:
                continue  # "Plantation, FL": FL only says which Plantation
            if display is None or len(display) > MAX_PLACE_LENGTH:
                continue
            previous_rank = rank
            places.setdefault(display.casefold(), display)
            if len(places) == MAX_PLACES:
                return Location(remote_hits > 0, tuple(places.values()))
    return Location(remote_hits > 0, tuple(places.values()))


def is_region(place: str) -> bool:
    """True for a country, state, province or multi-country region; False for a city.

    States count as regions because a filter listing cities should not offer "Texas".
    """
    if not isinstance(place, str):
        return False
    place = _CANONICAL.get(place.casefold(), place)
    return place not in _CITIES_NAMED_LIKE_STATES and _rank(place) > CITY


def _clean(token: str) -> str:
    """Trim punctuation and emoji from a token; return "" unless what is left looks like a name."""
    # Digits mean a postcode, a time zone offset or plain garbage, never part of a place name.
    if any(ch.isdigit() for ch in token):
        return ""
    start, end = 0, len(token)
    while start < end and not unicodedata.category(token[start]).startswith("L"):
        start += 1
    # Combining marks may end a name (decomposed accents, Indic vowel signs).
    while end > start and unicodedata.category(token[end - 1])[0] not in "LM":
        end -= 1
    name = _LEADING_CONNECTORS.sub("", token[start:end])
    if name.casefold() in _CONNECTORS:
        return ""
    if any(not (unicodedata.category(ch)[0] in "LM" or ch in " '’-.") for ch in name):
        return ""
    return name


def _resolve(name: str) -> tuple[str | None, int]:
    """Return a token's display name (None when it cannot be shown) and its rank."""
    key = name.casefold().replace(".", "")
    if key in ALIASES:
        display = ALIASES[key]
    elif name.isupper() and name in _SUBDIVISION_CODES:
        # Only upper-case codes: lower-case "in", "me" or "ok" are words more often than states.
        display = _SUBDIVISION_CODES[name]
    elif key in _CANONICAL:
        display = _CANONICAL[key]
    elif _TWO_LETTERS.fullmatch(key):
        # An unknown two-letter code ("FR" after Paris) qualifies a place but is no place itself.
        return None, COUNTRY
    else:
        display = _title_case(name)
    return display, _rank(display)


def _rank(place: str) -> int:
    if place in REGIONS:
        return REGION
    if place in COUNTRIES:
        return COUNTRY
    if place in _SUBDIVISIONS:
        return SUBDIVISION
    return CITY


def _title_case(name: str) -> str:
    """Title-case shouted or all-lower names; leave deliberate casing ("McLean") alone."""
    if name != name.lower() and name != name.upper():
        return name
    parts = re.split(r"([ -])", name.lower())
    return "".join(
        part if index and part in _SMALL_WORDS else part[:1].upper() + part[1:]
        for index, part in enumerate(parts)
    )
