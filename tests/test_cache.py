"""The page cache is never stale: whatever path changes the catalogue, the next request shows
it, on the local-memory cache and on Redis alike."""

import os
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import QueryDict
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from postings.cache import MAX_CACHED_PAGE, catalogue_state, page_query, sitemap_query
from postings.importers import import_paths
from postings.models import Posting, Status, Tag
from tests.factories import PostingFactory, posting_form_data
from tests.test_importers import SEED

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        # Per process: entries are counted by prefix, and other test runs share the database.
        "KEY_PREFIX": f"jobboard-tests-{os.getpid()}",
    }
}


def redis_is_up():
    try:
        import redis

        return redis.Redis.from_url(REDIS["default"]["LOCATION"], socket_timeout=1).ping()
    except Exception:
        return False


@pytest.fixture(
    params=[
        "locmem",
        pytest.param(
            "redis",
            # CI sets REQUIRE_REDIS: there, a missing Redis fails the run instead of skipping.
            marks=pytest.mark.skipif(
                not redis_is_up() and not os.environ.get("REQUIRE_REDIS"),
                reason="no Redis on 127.0.0.1:6379",
            ),
        ),
    ]
)
def page_cache(request, settings):
    settings.PAGE_CACHE = True
    with override_settings(CACHES=REDIS if request.param == "redis" else LOCMEM):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


@pytest.fixture
def posting():
    return PostingFactory(title="Original title", tags=["go"])


def test_second_request_is_served_from_the_cache(
    client, page_cache, posting, django_assert_num_queries
):
    client.get("/")
    with django_assert_num_queries(1):  # the catalogue state, nothing else
        response = client.get("/")
    assert "Original title" in response.content.decode()


def test_every_write_changes_the_catalogue_state(posting):
    before = catalogue_state()
    Posting.objects.filter(pk=posting.pk).update(featured=3)  # a bulk update: no signals
    assert catalogue_state() != before


def test_admin_edit_is_visible_on_the_next_request(admin_client, page_cache, posting):
    assert "Original title" in admin_client.get(posting.get_absolute_url()).content.decode()
    data = posting_form_data(posting, title="Edited in the admin")
    response = admin_client.post(reverse("admin:postings_posting_change", args=[posting.pk]), data)
    assert response.status_code == 302
    assert "Edited in the admin" in admin_client.get(posting.get_absolute_url()).content.decode()
    assert "Edited in the admin" in admin_client.get("/").content.decode()


def test_bulk_action_is_visible_on_the_next_request(admin_client, page_cache, posting):
    assert "Original title" in admin_client.get("/").content.decode()
    admin_client.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "archive", "_selected_action": [posting.pk]},
    )
    assert "Original title" not in admin_client.get("/").content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda p: Posting.objects.filter(pk=p.pk).update(title="Changed in the shell"),
        lambda p: Posting.objects.filter(pk=p.pk).update(status=Status.DRAFT),
        lambda p: p.delete(),
        lambda p: Tag.objects.filter(name="go").update(name="Changed in the shell"),
        lambda p: p.company.__class__.objects.filter(pk=p.company_id).update(
            name="Changed in the shell"
        ),
    ],
    ids=["title", "status", "delete", "tag", "company"],
)
def test_shell_changes_are_visible_on_the_next_request(client, page_cache, posting, change):
    before = client.get("/").content.decode()
    assert "Original title" in before
    change(posting)
    assert client.get("/").content.decode() != before


TITLE = "Backend engineer"


def rendered(response):
    """Whether the view rendered this response: the test client records the templates of a
    page, and feed_items() the feeds that asked for their items."""
    return bool(response.templates) or bool(getattr(response, "feed_items", 0))


@pytest.fixture
def feed_items(monkeypatch):
    from postings.feeds import PostingFeed

    calls = []
    items = PostingFeed.items

    def counted(self, obj):
        calls.append(obj)
        return items(self, obj)

    monkeypatch.setattr(PostingFeed, "items", counted)
    return calls


@pytest.mark.parametrize(
    "path", ["/", "/?tag=go", "/tags/", "/companies/", "/archive/", "/feeds/jobs.rss"]
)
def test_editing_the_text_of_a_posting_a_page_does_not_show_keeps_the_page(
    client, page_cache, feed_items, path
):
    def get(path):
        before = len(feed_items)
        response = client.get(path)
        response.feed_items = len(feed_items) - before
        return response

    # Titles without a level or contract word ("Engineer 1099" is a contract): the edit below
    # changes only text.
    PostingFactory.create_batch(60 if "feeds" in path else 30, title=TITLE, tags=["go"])
    PostingFactory(title="Closed", archived=True)  # the archive shows it, not the oldest
    oldest = Posting.objects.live().order_by("posted_at").first()
    assert rendered(get(path))
    oldest.title = f"{TITLE}, edited far down the list"
    oldest.save()
    again = get(path)
    assert not rendered(again)
    assert "edited far down the list" not in again.content.decode()
    assert not rendered(get(path))  # and cached under the new state


def test_a_detail_page_is_kept_when_another_postings_text_changes(client, page_cache):
    shown = PostingFactory(title=TITLE, tags=["go"])
    other = PostingFactory(title=TITLE, tags=["rust"])
    assert rendered(client.get(shown.get_absolute_url()))
    other.title = f"{TITLE}, another title"
    other.save()
    assert not rendered(client.get(shown.get_absolute_url()))
    shown.title = f"{TITLE}, its own new title"
    shown.save()
    assert "its own new title" in client.get(shown.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.tags.add("python"),  # a count changes
        lambda p: Posting.objects.filter(pk=p.pk).update(featured=5),  # the order
        lambda p: Posting.objects.filter(pk=p.pk).update(status=Status.ARCHIVED),
        lambda p: Tag.objects.filter(name="go").update(name="Go language"),  # a name
        lambda p: PostingFactory(tags=["go"]),
    ],
    ids=["tags", "featured", "status", "tag-name", "new-posting"],
)
def test_any_other_write_renders_the_page_again(client, page_cache, change):
    PostingFactory.create_batch(30, tags=["go"])
    oldest = Posting.objects.order_by("posted_at").first()
    assert rendered(client.get("/"))
    change(oldest)
    assert rendered(client.get("/"))


def test_a_search_page_is_kept_while_its_search_matches_the_same_postings(client, page_cache):
    PostingFactory.create_batch(30, title="Go developer")
    oldest = Posting.objects.order_by("posted_at").first()
    unrelated = PostingFactory(title="Designer")
    assert rendered(client.get("/?q=go"))
    unrelated.title = "Product designer"  # no level or contract word: counts stay
    unrelated.save()
    assert not rendered(client.get("/?q=go"))
    oldest.title = "Designer"  # no longer found: the count changes
    oldest.save()
    response = client.get("/?q=go")
    assert rendered(response)
    assert response.context["total"] == 29


def test_a_kept_page_is_rendered_again_once_a_posting_expires(client, page_cache, monkeypatch):
    PostingFactory.create_batch(30, title=TITLE)
    PostingFactory(title="Closing soon", expires_at=timezone.now() + timedelta(minutes=2))
    oldest = Posting.objects.order_by("posted_at").first()
    assert "Closing soon" in client.get("/").content.decode()
    oldest.title = f"{TITLE}, edited"
    oldest.save()
    later = timezone.now() + timedelta(minutes=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Closing soon" not in client.get("/").content.decode()


def test_import_is_visible_on_the_next_request(client, page_cache):
    assert "Senior Backend Engineer" not in client.get("/").content.decode()
    import_paths([SEED])
    assert "Senior Backend Engineer" in client.get("/").content.decode()


def test_an_expiry_is_visible_on_the_next_request_without_any_write(
    client, page_cache, posting, monkeypatch
):
    PostingFactory(title="Closing soon", expires_at=timezone.now() + timedelta(minutes=2))
    assert "Closing soon" in client.get("/").content.decode()
    later = timezone.now() + timedelta(minutes=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    page = client.get("/").content.decode()
    assert "Closing soon" not in page
    assert "Original title" in page


def test_admin_and_preview_are_never_cached(admin_client, page_cache):
    draft = PostingFactory(draft=True, title="Draft title")
    admin_client.get(draft.get_preview_url())
    Posting.objects.filter(pk=draft.pk).update(title="New draft title")
    assert "New draft title" in admin_client.get(draft.get_preview_url()).content.decode()


@pytest.mark.parametrize("url", ["/feeds/jobs.rss", "/sitemap.xml", "/tags/", "/companies/"])
def test_feeds_sitemap_and_indexes_are_cached_too(
    client, page_cache, posting, url, django_assert_num_queries
):
    first = client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).content == first.content


def test_cached_responses_are_stored_in_one_piece(client, page_cache, posting):
    client.get("/feeds/jobs.rss")
    response = client.get("/feeds/jobs.rss")
    assert len(response._container) == 1


# --- what a page is cached under --------------------------------------------------------------


def entry_count(cache):
    if isinstance(cache, LocMemCache):
        return len(cache._cache)
    client = cache._cache.get_client()
    return sum(1 for _ in client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))


JUNK = [
    "utm_source=mail{n}",
    "tag=go&junk{n}=1",
    "page=x{n}",
    "sort=sideways{n}&remote=maybe{n}",
    "salary_min=lots{n}&tag=Go&tag=go&q=",
]


def test_ten_thousand_junk_queries_add_a_handful_of_entries(rf, page_cache, posting):
    # One client wrote 47 MB in 20 s this way: one entry per query string. Through the view
    # and its cache, without the middleware, for speed.
    view = resolve("/").func
    for n in range(10_000):
        assert view(rf.get("/?" + JUNK[n % len(JUNK)].format(n=n))).status_code == 200
    # "/" and "/?tag=go", each under the catalogue state and under its URL alone
    assert entry_count(page_cache) <= 4


# Each cached page: its first URL, and query strings that are the same page to it.
SAME_PAGE = {
    "list": (
        "/?tag=go&remote=1",
        ["?remote=yes&tag=Go&utm_source=x", "?tag=go&remote=on&page=1&sort=newest&salary_min=x"],
    ),
    "list-page": ("/?q=title&page=2", ["?page=02&q=+title+&x=1", "?page=%2B2&q=title"]),
    "rss": ("/feeds/jobs.rss?tag=go", ["?tag=Go&page=3&utm_source=x"]),
    "atom": ("/feeds/jobs.atom", ["?page=2&sort=newest"]),
    "detail": ("<posting>", ["?utm_source=x&page=2&tag=go"]),
    "company": ("<company>", ["?page=01&utm_source=x", "?page=abc", "?page=+1"]),
    "companies": ("/companies/", ["?page=1&tag=go"]),
    "archive": ("/archive/", ["?page=junk&q=go"]),
    "tags": ("/tags/", ["?tag=go&page=2"]),
    "sitemap": ("/sitemap.xml", ["?p=1&utm_source=x", "?p=01"]),
}


@pytest.mark.parametrize("page", SAME_PAGE)
def test_junk_reordered_and_default_parameters_are_served_from_the_same_entry(
    client, page_cache, posting, page, django_assert_num_queries
):
    first, variants = SAME_PAGE[page]
    first = first.replace("<posting>", posting.get_absolute_url())
    first = first.replace("<company>", posting.company.get_absolute_url())
    expected = client.get(first)
    assert expected.status_code == 200
    for query in variants:
        with django_assert_num_queries(1):  # the catalogue state, nothing else
            response = client.get(first.split("?")[0] + query)
        assert response.content == expected.content
    assert entry_count(page_cache) <= 2  # the list: its page and its facet counts


def test_junk_parameters_never_reach_the_links_of_a_cached_page(client, page_cache, posting):
    # The page is rendered from its canonical query: a visitor's junk is not in its links...
    assert "utm_source" not in client.get("/?tag=go&utm_source=evil&q=").content.decode()
    # ...and the next visitor, served the same entry, gets links without it.
    html = client.get("/?tag=go").content.decode()
    assert "utm_source" not in html
    assert 'href="?"' in html  # the tag chip's "remove" link: the list without any filter


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("/?q=title", "/?q=title&sort=newest"),  # with a search, newest first is not the default
        ("/?tag=go", "/?tag=python"),
        ("/companies/", "/companies/?page=0"),  # the last page, not the first
    ],
)
def test_a_different_page_is_a_different_entry(client, page_cache, posting, first, second):
    client.get(first)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(second).status_code == 200
    assert len(queries) > 1  # rendered, not served from the first one's entry


def canonical_link(response):
    html = response.content.decode()
    start = html.index('<link rel="canonical" href="') + len('<link rel="canonical" href="')
    return html[start : html.index('"', start)]


def test_each_scheme_and_host_has_its_own_entry(
    client, page_cache, posting, django_assert_num_queries
):
    assert canonical_link(client.get("/?tag=go", secure=True)) == "https://testserver/?tag=go"
    assert canonical_link(client.get("/?tag=go")) == "http://testserver/?tag=go"
    assert (
        canonical_link(client.get("/?tag=go", HTTP_HOST="localhost")) == "http://localhost/?tag=go"
    )
    with django_assert_num_queries(1):
        response = client.get("/?utm_source=x&tag=go", secure=True)
    assert canonical_link(response) == "https://testserver/?tag=go"


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("", []),
        ("page=1", []),
        ("page=01", []),
        ("page=%2B1", []),
        ("page=+1+", []),
        ("page=abc", []),
        ("page=", []),
        ("page=1.0", []),
        ("page=2", [("page", "2")]),
        ("page=0002", [("page", "2")]),
        ("page=3&page=2", [("page", "2")]),  # the last one, as request.GET.get() reads it
        ("page=0", [("page", "0")]),
        ("page=-7", [("page", "0")]),
        (f"page={MAX_CACHED_PAGE}", [("page", str(MAX_CACHED_PAGE))]),
        (f"page={MAX_CACHED_PAGE + 1}", None),
        ("page=" + "9" * 5000, []),  # past int()'s digit limit: not a number, so page 1
    ],
)
def test_page_numbers_are_read_as_the_paginator_reads_them(query, params):
    assert page_query(QueryDict(query)) == params


@pytest.mark.parametrize(
    ("query", "params"),
    [("", []), ("p=01", []), ("p=2", [("p", "2")]), ("p=abc", None), ("p=0", None)],
)
def test_sitemap_pages_are_read_as_the_sitemap_reads_them(query, params):
    assert sitemap_query(QueryDict(query)) == params


def test_page_numbers_alike_share_an_entry_and_huge_ones_add_none(
    client, page_cache, django_assert_num_queries
):
    PostingFactory.create_batch(30)
    last = client.get("/?page=2")
    assert last.context["page"].number == 2
    for query in ["?page=02", "?page=%2B2", "?page=2&utm_source=x"]:
        with django_assert_num_queries(1):
            assert client.get("/" + query).content == last.content
    client.get("/?page=0")
    with django_assert_num_queries(1):
        client.get("/?page=-5")
    entries = entry_count(page_cache)
    for n in range(3):
        response = client.get(f"/?page={MAX_CACHED_PAGE + 1 + n}")
        assert response.context["page"].number == 2
    assert entry_count(page_cache) == entries


# --- methods ------------------------------------------------------------------------------


def public_urls(posting):
    return [
        "/?q=engineer",
        "/feeds/jobs.rss",
        "/feeds/jobs.atom",
        "/sitemap.xml",
        posting.get_absolute_url(),
        posting.company.get_absolute_url(),
        "/companies/",
        "/archive/",
        "/tags/",
    ]


def test_options_is_answered_without_rendering_the_page(
    client, page_cache, posting, django_assert_num_queries
):
    for url in public_urls(posting):
        with django_assert_num_queries(0):
            response = client.options(url)
        assert response.status_code == 200
        assert response["Allow"] == "GET, HEAD, OPTIONS"
        assert response.content == b""


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PATCH", "DELETE", "PROPFIND", "BREW"])
def test_other_methods_are_not_allowed(
    client, page_cache, posting, method, django_assert_num_queries
):
    for url in public_urls(posting):
        with django_assert_num_queries(0):
            response = client.generic(method, url)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_post_is_not_allowed_with_or_without_a_csrf_token(
    page_cache, posting, django_assert_num_queries
):
    client = Client(enforce_csrf_checks=True)
    for url in public_urls(posting):
        with django_assert_num_queries(0):
            response = client.post(url, {"q": "engineer"})
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD, OPTIONS"
    # Views that do take a POST still check its token.
    assert client.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 403


def test_head_is_served_from_the_cache_like_get(
    client, page_cache, posting, django_assert_num_queries
):
    client.get("/?tag=go")
    with django_assert_num_queries(1):
        response = client.head("/?tag=go&utm_source=x")
    assert response.status_code == 200
