from pathlib import Path

import pytest

from tests.factories import PostingFactory

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts from the same catalogue version: a page cached by an
    # earlier test must not answer for this one.
    from django.core.cache import cache

    from postings.catalogue import index

    cache.clear()
    index.reset()  # the index of the last test's database, which was rolled back
    yield
    cache.clear()
    index.reset()


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def board():
    """Four live postings and one archived, covering every filter."""
    return {
        "go": PostingFactory(
            title="Go SF",
            location="Remote or San Francisco",
            tags=["golang", "kubernetes"],
            job_type="software",
        ),
        "py": PostingFactory(
            title="Python Berlin",
            location="Berlin, Germany",
            tags=["python", "kubernetes"],
            job_type="software",
        ),
        "design": PostingFactory(
            title="Designer London",
            location="London, GB - Remote OK",
            tags=["ui/ux", "figma"],
            job_type="design",
        ),
        "sales": PostingFactory(
            title="Sales NYC", location="New York, NY", tags=[], job_type="other"
        ),
        "old": PostingFactory(
            title="Archived Go", location="Remote", tags=["golang"], archived=True
        ),
    }
