"""The one FilterSet behind the posting list (and, later, the feeds and the counts).

Query strings are untrusted: every value is cleaned, capped and, when it makes no sense,
ignored, so that no query string can turn into a server error.
"""

from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify

from .models import Posting, TaggedPosting

MAX_VALUES = 10
MAX_VALUE_LENGTH = 100
MAX_QUERY_LENGTH = 200


def clean_text(value) -> str:
    # NUL bytes are refused by PostgreSQL and never meaningful in a search.
    return str(value).replace("\x00", "").strip()


class SlugListField(forms.Field):
    """A repeatable parameter (`?tag=a&tag=b`) cleaned into a short list of slugs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        slugs = (slugify(clean_text(v)[:MAX_VALUE_LENGTH], allow_unicode=True) for v in values)
        return list(dict.fromkeys(s for s in slugs if s))[:MAX_VALUES]


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class PostingFilter(django_filters.FilterSet):
    SORTS = {
        "newest": ("-posted_at", "-pk"),
        "featured": ("-featured", "-posted_at", "-pk"),
    }

    q = django_filters.CharFilter(method="filter_search", label="Search")
    tag = SlugListFilter(method="filter_tags", label="Tags")
    location = SlugListFilter(method="filter_locations", label="Locations")
    remote = django_filters.CharFilter(method="filter_remote", label="Remote only")
    type = SlugListFilter(method="filter_types", label="Job type")
    level = SlugListFilter(field_name="level", lookup_expr="in", label="Level")
    contract = SlugListFilter(field_name="contract", lookup_expr="in", label="Contract")
    company = SlugListFilter(field_name="company__slug", lookup_expr="in", label="Company")
    salary_min = django_filters.CharFilter(method="filter_salary_min", label="Minimum salary")
    sort = django_filters.CharFilter(method="filter_sort", label="Sort by")

    class Meta:
        model = Posting
        fields = []

    def __init__(self, *args, tag_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag_ids = tag_ids or {}  # slug -> id, where the caller already knows them

    def filter_search(self, queryset, name, value):
        # The search the page shows (and its canonical URL names) is the one it runs.
        return queryset.search(clean_text(value)[:MAX_QUERY_LENGTH])

    def filter_tags(self, queryset, name, slugs):
        # Every given tag must be present: one indexed EXISTS per tag.
        for slug in slugs:
            tag = Q(tag_id=self.tag_ids[slug]) if slug in self.tag_ids else Q(tag__slug=slug)
            queryset = queryset.filter(
                Exists(TaggedPosting.objects.filter(tag, content_object=OuterRef("pk")))
            )
        return queryset

    def filter_locations(self, queryset, name, slugs):
        if not slugs:
            return queryset
        places = Posting.places.through.objects.filter(
            posting=OuterRef("pk"), place__slug__in=slugs
        )
        return queryset.filter(Exists(places))

    def filter_remote(self, queryset, name, value):
        return queryset.filter(remote=True) if is_yes(value) else queryset

    def filter_types(self, queryset, name, types):
        return queryset.filter(job_type__in=types) if types else queryset

    def filter_salary_min(self, queryset, name, value):
        # Postings that may pay at least this much; those without a salary only drop out
        # when the filter is set. Junk ("abc", "-5") is ignored.
        minimum = parse_amount(value)
        if minimum is None:
            return queryset
        return queryset.filter(
            Q(salary_max__gte=minimum) | Q(salary_max__isnull=True, salary_min__gte=minimum)
        )

    def filter_sort(self, queryset, name, value):
        # Anything else ("relevance", junk) keeps the default: best match first when
        # searching, newest first otherwise.
        ordering = self.SORTS.get(clean_text(value))
        return queryset.order_by(*ordering) if ordering else queryset

    @property
    def selected(self):
        """The cleaned filter values, for the page's form, chips and links."""
        # The fields that passed validation, which are what filtering applies: a NUL byte in
        # one field must not hide the others from the page, its canonical URL and cache key.
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return {
            "q": clean_text(data.get("q") or "")[:MAX_QUERY_LENGTH],
            "tag": data.get("tag") or [],
            "location": data.get("location") or [],
            "type": data.get("type") or [],
            "level": data.get("level") or [],
            "contract": data.get("contract") or [],
            "company": data.get("company") or [],
            "salary_min": parse_amount(data.get("salary_min")),
            "remote": is_yes(data.get("remote")),
            "sort": clean_text(data.get("sort") or ""),
        }

    def result_set_key(self) -> str:
        """What decides the result set and the facets' selected marks, its order aside.

        The canonical query without sort and page, for caching aggregates of the result set.
        """
        return urlencode([(key, value) for key, value in self.canonical_params() if key != "sort"])

    def canonical_query(self, page_number=1) -> str:
        """The query string that names this result set: cleaned values, defaults dropped.

        Search engines then see one URL per result set, whatever junk or order the visitor's
        URL had (`?page=1&sort=newest&utm_source=x` is the same page as `?`).
        """
        params = self.canonical_params(page_number)
        return "?" + urlencode(params) if params else ""

    def canonical_params(self, page_number=1) -> list[tuple[str, str]]:
        """canonical_query() as (name, value) pairs, in a fixed order."""
        selected = self.selected
        params = [("q", selected["q"])] if selected["q"] else []
        for key in ("tag", "location", "type", "level", "contract", "company"):
            params += [(key, value) for value in sorted(selected[key])]
        if selected["remote"]:
            params.append(("remote", "1"))
        if selected["salary_min"] is not None:
            params.append(("salary_min", str(selected["salary_min"])))
        # Newest first is the default only without a search; with one, it is best match.
        if selected["sort"] in self.SORTS and (selected["sort"] != "newest" or selected["q"]):
            params.append(("sort", selected["sort"]))
        if page_number > 1:
            params.append(("page", str(page_number)))
        return params


def parse_amount(value):
    text = clean_text(value or "").replace(",", "").replace("_", "")
    # ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else None


def is_yes(value) -> bool:
    return clean_text(value or "").lower() in {"1", "true", "on", "yes"}
