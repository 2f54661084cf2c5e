import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from postings.models import Posting, Status
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    """{location: lastmod or None} of every URL in /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.findall(f"{SITEMAP}url")
    }


def absolute(obj):
    return f"http://testserver{obj.get_absolute_url()}"


# --- sitemap.xml ---------------------------------------------------------------------------


def test_sitemap_lists_live_postings_with_lastmod(client):
    posting = PostingFactory()
    Posting.objects.filter(pk=posting.pk).update(updated_at=datetime(2024, 3, 5, tzinfo=UTC))
    assert sitemap_entries(client)[absolute(posting)] == "2024-03-05"


def test_archived_and_expired_postings_are_not_in_the_sitemap(client):
    live = PostingFactory()
    archived = PostingFactory(archived=True)
    expired = PostingFactory(expires_at=timezone.now() - timedelta(days=1))
    entries = sitemap_entries(client)
    assert absolute(live) in entries
    assert absolute(archived) not in entries
    assert absolute(expired) not in entries


def test_sitemap_lists_only_companies_that_are_hiring(client):
    hiring = CompanyFactory(name="Hiring")
    PostingFactory(company=hiring)
    closed = CompanyFactory(name="Closed")
    PostingFactory(company=closed, archived=True)
    idle = CompanyFactory(name="Idle")
    entries = sitemap_entries(client)
    assert absolute(hiring) in entries
    assert absolute(closed) not in entries
    assert absolute(idle) not in entries


def test_company_lastmod_is_its_newest_live_change(client):
    company = CompanyFactory()
    old, new, archived = PostingFactory.create_batch(3, company=company)
    Posting.objects.filter(pk=archived.pk).update(status=Status.ARCHIVED)
    updates = {old: datetime(2024, 1, 1), new: datetime(2030, 6, 7), archived: datetime(2031, 1, 1)}
    for posting, when in updates.items():
        Posting.objects.filter(pk=posting.pk).update(updated_at=when.replace(tzinfo=UTC))
    assert sitemap_entries(client)[absolute(company)] == "2030-06-07"


def test_sitemap_lists_the_list_pages(client):
    entries = sitemap_entries(client)
    assert "http://testserver/" in entries
    assert "http://testserver/companies/" in entries
    assert "http://testserver/tags/" in entries


def test_every_sitemap_location_is_absolute_and_answers(client):
    PostingFactory.create_batch(2)
    for location in sitemap_entries(client):
        assert location.startswith("http://testserver/")
        assert client.get(location).status_code == 200


def test_sitemap_query_count_does_not_grow_with_the_number_of_urls(
    client, django_assert_max_num_queries
):
    PostingFactory.create_batch(2)
    with django_assert_max_num_queries(4):
        assert len(sitemap_entries(client)) == 3 + 2 + 2
    PostingFactory.create_batch(20)
    with django_assert_max_num_queries(4):
        assert len(sitemap_entries(client)) == 3 + 22 + 22


# --- robots.txt ----------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_sitemap_line_follows_the_host_and_scheme(client, settings):
    settings.ALLOWED_HOSTS = ["jobs.example.org"]
    response = client.get("/robots.txt", HTTP_HOST="jobs.example.org", secure=True)
    assert "Sitemap: https://jobs.example.org/sitemap.xml" in response.content.decode()
