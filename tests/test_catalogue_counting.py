"""The index answers exactly as SQL does: the same postings, in the same order, and the same
count for every facet, on random filter combinations over a board that has every kind of
posting (both databases: the suite runs on each)."""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from postings import facets
from postings.catalogue import counting, index
from postings.catalogue.ordering import ordered_slice, tiers_for
from postings.filters import PostingFilter
from postings.models import Place, Posting, Tag
from postings.search import search_sets
from tests.factories import CompanyFactory, PostingFactory
from tests.fuzzing import fuzz

LOCATIONS = [
    "Berlin, Germany",
    "Munich",
    "Hamburg, Germany - Remote OK",
    "Remote",
    "Anywhere",
    "Remote (US only)",
    "Remote - EMEA",
    "Remote - Germany",
    "Remote or Berlin",
    "London, UK",
    "Paris, France",
    "New York, NY",
    "Toronto, Canada",
    "Remote (Europe)",
    "",
]
TAGS = ["python", "golang", "rust", "kubernetes", "design"]
TYPES = ["software", "design", "other", ""]
TITLES = ["Senior Python Engineer", "Data Engineer", "Golang developer (contract)", "Designer",
          "Part-time support", "Lead engineer, remote", "Junior Rust Engineer"]  # fmt: skip
QUERIES = ["", "engineer", "python", "remote", "-senior", "python or golang", '"data engineer"',
           "berl", "germany", "nothingmatches", "engineer -python"]  # fmt: skip


def make_board(seed=7, size=70):
    rng = random.Random(seed)
    companies = [CompanyFactory(name=name) for name in ("Acme", "Globex", "Initech", "Umbrella")]
    now = timezone.now()
    for _ in range(size):
        salary = rng.choice([None, 40_000, 80_000, 120_000])
        PostingFactory(
            title=rng.choice(TITLES),
            body=rng.choice(["We use Python.", "Kubernetes and Go.", "A **remote** team.", ""]),
            company=rng.choice(companies),
            location=rng.choice(LOCATIONS),
            job_type=rng.choice(TYPES),
            tags=rng.sample(TAGS, rng.randint(0, 3)),
            featured=rng.choice([0, 0, 0, 1, 2]),
            status=rng.choice(["published"] * 6 + ["archived", "draft"]),
            expires_at=rng.choice([None, None, now - timedelta(days=1), now + timedelta(days=9)]),
            salary_min=salary,
            salary_max=salary and salary + rng.choice([0, 20_000]) if rng.random() < 0.7 else None,
            salary_currency="EUR" if salary else "",
            salary_period="year" if salary else "",
        )


@pytest.fixture
def board(db):
    make_board()
    return {
        "places": sorted(Place.objects.values_list("slug", flat=True)),
        "tags": sorted(Tag.objects.values_list("slug", flat=True)),
    }


def head():
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM postings_change")
        return cursor.fetchone()[0]


def queries(board):
    places = st.lists(st.sampled_from([*board["places"], "atlantis"]), max_size=2)
    return st.fixed_dictionaries(
        {
            "q": st.sampled_from(QUERIES),
            "tag": st.lists(st.sampled_from([*board["tags"], "cobol"]), max_size=2),
            "location": places,
            "type": st.lists(st.sampled_from(TYPES[:3]), max_size=2),
            "level": st.lists(st.sampled_from(["senior", "junior", "lead", "mid"]), max_size=1),
            "contract": st.lists(st.sampled_from(["contract", "part-time"]), max_size=1),
            "company": st.lists(st.sampled_from(["acme", "globex", "nobody"]), max_size=1),
            "remote": st.sampled_from(["", "1"]),
            "salary_min": st.sampled_from(["", "0", "50000", "100000"]),
            "sort": st.sampled_from(["", "newest", "featured", "relevance"]),
        }
    )


def query_dict(values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def facet_rows(numbers, key):
    return [(f.slug, f.count, f.selected, f.narrows) for f in numbers[key]]


def sql_answer(data):
    filterset = PostingFilter(data, queryset=Posting.objects.live())
    numbers = facets.summary(filterset.qs, filterset.selected)
    return list(filterset.qs.values_list("pk", flat=True)), numbers


def index_answer(data):
    filterset = PostingFilter(data, queryset=Posting.objects.none())
    selected = filterset.selected
    catalogue = index.catalogue_index(head())
    search = search_sets(selected["q"]) if selected["q"] else None
    found = counting.result_set(catalogue, selected, search)
    numbers = counting.summary(catalogue, found, selected)
    tiers = tiers_for(catalogue, found, filterset.sort, search)
    return ordered_slice(catalogue, tiers, 0, 10_000), numbers


def assert_same(data):
    sql_ids, sql = sql_answer(data)
    ids, numbers = index_answer(data)
    assert ids == sql_ids
    assert numbers["total"] == sql["total"] == len(sql_ids)
    assert numbers["remote_count"] == sql["remote_count"]
    assert numbers["open_to"] == sql["open_to"]
    for key in ("type_facets", "level_facets", "contract_facets", "tag_facets"):
        assert facet_rows(numbers, key) == facet_rows(sql, key), key
    for key in ("place_facets", "city_facets"):
        assert facet_rows(numbers, key) == facet_rows(sql, key), key


def test_the_board_covers_every_kind_of_posting(board):
    assert Posting.objects.live().filter(remote=True).exists()
    assert Posting.objects.closed().exists()
    assert Posting.objects.filter(status="draft").exists()
    assert len(board["places"]) > 10


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"location": ["germany"]},
        {"location": ["berlin"], "remote": "1"},
        {"location": ["europe"]},
        {"q": "engineer", "sort": "featured"},
        {"q": "-senior"},
        {"salary_min": "50000", "tag": ["python"]},
    ],
)
def test_the_index_gives_the_sql_answer(board, query):
    assert_same(query_dict(query))


@fuzz
@given(data=st.data())
def test_the_index_gives_the_sql_answer_for_any_filters(board, data):
    assert_same(query_dict(data.draw(queries(board))))


def test_the_index_follows_expiry_without_a_write(board, monkeypatch):
    soon = PostingFactory(title="Closing soon", expires_at=timezone.now() + timedelta(minutes=2))
    assert soon.pk in index.catalogue_index(head()).live()
    later = timezone.now() + timedelta(minutes=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert soon.pk not in index.catalogue_index(head()).live()
    assert soon.pk in index.catalogue_index(head()).closed()
    assert_same(query_dict({}))
