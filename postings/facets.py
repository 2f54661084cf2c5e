"""Counts of tags, places and job types within a result set, for the list's facet links."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.lookups import GreaterThan

from .classify import CONTRACT_LABELS, LEVEL_LABELS
from .derive import job_type_label
from .gazetteer import CONTINENT_BITS
from .models import Place, PlaceKind, PostingPlace, Tag
from .places import open_to_continent_of


@dataclass
class Facet:
    slug: str
    label: str
    count: int
    selected: bool
    pk: int | None = None  # of the tag or place
    narrows: str = ""  # the chosen filter value this one would take the place of


def summary(postings, selected):
    """Every number the list shows beside its results: the total and each facet's counts."""
    numbers = counts(postings, selected)
    return {
        **numbers,
        "tag_facets": tag_facets(postings, selected["tag"]),
        **place_facets(postings, numbers["open_to"], selected["location"]),
    }


def tag_facets(postings, selected=(), limit=25):
    return linked_facets(Tag, "tagged_postings__content_object", postings, selected, limit)


NARROWER = [PlaceKind.REGION, PlaceKind.CITY]  # than a chosen country


def open_to(continent):
    """Remote postings open to the whole of this continent (or anywhere)."""
    return GreaterThan(F("remote_continents").bitand(CONTINENT_BITS[continent]), 0)


def place_facets(postings, open_to_continent, selected=(), limit=25):
    """Countries with postings in them or open to them, and the cities of the chosen
    countries, each counted as its filter counts (postings/places.py): the postings in it,
    and the remote ones open to its continent (or anywhere) or, for a city, to its country
    or region by name.

    `open_to_continent` is the number of the latter per continent, from counts(). One query.
    """
    open_row = Q(open_to_continent_of(F("posting__remote_continents"), "place"))
    named = PostingPlace.objects.filter(posting=OuterRef("posting"), remote=True, named=True)
    named_country = Q(
        Exists(
            named.filter(
                place__kind=PlaceKind.COUNTRY, place__country_code=OuterRef("place__country_code")
            )
        )
    )
    named_region = Q(Exists(named.filter(place=OuterRef("place__parent"))))
    remote_by_name = Q(remote=True, named=True)
    chosen_countries = Place.objects.filter(slug__in=selected).values("country_code")
    rows = (
        PostingPlace.objects.filter(posting__in=postings.order_by().values("pk"))
        .filter(
            Q(place__kind=PlaceKind.COUNTRY)
            | Q(place__kind__in=NARROWER, place__country_code__in=chosen_countries)
            # and the chosen continents, for their names
            | Q(place__slug__in=selected)
        )
        .values("place", "place__slug", "place__name", "place__kind", "place__continent")
        .annotate(
            country=F("place__country_code"),
            parent=F("place__parent"),
            n=Count("posting", distinct=True),
            open=Count("posting", distinct=True, filter=open_row),
            named_only=Count("posting", distinct=True, filter=remote_by_name & ~open_row),
        )
    )
    if selected:  # only then are there cities to count
        rows = rows.annotate(
            open_or_named=Count(
                "posting", distinct=True, filter=open_row | named_country | named_region
            ),
            region_only=Count(
                "posting", distinct=True, filter=remote_by_name & ~open_row & ~named_country
            ),
        )
    rows = list(rows)
    # Remote postings open to a country or region by name, and not to its continent (nor,
    # for a region, to its country): they count for each city inside it.
    by_name = {r["country"]: r["named_only"] for r in rows if r["place__kind"] == PlaceKind.COUNTRY}
    by_name |= {r["place"]: r["region_only"] for r in rows if r["place__kind"] == PlaceKind.REGION}
    # A city link narrows its chosen country to the city.
    chosen = {
        row["country"]: row["place__slug"]
        for row in rows
        if row["place__kind"] == PlaceKind.COUNTRY and row["place__slug"] in selected
    }
    countries, cities, names = [], [], {}
    for row in rows:
        kind, slug = row["place__kind"], row["place__slug"]
        open_to = open_to_continent.get(row["place__continent"], 0)
        if slug in selected:
            names[slug] = row["place__name"]
        if kind == PlaceKind.COUNTRY:
            count, facets = row["n"] + open_to - row["open"], countries
        elif kind == PlaceKind.CITY:
            remote = open_to + by_name.get(row["country"], 0) + by_name.get(row["parent"], 0)
            count, facets = row["n"] + remote - row["open_or_named"], cities
        else:
            continue
        narrows = chosen.get(row["country"], "")
        facets.append(
            Facet(slug, row["place__name"], count, slug in selected, row["place"], narrows)
        )
    return {
        "place_facets": sorted(countries, key=lambda f: (-f.count, f.label))[:limit],
        "city_facets": sorted(cities, key=lambda f: (-f.count, f.label))[:limit],
        "chosen_place_names": names,
    }


def linked_facets(model, link, postings, selected, limit):
    """The `limit` tags or places most linked to `postings`, with their counts."""
    rows = (
        model.objects.filter(**{f"{link}__in": postings.order_by().values("pk")})
        .annotate(count=Count(link.split("__")[0]))
        .order_by("-count", "name")[:limit]
    )
    return [Facet(row.slug, row.name, row.count, row.slug in selected, row.pk) for row in rows]


def counts(postings, selected):
    """The total, and the job type, remote, level and contract facets, in one query.

    Grouping by job type (a free vocabulary) with conditional counts for the closed ones, then
    summing the groups, gives every number the list needs besides tags and places, the total
    that the paginator would otherwise count again included.
    """
    closed = {
        "remote": Count("pk", filter=Q(remote=True)),
        **{f"level:{v}": Count("pk", filter=Q(level=v)) for v in LEVEL_LABELS},
        **{f"contract:{v}": Count("pk", filter=Q(contract=v)) for v in CONTRACT_LABELS},
        **{f"open:{code}": Count("pk", filter=Q(open_to(code))) for code in CONTINENT_BITS},
    }
    rows = list(postings.order_by().values("job_type").annotate(n=Count("pk"), **closed))
    totals = {key: sum(row[key] for row in rows) for key in ["n", *closed]}

    def facets(key, labels):
        return [
            Facet(value, label, totals[f"{key}:{value}"], value in selected[key])
            for value, label in labels.items()
            if totals[f"{key}:{value}"] or value in selected[key]
        ]

    types = sorted((row for row in rows if row["job_type"]), key=lambda r: (-r["n"], r["job_type"]))
    return {
        "total": totals["n"],
        "remote_count": totals["remote"],
        "open_to": {code: totals[f"open:{code}"] for code in CONTINENT_BITS},
        "type_facets": [
            Facet(
                r["job_type"],
                job_type_label(r["job_type"]),
                r["n"],
                r["job_type"] in selected["type"],
            )
            for r in types
        ],
        "level_facets": facets("level", LEVEL_LABELS),
        "contract_facets": facets("contract", CONTRACT_LABELS),
    }
