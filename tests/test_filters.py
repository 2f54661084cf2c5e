from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from postings.filters import PostingFilter, SlugListField, parse_amount
from postings.models import Posting, Tag
from postings.vocabulary import FILTERS
from tests.factories import PostingFactory


@pytest.mark.parametrize("value", ["²", "١٢", "１２", "Ⅻ", "½", "𝟙"])
def test_salary_amount_in_unicode_digits_is_ignored(value):
    # str.isdigit() is true for "²", int() refuses it: this was a 500 on /?salary_min=%C2%B2.
    assert parse_amount(value) is None


@pytest.mark.django_db
def test_list_and_feed_with_a_superscript_salary_minimum_answer(client):
    assert client.get("/?salary_min=%C2%B2").status_code == 200
    assert client.get("/feeds/jobs.rss?salary_min=%C2%B2").status_code == 200


@pytest.mark.django_db
def test_tags_given_by_id_select_the_same_postings_as_by_slug():
    both = PostingFactory(tags=["python", "golang"])
    PostingFactory(tags=["python"])
    ids = dict(Tag.objects.values_list("slug", "pk"))
    data = QueryDict("tag=python&tag=golang")
    by_slug = PostingFilter(data, Posting.objects.live()).qs
    by_id = PostingFilter(data, Posting.objects.live(), tag_ids=ids).qs
    assert list(by_id) == list(by_slug) == [both]
    assert "slug" not in str(by_id.query).split("WHERE", 1)[1]


def posting_filter(query):
    return PostingFilter(QueryDict(query), Posting.objects.live())


@pytest.mark.parametrize(
    "query",
    [
        "remote=1&tag=go&tag=aws",
        "tag=aws&tag=Go&remote=yes&utm_source=mail",
        "tag=go&tag=aws&tag=go&remote=on&sort=featured&page=3&salary_min=lots",
    ],
)
def test_result_set_key_is_the_canonical_query_without_sort_and_page(query):
    assert posting_filter(query).result_set_key() == "tag=aws&tag=go&remote=1"


@pytest.mark.parametrize(
    "query",
    [
        "q=go",
        "tag=aws",
        "location=berlin",
        "type=design",
        "level=senior",
        "contract=permanent",
        "company=acme",
        "salary_min=50000",
    ],
)
def test_every_filter_changes_the_result_set_key(query):
    assert posting_filter(f"remote=1&{query}").result_set_key() != "remote=1"


def test_with_a_search_newest_first_is_part_of_the_canonical_query():
    # Best match is the default with a search: newest first is another order.
    assert posting_filter("q=go&sort=newest").canonical_query() == "?q=go&sort=newest"
    assert posting_filter("q=go&sort=relevance").canonical_query() == "?q=go"
    assert posting_filter("sort=newest").canonical_query() == ""


def test_a_field_that_fails_validation_leaves_the_others_selected():
    # A NUL byte fails validation: that field is dropped, from the filter and the page alike.
    filterset = posting_filter("tag=go&q=x%00y")
    assert filterset.selected["tag"] == ["go"]
    assert filterset.canonical_query() == "?tag=go"


@pytest.mark.django_db
def test_the_search_that_runs_is_the_one_the_page_shows():
    PostingFactory(title="Golang engineer")
    # Past the 200 characters the page shows, "-golang" would exclude the posting.
    filterset = posting_filter(urlencode({"q": "golang" + " " * 200 + "-golang"}))
    assert filterset.selected["q"].strip() == "golang"
    assert [p.title for p in filterset.qs] == ["Golang engineer"]


# --- the table of filters drives the FilterSet --------------------------------------------


def test_the_filterset_has_the_tables_filters_in_its_order_with_its_labels():
    fields = posting_filter("").form.fields
    assert list(fields) == [spec.key for spec in FILTERS]
    assert [field.label for field in fields.values()] == [spec.label for spec in FILTERS]
    for spec in FILTERS:
        assert isinstance(fields[spec.key], SlugListField) is spec.kind.repeatable, spec.key


def test_selected_holds_every_filter_of_the_table_cleaned_by_its_kind():
    selected = posting_filter("").selected
    assert list(selected) == [spec.key for spec in FILTERS]
    assert selected == {
        "q": "",
        "tag": [],
        "location": [],
        "type": [],
        "level": [],
        "contract": [],
        "company": [],
        "remote": False,
        "salary_min": None,
        "sort": "",
    }


def test_the_canonical_query_names_the_filters_in_the_tables_order():
    # The order of the canonical URL and of every cache key: it must never change.
    query = (
        "page=2&sort=featured&salary_min=50%2C000&remote=yes&company=acme&contract=full-time"
        "&level=senior&type=design&location=munich&location=berlin&tag=Go&tag=aws&q=+go+&x=1"
    )
    assert posting_filter(query).canonical_query(page_number=2) == (
        "?q=go&tag=aws&tag=go&location=berlin&location=munich&type=design&level=senior"
        "&contract=full-time&company=acme&remote=1&salary_min=50000&sort=featured&page=2"
    )
    assert [spec.key for spec in FILTERS] == [
        "q",
        "tag",
        "location",
        "type",
        "level",
        "contract",
        "company",
        "remote",
        "salary_min",
        "sort",
    ]
