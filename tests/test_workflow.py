"""A draft is invisible to the public everywhere: pages, counts, facets, feeds, the sitemap,
search and the company and tag indexes. Published postings appear; archived and expired ones
keep a closed page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from postings.models import Posting, Status
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    company = CompanyFactory(name="Stealth Startup")
    PostingFactory(title="Public job", tags=["python"])
    return PostingFactory(
        title="Secret Kubernetes Wizard",
        company=company,
        tags=["secretstack"],
        location="Atlantis",
        job_type="wizardry",
        draft=True,
    )


def test_draft_detail_is_404_for_anonymous_visitors(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?q=secret",
        "/?q=kubernetes",
        "/?tag=secretstack",
        "/?location=atlantis",
        "/?type=wizardry",
        "/companies/",
        "/tags/",
        "/archive/",
        "/feeds/jobs.rss",
        "/feeds/jobs.atom?q=wizard",
        "/sitemap.xml",
    ],
)
def test_draft_appears_on_no_public_surface(client, draft, url):
    body = client.get(url).content.decode()
    traces = ["Secret Kubernetes Wizard", draft.slug, "Stealth Startup", "secretstack", "Atlantis"]
    for trace in traces:
        if trace.lower() not in url:  # the page may echo what was asked for, nothing more
            assert trace not in body, f"{trace} leaked on {url}"


def test_draft_counts_nowhere(client, draft):
    response = client.get("/")
    assert response.context["page"].paginator.count == 1
    assert "secretstack" not in {f.slug for f in response.context["tag_facets"]}
    assert "wizardry" not in {f.slug for f in response.context["type_facets"]}
    assert client.get("/?tag=secretstack").context["page"].paginator.count == 0


def test_draft_is_not_found_by_search(draft):
    assert not Posting.objects.live().search("secret wizard").exists()


def test_company_with_only_drafts_has_an_empty_public_page(client, draft):
    response = client.get(draft.company.get_absolute_url())
    assert response.context["page"].paginator.count == 0


def test_publishing_makes_it_public(client, draft):
    draft.status = Status.PUBLISHED
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Secret Kubernetes Wizard" in client.get("/?q=wizard").content.decode()


def test_published_but_expired_is_closed_not_listed(client):
    posting = PostingFactory(expires_at=timezone.now() - timedelta(minutes=1))
    assert posting not in Posting.objects.live()
    assert posting in Posting.objects.closed()
    assert client.get(posting.get_absolute_url()).status_code == 200


def test_drafts_are_not_in_the_archive_either():
    draft = PostingFactory(draft=True, expires_at=timezone.now() - timedelta(days=1))
    assert draft not in Posting.objects.closed()


def test_preview_shows_a_draft_exactly_as_candidates_will_see_it(admin_client, draft):
    response = admin_client.get(draft.get_preview_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Secret Kubernetes Wizard</h1>" in html
    assert "Preview (draft)" in html
    assert 'name="robots" content="noindex"' in html
    assert "<strong>things</strong>" in html  # the sanitized body, as on the public page
