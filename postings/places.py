"""Postings' places in the database: what postings/locations.py read from a location, stored
as links to Place rows, and the one rule for which postings a place filter finds.

A posting is linked to each place it names and to every place containing it (Berlin, then the
State of Berlin, Germany, Europe), as a place of the job or as one its remote applicants may
live in. A place filter then finds a country's cities' postings by one indexed lookup; what is
left is the remote postings open to a wider area than the place chosen, which the rule below
finds through the places containing it and the posting's remote continents.
"""

from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.db.models.lookups import GreaterThan

from .gazetteer import ANYWHERE, CONTINENT, CONTINENT_BITS, gazetteer
from .locations import Location


class PlaceBook:
    """Place rows by gazetteer key, created on first use together with their ancestors.

    `remember(store, key, value)` is told of each row created, so that a caller whose
    transaction rolls back can forget it again (postings/importers/writing.py).
    """

    def __init__(self, place_model=None, remember=None):
        if place_model is None:
            from .models import Place as place_model
        self.model = place_model
        self.rows = {}
        self.remember = remember or (lambda store, key, value: store.__setitem__(key, value))

    def row(self, key):
        if key not in self.rows:
            self.load([key])
        return self.rows[key]

    def load(self, keys):
        """Find (one query) or create the rows of these places and of their ancestors."""
        places = gazetteer()
        wanted = {a.key: a for key in keys for a in places.lineage(key) if a.key not in self.rows}
        if not wanted:
            return
        for row in self.model.objects.filter(key__in=wanted):
            self.remember(self.rows, row.key, row)
        # Ancestors first, so that each new row's parent exists.
        for key, place in sorted(wanted.items(), key=lambda item: len(places.lineage(item[0]))):
            if key not in self.rows:
                slug = places.slug_of[key]
                # A newer gazetteer may give a slug that an older one gave another place.
                if self.model.objects.filter(slug=slug).exists():
                    slug = f"{slug}-{place.geonames_id or key.rsplit(':', 1)[1].lower()}"
                # get_or_create: another writer may have made it since the query above.
                row, _ = self.model.objects.get_or_create(
                    key=key,
                    defaults={
                        "name": place.name,
                        "slug": slug,
                        "kind": place.kind,
                        "country_code": place.country_code,
                        "continent": place.continent,
                        "geonames_id": place.geonames_id,
                        "parent": self.rows[place.parent] if place.parent else None,
                    },
                )
                self.remember(self.rows, key, row)

    def links(self, location: Location) -> dict[tuple[int, bool], tuple[object, bool]]:
        """(place id, remote) -> (place row, named) for every place the location implies."""
        self.load([*location.onsite, *location.regions])
        links = {}
        for remote, keys in ((False, location.onsite), (True, location.regions)):
            for key in keys:
                for depth, ancestor in enumerate(gazetteer().lineage(key)):
                    row = self.row(ancestor.key)
                    named = depth == 0 or links.get((row.pk, remote), (None, False))[1]
                    links[(row.pk, remote)] = (row, named)
        return links


def remote_continents(location: Location) -> int:
    """The bits of the continents a remote posting is open to as a whole."""
    if not location.remote:
        return 0
    if location.anywhere:
        return ANYWHERE
    places = gazetteer()
    bits = 0
    for key in location.regions:
        if places[key].kind == CONTINENT:
            bits |= CONTINENT_BITS[places[key].continent]
    return bits


def set_links(posting, links, link_model):
    """Make an existing posting's place links exactly `links`, touching only differences."""
    have = {
        (row["place_id"], row["remote"]): (row["pk"], row["named"])
        for row in link_model.objects.filter(posting=posting).values(
            "pk", "place_id", "remote", "named"
        )
    }
    changed = {key for key, (_, named) in have.items() if links.get(key, (None, None))[1] != named}
    if changed:
        link_model.objects.filter(pk__in=[have[key][0] for key in changed]).delete()
    wanted = {key: link for key, link in links.items() if key not in have or key in changed}
    link_model.objects.bulk_create(new_links(posting, wanted, link_model))


def new_links(posting, links, link_model):
    return [
        link_model(posting=posting, place=row, remote=remote, named=named)
        for (_, remote), (row, named) in links.items()
    ]


def matching(slugs) -> Q:
    """Postings a candidate living in (or looking for work in) any of these places may take.

    In the place or within it, as a job or as remote applicants' region; or remote and open
    to a region containing it: a country or a region the posting names ("Remote - Germany"
    for Berlin), the place's continent, anywhere. All in SQL: no query of its own.
    """
    from .models import Place, PostingPlace

    containing = Place.objects.filter(
        Q(children__slug__in=slugs) | Q(children__children__slug__in=slugs)
    ).exclude(kind=CONTINENT)
    links = PostingPlace.objects.filter(posting=OuterRef("pk"))
    open_to_its_continent = Place.objects.filter(
        open_to_continent_of(OuterRef("remote_continents")), slug__in=slugs
    )
    return (
        Q(Exists(links.filter(place__slug__in=slugs)))
        | Q(Exists(links.filter(place__in=containing, remote=True, named=True)))
        | Q(Exists(open_to_its_continent))
    )


def open_to_continent_of(remote_continents, place=""):
    """Whether `remote_continents` (an expression: a posting's bits) include the continent
    of the place at the lookup path `place` ("" for the Place being filtered itself)."""
    continent = f"{place}__continent" if place else "continent"
    bit = Case(
        *[When(**{continent: code}, then=Value(bit)) for code, bit in CONTINENT_BITS.items()],
        default=Value(0),
    )
    return GreaterThan(remote_continents.bitand(bit), 0)
