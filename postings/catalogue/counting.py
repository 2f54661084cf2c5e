"""A list's result set and every number beside it, from the index: the bitmap forms of
PostingFilter's filters (filters.py) and of the SQL counts in facets.py, which stay the
reference they are tested against (tests/test_catalogue_counting.py)."""

from pyroaring import BitMap

from ..classify import CONTRACT_LABELS, LEVEL_LABELS
from ..derive import job_type_label
from ..facets import NARROWER, Facet
from ..gazetteer import CONTINENT, CONTINENT_BITS, COUNTRY


def result_set(index, selected, search=None, now=None) -> BitMap:
    """The live postings `selected` (PostingFilter.selected) keeps; `search` is the
    SearchSets of its `q`, from the database, when there is one."""
    found = index.live(now)
    for slug in selected["tag"]:  # all of them
        tag = index.tags.by_slug.get(slug)
        found &= index.by_tag[tag.pk] if tag else BitMap()
    if selected["location"]:
        found &= union(matching(index, slug) for slug in selected["location"])
    for key, group in (("type", index.by_type), ("level", index.by_level)):
        if selected[key]:
            found &= union(group.get(value, BitMap()) for value in selected[key])
    if selected["contract"]:
        found &= union(index.by_contract.get(value, BitMap()) for value in selected["contract"])
    if selected["company"]:
        companies = (index.companies.by_slug.get(slug) for slug in selected["company"])
        found &= union(index.by_company[c.pk] for c in companies if c)
    if selected["remote"]:
        found &= index.remote
    if selected["salary_min"] is not None:
        found &= index.salary_at_least(selected["salary_min"])
    if search is not None:
        found = search.narrow(found)
    return found


def union(bitmaps) -> BitMap:
    return BitMap.union(BitMap(), *bitmaps)


def matching(index, slug) -> BitMap:
    """places.matching() for one place: in it or within it, remote and open to a region
    containing it by name (its parent or grandparent, not a continent), or to its continent."""
    place = index.places.by_slug.get(slug)
    if place is None:
        return BitMap()
    found = [index.by_place.get(place.pk, BitMap())]
    ancestor = place
    for _ in range(2):
        ancestor = index.places.by_id.get(ancestor.parent_id)
        if ancestor is None:
            break
        if ancestor.kind != CONTINENT:
            found.append(index.by_remote_named.get(ancestor.pk, BitMap()))
    if place.continent in CONTINENT_BITS:
        found.append(index.by_continent[place.continent])
    return union(found)


def summary(index, found, selected, tag_limit=25, place_limit=25):
    """facets.summary(), from the bitmaps: the same keys and the same numbers."""
    return {
        **counts(index, found, selected),
        "tag_facets": tag_facets(index, found, selected["tag"], tag_limit),
        **place_facets(index, found, selected["location"], place_limit),
    }


def counts(index, found, selected):
    def facets(key, labels, group):
        chosen = selected[key]
        counted = (
            (value, label, found.intersection_cardinality(group.get(value, BitMap())))
            for value, label in labels.items()
        )
        return [Facet(v, label, n, v in chosen) for v, label, n in counted if n or v in chosen]

    types = [
        (found.intersection_cardinality(postings), job_type)
        for job_type, postings in index.by_type.items()
        if job_type
    ]
    return {
        "total": len(found),
        "remote_count": found.intersection_cardinality(index.remote),
        "open_to": {
            code: found.intersection_cardinality(postings)
            for code, postings in index.by_continent.items()
        },
        "type_facets": [
            Facet(job_type, job_type_label(job_type), n, job_type in selected["type"])
            for n, job_type in sorted(types, key=lambda t: (-t[0], t[1]))
            if n
        ],
        "level_facets": facets("level", LEVEL_LABELS, index.by_level),
        "contract_facets": facets("contract", CONTRACT_LABELS, index.by_contract),
    }


def tag_facets(index, found, selected=(), limit=25):
    """The `limit` tags on the most of `found` (None: all of them), most first, then by name."""
    rows = []
    for pk, postings in index.by_tag.items():
        n = found.intersection_cardinality(postings)
        if n and pk in index.tags.by_id:
            tag = index.tags.by_id[pk]
            rows.append(Facet(tag.slug, tag.name, n, tag.slug in selected, pk))
    rows.sort(key=lambda f: (-f.count, f.label))
    return rows if limit is None else rows[:limit]


def place_facets(index, found, selected=(), limit=25):
    """facets.place_facets(): the countries linked to `found`, and the regions and cities of
    the chosen places' countries, each counted as its link would find."""
    chosen = [index.places.by_slug[slug] for slug in selected if slug in index.places.by_slug]
    candidates = {pk for pk, place in index.places.by_id.items() if place.kind == COUNTRY}
    for code in {place.country_code for place in chosen}:
        inside = index.places_of_country.get(code, ())
        candidates |= {pk for pk in inside if index.places.by_id[pk].kind in NARROWER}
    linked = {pk for pk in candidates if found.intersect(index.by_place.get(pk, BitMap()))}
    narrows = {
        place.country_code: place.slug
        for place in chosen
        if place.kind == COUNTRY and place.pk in linked
    }
    countries, cities = [], []
    for pk in linked:
        place = index.places.by_id[pk]
        if place.kind not in (COUNTRY, "city"):
            continue
        facet = Facet(
            place.slug,
            place.name,
            found.intersection_cardinality(matching(index, place.slug)),
            place.slug in selected,
            pk,
            narrows.get(place.country_code, ""),
        )
        (countries if place.kind == COUNTRY else cities).append(facet)
    return {
        "place_facets": sorted(countries, key=lambda f: (-f.count, f.label))[:limit],
        "city_facets": sorted(cities, key=lambda f: (-f.count, f.label))[:limit],
        "chosen_place_names": {place.slug: place.name for place in chosen},
    }
