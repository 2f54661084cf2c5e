"""The page cache is never stale: whatever path changes the catalogue, the next request shows
it, on the local-memory cache and on Redis alike."""

import os
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from postings.cache import catalogue_state
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
        "KEY_PREFIX": "jobboard-tests",
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
