"""RSS and Atom feeds of the newest live postings, filtered exactly like the list at `/`.

The query string goes through the list's own PostingFilter, so every filter the list has (and
every one it gains) works in the feeds too, and junk values are ignored the same way.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from .cache import catalogue_index, shows
from .catalogue.listing import listing
from .filters import PostingFilter, display_names, names_on
from .models import Posting
from .vocabulary import MAX_TITLE_LENGTH, describe

MAX_ITEMS = 50
DESCRIPTION_WORDS = 60

# Characters that XML 1.0 cannot carry at all. Django's feed writer raises on them, and a stray
# one in a query string or an imported posting must not turn the whole feed into a 500.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    return _NOT_XML.sub("", str(value))


@dataclass
class FeedQuery:
    """What one request asked for. The Feed instance is shared by all requests: no state on it."""

    filterset: PostingFilter
    path: str
    index: object = None  # the catalogue's (postings/catalogue/), where it may be used

    def with_query(self, path):
        # Only the cleaned filter parameters: no page, no tracking junk.
        return path + self.filterset.canonical_query()

    @cached_property
    def items(self):
        if self.index is None:
            return list(self.filterset.qs.for_cards()[:MAX_ITEMS])
        _, _, results = listing(self.index, self.filterset)
        return results[:MAX_ITEMS]

    @cached_property
    def title(self):
        """The filters in words, "Golang jobs in Germany · Remote", named as the list names them.

        The items carry the names of their companies and tags: only the rest are looked up.
        """
        selected = self.filterset.selected
        names = display_names(selected, known=names_on(self.items))
        return xml_text(describe(selected, names, max_length=MAX_TITLE_LENGTH))


class PostingFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        filterset = PostingFilter(request.GET, queryset=Posting.objects.live())
        query = FeedQuery(filterset, request.path, catalogue_index(request))
        if query.index is not None:
            shows(request, query.items, filterset.selected["q"])  # for the page cache
        return query

    def title(self, obj):
        return obj.title

    def description(self, obj):
        # HTML, like the items' descriptions, and the title repeats the search from the URL.
        return escape(self.subtitle(obj))

    def subtitle(self, obj):
        # Atom's subtitle is plain text: the feed writer escapes it once.
        return f"{self.title(obj)}: the {MAX_ITEMS} newest postings on the job board."

    def link(self, obj):
        return obj.with_query(reverse("postings:list"))

    def feed_url(self, obj):
        return obj.with_query(obj.path)

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        # Plain text: the feed writer escapes it once, so readers show "<b>" as typed.
        return xml_text(f"{item.title} at {item.company.name}")

    def item_description(self, item):
        # Feed readers treat the description as HTML: body_html is sanitized already, the
        # summary is plain text and has to be escaped.
        if item.summary:
            return xml_text(escape(item.summary))
        return xml_text(Truncator(item.body_html).words(DESCRIPTION_WORDS, html=True))

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return xml_text(item.company.name)

    def item_categories(self, item):
        return [xml_text(tag.name) for tag in item.tags.all()]


class PostingAtomFeed(PostingFeed):
    feed_type = Atom1Feed
