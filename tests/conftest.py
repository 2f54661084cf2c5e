from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts from the same catalogue version: a page cached by an
    # earlier test must not answer for this one.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(user)
    return client
