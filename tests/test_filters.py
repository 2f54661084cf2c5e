import pytest

from postings.filters import parse_amount


@pytest.mark.parametrize("value", ["²", "١٢", "１２", "Ⅻ", "½", "𝟙"])
def test_salary_amount_in_unicode_digits_is_ignored(value):
    # str.isdigit() is true for "²", int() refuses it: this was a 500 on /?salary_min=%C2%B2.
    assert parse_amount(value) is None


@pytest.mark.django_db
def test_list_and_feed_with_a_superscript_salary_minimum_answer(client):
    assert client.get("/?salary_min=%C2%B2").status_code == 200
    assert client.get("/feeds/jobs.rss?salary_min=%C2%B2").status_code == 200
