"""A page of a result set in the list's orders, from the index: no SQL sort, no OFFSET.

Every order the list offers is a sequence of tiers, each newest first: search relevance is
the four ranks of FieldRank (title and meta, title, meta, neither), "featured" the featured
values from the highest, "newest" one tier. A page is then found tier by tier, skipping whole
tiers by their size and, within the tier it falls in, taking the newest postings with a
partial sort (numpy's partition) of that tier alone: linear in its size, whatever the page.
"""

import numpy as np
from pyroaring import BitMap


def tiers_for(index, found: BitMap, sort: str, search=None) -> list[BitMap]:
    """`found` cut into the tiers of an order ("relevance", "newest" or "featured")."""
    if sort == "featured":
        values = sorted(index.by_featured, reverse=True)
        return [found & index.by_featured[value] for value in values]
    if sort == "relevance" and search is not None and search.matches is not None:
        return search.tiers(found)
    return [found]


def newest_first(index, postings: BitMap, start: int, stop: int) -> list[int]:
    """Ids `start` to `stop` of `postings` ordered by (posted_at, id), newest first."""
    stop = min(stop, len(postings))
    if start >= stop:
        return []
    ids = np.frombuffer(postings.to_array(), dtype=np.uint32).astype(np.int64)
    keys = index.posted[ids]
    if stop < len(ids):
        # Only the `stop` newest can be on the page: those at or after the stop-th newest time.
        cutoff = np.partition(keys, len(ids) - stop)[len(ids) - stop]
        ids, keys = ids[keys >= cutoff], keys[keys >= cutoff]
    order = np.lexsort((-ids, -keys))  # by time, then id, both descending
    return ids[order][start:stop].tolist()


def ordered_slice(index, tiers, start: int, stop: int) -> list[int]:
    ids = []
    for tier in tiers:
        size = len(tier)
        if start < size:
            ids += newest_first(index, tier, start, stop)
        start, stop = max(start - size, 0), stop - size
        if stop <= 0:
            break
    return ids


class Results:
    """A result set as Django's Paginator reads it: its size, and any slice of it in order,
    loaded by `load(ids)` (a QuerySet of those ids; its order is restored here)."""

    def __init__(self, index, tiers, load):
        self.index, self.tiers, self.load = index, tiers, load
        self.size = sum(len(tier) for tier in tiers)

    def __len__(self):
        return self.size

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop, _ = item.indices(self.size)
        ids = ordered_slice(self.index, self.tiers, start, stop)
        rows = {row.pk: row for row in self.load(ids)}
        return [rows[pk] for pk in ids if pk in rows]
