"""Lists page through their first results only: past the window, a page that says to refine."""

import pytest

from postings.pagination import WindowPaginator
from tests.factories import PostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(WindowPaginator, "window", 50)  # two pages of 25
    PostingFactory.create_batch(80, tags=["go"])


def test_pages_within_the_window_are_served(client, small_window):
    response = client.get("/?page=2")
    assert len(response.context["page"]) == 25
    assert response.context["page"].paginator.num_pages == 2
    assert 'rel="next"' not in response.content.decode()  # no link past the window


def test_a_page_past_the_window_says_to_refine_the_list(client, small_window):
    response = client.get("/?tag=go&page=3")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Refine your search" in html
    assert not list(response.context["page"])
    assert response.context["total"] == 80  # the filters and counts are still there to refine
    assert 'href="?tag=go&amp;page=2">Page 2, the last one shown</a>' in html


def test_past_the_end_of_a_short_list_is_its_last_page(client, monkeypatch):
    monkeypatch.setattr(WindowPaginator, "window", 50)
    PostingFactory.create_batch(30)  # two pages, within the window
    response = client.get("/?page=99")
    assert response.context["page"].number == 2
    assert len(response.context["page"]) == 5
    assert "Refine your search" not in response.content.decode()


@pytest.mark.parametrize("number", ["1e999", "nan", "-inf", "99999999999999999999999", "3.7", "-4"])
def test_hostile_page_numbers_are_a_page_never_an_error(client, small_window, number):
    response = client.get(f"/?page={number}")
    assert response.status_code == 200
    assert response.context["total"] == 80


def test_the_archive_is_windowed_the_same_way(client, monkeypatch):
    monkeypatch.setattr(WindowPaginator, "window", 50)
    PostingFactory.create_batch(60, archived=True)
    assert len(client.get("/archive/?page=2").context["page"]) == 25
    assert "Refine your search" in client.get("/archive/?page=3").content.decode()
