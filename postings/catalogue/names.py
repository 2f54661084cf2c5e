"""What the index knows of the rows filters name by slug: tags, companies and places."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PlaceRow:
    pk: int
    slug: str
    name: str
    kind: str
    country_code: str
    continent: str
    parent_id: int | None


@dataclass(frozen=True)
class Named:
    pk: int
    slug: str
    name: str


class Names:
    """Rows of a table that filters name by slug (tags, companies, places), by id and slug."""

    def __init__(self):
        self.by_id, self.by_slug = {}, {}

    def put(self, row):
        self.drop(row.pk)
        self.by_id[row.pk] = row
        self.by_slug[row.slug] = row

    def drop(self, pk):
        old = self.by_id.pop(pk, None)
        if old is not None and self.by_slug.get(old.slug) is old:
            del self.by_slug[old.slug]
