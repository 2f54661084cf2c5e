import pytest
from django.http import QueryDict

from postings.filters import PostingFilter, parse_amount
from postings.models import Posting, Tag
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
