"""Paging through results: pages within a window of the first 10,000, and sizes known ahead."""

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

PER_PAGE = 25


class WindowPaginator(Paginator):
    """Pages within the first `window` results (10,000: as far as Elasticsearch pages by
    default). A list that long is narrowed, not paged through."""

    window = 10_000

    @cached_property
    def num_pages(self):
        return max(1, min(super().num_pages, self.window // self.per_page))


def paginate(request, results, per_page=PER_PAGE):
    """The requested page; past the window, an empty page that says to refine the list."""
    paginator = WindowPaginator(results, per_page)
    number = request.GET.get("page")
    wanted = paginator_number(number)
    if wanted > paginator.num_pages and paginator.count > paginator.window:
        page = Page([], wanted, paginator)
        page.past_window = True
        return page
    # get_page() turns "abc" into page 1 and 99999 into the last page, never an error.
    return paginator.get_page(number)


def paginator_number(number) -> int:
    """The page number as Paginator.validate_number() reads it, or 1."""
    try:
        return int(float(number))
    except (TypeError, ValueError, OverflowError):
        return 1


class SizedQuerySet:
    """A QuerySet whose size is already known, so that the paginator does not count again."""

    def __init__(self, queryset, size):
        self.queryset, self.size = queryset, size

    def __len__(self):
        return self.size

    def __getitem__(self, item):
        return self.queryset[item]
