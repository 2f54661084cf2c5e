"""The one FilterSet behind the posting list, the feeds and the counts.

Its fields, cleaned values and canonical URL follow the table of filters in vocabulary.py.

Query strings are untrusted: every value is cleaned, capped and, when it makes no sense,
ignored, so that no query string can turn into a server error.
"""

from collections.abc import Mapping
from urllib.parse import urlencode

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from django.utils.text import slugify

from .derive import job_type_label
from .models import Posting, TaggedPosting
from .places import matching
from .vocabulary import FILTERS, Kind

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


def filter_for(spec):
    """The FilterSet field of one filter of the table."""
    field = SlugListFilter if spec.kind.repeatable else django_filters.CharFilter
    if spec.method:
        return field(field_name=spec.key, method=spec.method, label=spec.label)
    return field(field_name=spec.lookup, lookup_expr="in", label=spec.label)


class PostingFilter(django_filters.FilterSet):
    SORTS = {
        "newest": ("-posted_at", "-pk"),
        "featured": ("-featured", "-posted_at", "-pk"),
    }

    class Meta:
        model = Posting
        fields = []

    @classmethod
    def get_filters(cls):
        # The table's filters, in its order (each names its method or field): none declared here.
        return {spec.key: filter_for(spec) for spec in FILTERS}

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
        # A place matches the places inside it, and the remote postings open to it.
        return queryset.filter(matching(slugs))

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
    def sort(self) -> str:
        """The order the results come in: a name of SORTS, or "relevance"."""
        chosen = self.selected["sort"]
        return chosen if chosen in self.SORTS else self.default_sort

    @property
    def default_sort(self):
        # Newest first is the default only without a search; with one, it is best match.
        return "relevance" if self.selected["q"] else "newest"

    @property
    def selected(self):
        """The cleaned filter values, for the page's form, chips and links."""
        # The fields that passed validation, which are what filtering applies: a NUL byte in
        # one field must not hide the others from the page, its canonical URL and cache key.
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return {spec.key: cleaned(spec.kind, data.get(spec.key)) for spec in FILTERS}

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
        params = []
        for spec in FILTERS:
            key, value = spec.key, selected[spec.key]
            if spec.kind is Kind.SEARCH and value:
                params.append((key, value))
            elif spec.kind.repeatable:
                params += [(key, slug) for slug in sorted(value)]
            elif spec.kind is Kind.FLAG and value:
                params.append((key, "1"))
            elif spec.kind is Kind.AMOUNT and value is not None:
                params.append((key, str(value)))
            elif spec.kind is Kind.ORDERING and value in self.SORTS and value != self.default_sort:
                params.append((key, value))
        if page_number > 1:
            params.append(("page", str(page_number)))
        return params


def cleaned(kind, value):
    """A field's value as the page, its canonical URL and the describer read it."""
    if kind is Kind.SEARCH:
        return clean_text(value or "")[:MAX_QUERY_LENGTH]
    if kind.repeatable:
        return value or []
    if kind is Kind.FLAG:
        return is_yes(value)
    if kind is Kind.AMOUNT:
        return parse_amount(value)
    return clean_text(value or "")


def display_names(selected, known=None) -> dict[str, dict[str, str]]:
    """The display name of each chosen slug, by filter: {"company": {"acme-2": "Acme"}}.

    A slug that names nothing is left out (it matches no posting either). `known` holds names
    the caller has at hand, in the same shape (`names_on()` the postings shown, the facets):
    the rest cost one query per filter that still lacks some, and nothing chosen costs none.
    """
    names = {}
    for spec in FILTERS:
        slugs = selected.get(spec.key) if spec.kind.repeatable else None
        if not slugs:
            continue
        found = {s: name for s, name in (known or {}).get(spec.key, {}).items() if s in slugs}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            found |= lookup_names(spec.names, missing)
        names[spec.key] = found
    return names


def lookup_names(source, slugs) -> dict[str, str]:
    if isinstance(source, Mapping):
        return {slug: source[slug] for slug in slugs if slug in source}
    rows = getattr(apps.get_model("postings", source.model).objects, source.scope)()
    rows = rows.filter(**{f"{source.slug}__in": slugs}).order_by()
    return {
        slug: source.display(name)
        for slug, name in rows.values_list(source.slug, source.name).distinct()
    }


def names_on(postings) -> dict[str, dict[str, str]]:
    """The names that postings loaded `for_cards()` carry: their companies, tags and job types."""
    names = {"company": {}, "tag": {}, "type": {}}
    for posting in postings:
        names["company"][posting.company.slug] = posting.company.name
        names["tag"].update((tag.slug, tag.name) for tag in posting.tags.all())
        if posting.job_type:
            names["type"][posting.job_type] = job_type_label(posting.job_type)
    return names


def parse_amount(value):
    text = clean_text(value or "").replace(",", "").replace("_", "")
    # ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses.
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else None


def is_yes(value) -> bool:
    return clean_text(value or "").lower() in {"1", "true", "on", "yes"}
