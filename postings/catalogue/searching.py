"""The sets a search matches, kept beside the index and brought up to date the same way.

Each also knows since when this process has followed it, and when it last moved (a posting
came in or left, or changed its rank): a cached search page is still right after a write
when its search did not move (postings/cache.py).

On PostgreSQL, listing every posting that matches a common word ("remote": all of them)
takes a few hundred milliseconds, on SQLite tens: more than the whole rest of the page. So
each process keeps the sets of the last searches it answered (search.SearchSets), and after a
write re-reads them only for the postings the change log says changed, with the same
conditions limited to those ids: an indexed lookup of a few rows.
"""

import threading
from collections import OrderedDict

from ..search import parse_query, search_sets

KEPT = 200  # searches kept per process: at most 3 bitmaps of the postings each


class SearchSetCache:
    def __init__(self, size=KEPT):
        self.size = size
        self.entries = OrderedDict()  # query text -> (generation, position, SearchSets)
        self.lock = threading.Lock()

    def get(self, index, text):
        """search_sets(text), up to date with `index`."""
        key = str(parse_query(text))
        with self.lock:
            entry = self.entries.pop(key, None)
        sets = None
        if entry is not None and entry[0] == index.generation:
            changed = index.changed_since(entry[1])
            if changed is not None:
                sets = entry[2]
                if changed and sets.update(changed, search_sets(text, among=changed)):
                    sets.moved_at = index.position
        if sets is None:
            sets = search_sets(text)
            if sets is not None:
                sets.known_from = sets.moved_at = index.position
        if sets is not None:
            with self.lock:
                self.entries[key] = (index.generation, index.position, sets)
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return sets

    def unchanged_since(self, index, text, position) -> bool:
        """Whether this search has matched the same postings, in the same fields, since the
        log position `position` (as far as this process has followed it)."""
        sets = self.get(index, text)
        return sets is None or sets.known_from <= position and sets.moved_at <= position

    def clear(self):
        with self.lock:
            self.entries.clear()


searches = SearchSetCache()
