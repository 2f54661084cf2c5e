"""Looking places up: what a name may mean, a place's ancestors, whether one contains another."""

import unicodedata
from dataclasses import dataclass

from .words import ALIASES, GROUPS

CONTINENT, COUNTRY, REGION, CITY = "continent", "country", "region", "city"
# Continents as bits, for "remote from anywhere in Europe" on a posting (postings/places.py).
CONTINENT_BITS = {code: 1 << n for n, code in enumerate(("AF", "AN", "AS", "EU", "NA", "OC", "SA"))}
ANYWHERE = sum(CONTINENT_BITS.values())

# "most", "best", "nice": a lower-case word names a small city only by accident.
LOWER_CASE_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class GeoPlace:
    key: str
    name: str
    kind: str
    country_code: str  # ISO 3166-1 alpha-2; "" for a continent
    continent: str  # GeoNames' two-letter continent code
    geonames_id: int | None
    parent: str | None  # key
    weight: float  # how prominent: what an ambiguous name most likely means


def fold(text: str) -> str:
    """Case, accents, dots, hyphens and spacing folded: "São Paulo" -> "sao paulo"."""
    if text.isascii():  # most names: nothing to decompose
        bare = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(bare.translate(_MARKS).split())


_MARKS = str.maketrans(dict.fromkeys(".-‐–—_'’,", " "))


class Gazetteer:
    def __init__(self, places, names, alternate_names, codes, slugs):
        self.places: dict[str, GeoPlace] = places
        self._names = names  # folded name -> keys
        self._alternate_names = alternate_names
        self._codes = codes  # upper-case code -> keys (countries' ISO codes, regions' codes)
        self.slugs = slugs  # slug -> key
        self.slug_of = {key: slug for slug, key in self.slugs.items()}

    def __getitem__(self, key) -> GeoPlace:
        return self.places[key]

    def candidates(self, name: str) -> list[GeoPlace]:
        """Every place `name` may mean, most prominent first; [] for what names no place."""
        folded = fold(name.replace("&", " and "))
        if folded in ALIASES:
            # An alias names the place by its own name, never by another alias.
            wanted, country = ALIASES[folded]
            keys = self._names.get(fold(wanted), ())
            found = [self.places[key] for key in keys]
            found = [p for p in found if not country or p.country_code == country]
            return sorted(found, key=lambda p: -p.weight)
        keys = self._names.get(folded, ())
        if name.isupper() and name.isalpha() and 2 <= len(name) <= 3:
            # "WA" after Seattle is Washington, not the town of Wa in Ghana: a short word in
            # capitals may be a code as well as a name ("Seattle, WA", "Perth, WA").
            keys = list(dict.fromkeys([*keys, *self._codes.get(name, ())]))
        if not keys:
            keys = self._alternate_names.get(folded, ())
        found = [self.places[key] for key in keys]
        if name == name.lower():
            found = [p for p in found if p.kind != CITY or p.weight >= LOWER_CASE_POPULATION]
        return sorted(found, key=lambda p: -p.weight)

    def group(self, name: str) -> list[GeoPlace]:
        """The continents and countries a word like "EMEA" or "DACH" stands for."""
        codes = GROUPS.get(fold(name), ())
        return [self.places[_code_key(code)] for code in codes if _code_key(code) in self.places]

    def lineage(self, key) -> list[GeoPlace]:
        """The place and its ancestors, nearest first."""
        chain = []
        while key is not None:
            place = self.places[key]
            chain.append(place)
            key = place.parent
        return chain

    def contains(self, outer: GeoPlace, inner: GeoPlace) -> bool:
        return outer != inner and outer in self.lineage(inner.key)


def _code_key(code):
    return code if code.startswith("continent:") else f"country:{code}"
