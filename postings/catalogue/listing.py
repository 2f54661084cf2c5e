"""A filtered list from the index, as the list page and the feeds read it."""

from . import counting
from .ordering import Results, tiers_for
from .searching import searches


def cards(ids):
    """The postings of these ids, loaded as cards show them."""
    from ..models import Posting

    return Posting.objects.filter(pk__in=ids).for_cards()


def listing(index, filterset, load=cards):
    """(the result set, its search's sets or None, its Results in the list's order)."""
    selected = filterset.selected
    search = searches.get(index, selected["q"]) if selected["q"] else None
    found = counting.result_set(index, selected, search)
    return found, search, Results(index, tiers_for(index, found, filterset.sort, search), load)
