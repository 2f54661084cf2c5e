import json
import time
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from postings.models import Place
from tests import servers
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [posting.title for posting in response.context["page"]]


def count_text(response):
    html = response.content.decode()
    start = html.index('data-testid="result-count"')
    return html[html.index(">", start) + 1 : html.index("</p>", start)].strip()


# --- the list -----------------------------------------------------------------------------


def test_list_shows_live_postings_newest_first(client, board):
    response = client.get("/")
    assert response.status_code == 200
    assert titles(response) == ["Sales NYC", "Designer London", "Python Berlin", "Go SF"]
    assert count_text(response) == "4 jobs"


def test_archived_posting_is_not_listed(client, board):
    assert "Archived Go" not in titles(client.get("/"))


def test_expired_posting_is_not_listed(client, board):
    board["py"].expires_at = timezone.now() - timedelta(days=1)
    board["py"].save()
    assert "Python Berlin" not in titles(client.get("/"))


def test_sort_featured_puts_higher_weight_first(client, board):
    board["go"].featured = 20
    board["go"].save()
    assert titles(client.get("/?sort=featured"))[0] == "Go SF"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=golang", {"Go SF"}),
        ("tag=kubernetes", {"Go SF", "Python Berlin"}),
        ("tag=ui-ux", {"Designer London"}),
        ("tag=cobol", set()),
        # A place finds its own postings and the remote ones its people may take.
        ("location=san-francisco", {"Go SF", "Designer London"}),
        ("location=berlin&location=london", {"Python Berlin", "Designer London", "Go SF"}),
        ("location=germany", {"Python Berlin", "Designer London", "Go SF"}),
        ("location=europe", {"Python Berlin", "Designer London", "Go SF"}),
        ("location=germany&remote=1", {"Designer London", "Go SF"}),
        ("location=new-york-city", {"Sales NYC", "Designer London", "Go SF"}),
        ("location=nowhere-at-all", set()),
        ("remote=1", {"Go SF", "Designer London"}),
        ("type=software", {"Go SF", "Python Berlin"}),
        ("type=design&type=other", {"Designer London", "Sales NYC"}),
        ("q=python", {"Python Berlin"}),
        ("q=KUBERNETES", {"Go SF", "Python Berlin"}),
        ("q=figma+london", {"Designer London"}),
    ],
)
def test_each_filter_alone(client, board, query, expected):
    assert set(titles(client.get(f"/?{query}"))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=golang&tag=kubernetes", {"Go SF"}),  # tags: all of them
        ("tag=golang&tag=python", set()),
        ("tag=kubernetes&remote=1", {"Go SF"}),
        ("tag=kubernetes&location=berlin&type=software", {"Python Berlin", "Go SF"}),
        ("location=berlin&location=san-francisco&remote=1", {"Go SF", "Designer London"}),
        ("type=software&q=go", {"Go SF"}),
    ],
)
def test_filters_combine(client, board, query, expected):
    assert set(titles(client.get(f"/?{query}"))) == expected


def test_no_match_says_so(client, board):
    response = client.get("/?tag=cobol")
    assert count_text(response) == "No jobs match"
    assert b'data-testid="posting"' not in response.content


def test_tag_facets_count_within_the_current_results(client, board):
    response = client.get("/?remote=1")
    counts = {f.slug: f.count for f in response.context["tag_facets"]}
    assert counts == {"golang": 1, "kubernetes": 1, "ui-ux": 1, "figma": 1}


def test_place_and_type_facets_count_within_the_current_results(client, board):
    response = client.get("/?tag=kubernetes")
    places = {f.slug: f.count for f in response.context["place_facets"]}
    types = {f.slug: f.count for f in response.context["type_facets"]}
    # Germany: Python Berlin, and Go SF, remote from anywhere.
    assert places == {"germany": 2, "united-states": 1}
    assert types == {"software": 2}
    assert response.context["remote_count"] == 1


def test_facet_links_add_one_filter_and_selected_ones_remove_it(client, board):
    response = client.get("/?tag=kubernetes&page=1")
    html = response.content.decode()
    assert 'href="?tag=kubernetes&amp;tag=golang"' in html  # add
    assert 'href="?"' in html  # remove the only filter, page reset


def test_remote_chip_removes_remote_only(client, board):
    html = client.get("/?remote=1&tag=golang").content.decode()
    assert 'href="?tag=golang"' in html


def heading(html):
    start = html.index('<h1 id="results-heading">') + len('<h1 id="results-heading">')
    return html[start : html.index("</h1>", start)]


def chip_texts(html):
    if 'aria-label="Active filters"' not in html:
        return []
    start = html.index('aria-label="Active filters"')
    chips = html[start : html.index("</ul>", start)].split("<li>")[1:]
    return [chip[chip.index(">") + 1 : chip.index(" <span")] for chip in chips if "×" in chip]


def test_unfiltered_list_is_titled_jobs(client, board):
    html = client.get("/?sort=featured").content.decode()
    assert "<title>Jobs · Job board</title>" in html
    assert heading(html) == "Jobs"
    assert '<meta property="og:title" content="Jobs">' in html


def test_filtered_list_says_what_it_shows_by_name(client, board):
    company = CompanyFactory(name="Time Doctor", slug="time-doctor-2")
    PostingFactory(title="Go Remote", company=company, tags=["golang"], location="Remote")
    html = client.get("/?tag=golang&company=time-doctor-2&remote=1").content.decode()
    title = "Golang jobs at Time Doctor · Remote"
    assert f"<title>{title} · Job board</title>" in html
    assert heading(html) == title
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta name="twitter:title" content="{title}">' in html
    assert f'title="{title} (RSS)"' in html  # the feed links in <head>
    assert chip_texts(html) == ["#golang", "Time Doctor", "Remote"]
    assert "time-doctor-2<" not in html and "time-doctor-2 " not in html


def test_chips_and_title_name_places_job_types_levels_and_contracts(client, board):
    berlin = board["py"].places.get(name="Berlin")
    html = client.get(f"/?location={berlin.slug}&type=software&contract=full-time").content.decode()
    assert heading(html) == "Full-time software jobs in Berlin"
    assert chip_texts(html) == ["Berlin", "Software", "Full-time"]


def test_a_search_keeps_showing_the_query(client, board):
    html = client.get("/?q=python&salary_min=50000").content.decode()
    assert heading(html) == "“python” jobs paying at least 50,000"
    assert chip_texts(html) == ["Search: python", "Salary ≥ 50,000"]


def test_slugs_that_name_nothing_are_not_shown_but_can_be_cleared(client, board):
    html = client.get("/?tag=cobol&company=nobody-at-all&type=made-up").content.decode()
    assert heading(html) == "Jobs"
    assert chip_texts(html) == []
    assert '<a href="/">Clear all</a>' in html
    assert "nobody-at-all<" not in html and "Cobol" not in html and "Made up" not in html


def test_the_form_carries_the_filters_it_has_no_control_for(client, board):
    company = board["go"].company
    html = client.get(f"/?tag=golang&company={company.slug}&remote=1").content.decode()
    assert '<input type="hidden" name="tag" value="golang">' in html
    assert f'<input type="hidden" name="company" value="{company.slug}">' in html
    assert 'type="hidden" name="remote"' not in html  # the form has a checkbox for it


def test_cards_carry_the_test_markers_and_link_to_the_detail(client, board):
    html = client.get("/").content.decode()
    assert html.count('data-testid="posting"') == 4
    assert 'data-testid="filters"' in html
    assert f'href="{board["go"].get_absolute_url()}"' in html


# --- pagination ---------------------------------------------------------------------------


@pytest.fixture
def many_postings():
    company = CompanyFactory()
    return PostingFactory.create_batch(26, company=company)


def test_first_page_holds_25(client, many_postings):
    response = client.get("/")
    assert len(response.context["page"]) == 25
    assert count_text(response) == "26 jobs"
    assert b'rel="next"' in response.content


def test_last_page_holds_the_rest(client, many_postings):
    response = client.get("/?page=2")
    assert len(response.context["page"]) == 1
    assert b'rel="prev"' in response.content
    assert b'rel="next"' not in response.content


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", "", "2" * 400])
def test_out_of_range_or_junk_page_is_clamped(client, many_postings, page):
    response = client.get("/", {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number in {1, 2}


def test_pagination_links_keep_the_filters(client, many_postings):
    html = client.get("/?type=software").content.decode()
    assert 'href="?type=software&amp;page=2"' in html


# --- malformed query strings --------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "tag=<script>alert(1)</script>",
        "tag=" + "a" * 10_000,
        "q=" + "x" * 10_240,
        "q=%00%00",
        "tag=%00",
        "location=%E2%80%AE%F0%9F%98%80",
        "remote=maybe",
        "type=&type=&type=",
        "sort=drop+table",
        "tag=a&" * 50,
        "unknown=1&another=2",
        "q=%22unbalanced&tag=%25",
        "page=%FF%FE",
    ],
)
def test_malformed_parameters_never_fail(client, board, query):
    response = client.get("/?" + query)
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_too_many_parameters_is_a_friendly_400(client, board):
    response = client.get("/?" + "&".join(f"k{i}=v" for i in range(1500)))
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?tag=a&location=berlin&remote=1",
        "?q=engineer&level=mid&sort=featured",
        "?tag=a&location=berlin&company=acme",  # named in the title and chips at no cost
    ],
)
def test_list_query_count_is_bounded_whatever_the_number_of_postings(
    client, django_assert_num_queries, query
):
    # The catalogue state (with the change log's head), the page and its tags. Every count
    # comes from the index, which the first request builds; a search's sets are kept too.
    searches = 1 if "q=" in query else 0
    acme = CompanyFactory(name="Acme")
    PostingFactory.create_batch(3, tags=["a", "b"], location="Berlin or Remote", company=acme)
    client.get("/" + query)
    with django_assert_num_queries(3):
        client.get("/" + query)
    PostingFactory.create_batch(40, tags=["a", "b", "c"], location="London or Remote")
    # After a write the index reads the change log and reloads what it names: seven queries
    # (the log, tags, companies, places, postings, their tags and places), however many; a
    # search reads its sets again for the changed postings only (SQLite: their documents).
    with django_assert_num_queries(3 + 7 + searches):
        client.get("/" + query)
    with django_assert_num_queries(3):
        client.get("/" + query)


def test_naming_a_chosen_tag_place_and_company_costs_no_query(client):
    acme = CompanyFactory(name="Acme Robotics")
    PostingFactory.create_batch(3, tags=["golang"], location="Berlin", company=acme)
    PostingFactory.create_batch(30, tags=["golang", "rust"], location="London")
    berlin = Place.objects.get(name="Berlin")
    without = f"/?tag=golang&location={berlin.slug}"
    with CaptureQueriesContext(connection) as unnamed:
        client.get(without)
    client.get("/")  # another result set: no facet counts kept for the next one
    with CaptureQueriesContext(connection) as named:
        response = client.get(f"{without}&company={acme.slug}")
    assert len(named) == len(unnamed)
    assert response.context["meta"]["title"] == "Golang jobs at Acme Robotics in Berlin"


def test_facet_counts_are_reused_for_another_page_or_order_of_the_same_results(
    client, django_assert_num_queries
):
    PostingFactory.create_batch(30, tags=["a"], location="Berlin")
    client.get("/?tag=a")
    with django_assert_num_queries(3):  # the catalogue state, the page, its tags
        response = client.get("/?tag=a&page=2&sort=featured")
    assert response.context["total"] == 30
    assert [(f.label, f.count) for f in response.context["tag_facets"]] == [("a", 30)]


def test_facet_counts_follow_a_change_on_the_next_request(client):
    postings = PostingFactory.create_batch(3, tags=["a"])
    assert client.get("/").context["tag_facets"][0].count == 3
    postings[0].tags.set(["b"])
    counts = {f.label: f.count for f in client.get("/").context["tag_facets"]}
    assert counts == {"a": 2, "b": 1}


def test_facet_counts_of_different_filters_are_kept_apart(client):
    PostingFactory(tags=["a"], location="Remote")
    PostingFactory(tags=["a"], location="Berlin")
    assert client.get("/?tag=a").context["total"] == 2
    assert client.get("/?tag=a&remote=1").context["total"] == 1
    # A value that fails validation is dropped from the filter and from the key alike.
    assert client.get("/?tag=a&q=x%00y").context["total"] == 2


# --- the detail page ----------------------------------------------------------------------


def json_ld(response):
    html = response.content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_detail_shows_the_posting_with_apply_tags_and_company_links(client, board):
    posting = board["go"]
    response = client.get(posting.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Go SF</h1>" in html
    assert f'href="{posting.apply_url}"' in html
    assert 'href="/?tag=golang"' in html
    assert f'href="{posting.company.get_absolute_url()}"' in html
    assert "<strong>things</strong>" in html
    assert "datetime=" in html


def test_detail_json_ld_describes_a_remote_job(client, board):
    posting = board["go"]
    data = json_ld(client.get(posting.get_absolute_url()))
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Go SF"
    assert data["hiringOrganization"]["name"] == posting.company.name
    assert data["datePosted"].startswith(posting.posted_at.date().isoformat())
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"]
    assert data["jobLocation"][0]["address"]["addressLocality"] == "San Francisco"
    assert data["identifier"]["value"] == posting.url
    assert data["directApply"] is False
    assert "validThrough" not in data


def test_detail_json_ld_of_an_office_job_with_expiry(client, board):
    posting = board["py"]
    posting.expires_at = timezone.now() + timedelta(days=30)
    posting.save()
    data = json_ld(client.get(posting.get_absolute_url()))
    assert "jobLocationType" not in data
    assert data["jobLocation"][0]["address"]["addressLocality"] == "Berlin"
    assert data["validThrough"].startswith(posting.expires_at.date().isoformat())


def test_json_ld_cannot_be_broken_out_of(client):
    posting = PostingFactory(title="</script><script>alert(1)</script>")
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client.get(posting.get_absolute_url()))["title"] == posting.title


def test_closed_posting_page_stays_up_marked_closed(client, board):
    response = client.get(board["old"].get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "This posting is closed" in html
    assert 'name="robots" content="noindex"' in html
    assert "application/ld+json" not in html
    assert board["old"].apply_url not in html


def test_unknown_slug_is_404(client):
    assert client.get("/jobs/no-such-job/").status_code == 404


def test_hostile_body_renders_no_script(client):
    posting = PostingFactory(
        body='<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
        '[click](javascript:alert(3)) <a href="javascript:alert(4)">x</a>'
    )
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_detail_query_count_is_bounded(client, django_assert_max_num_queries):
    posting = PostingFactory(tags=["a", "b", "c", "d"], location="Berlin, London or Remote")
    with django_assert_max_num_queries(4):
        client.get(posting.get_absolute_url())


# --- companies, archive, health -----------------------------------------------------------


def test_companies_lists_only_those_hiring_with_counts(client, board):
    idle = CompanyFactory(name="Idle Inc")
    response = client.get("/companies/")
    companies = {c.name: c.live_count for c in response.context["page"]}
    assert idle.name not in companies
    assert companies[board["go"].company.name] == 1


def test_company_page_lists_its_live_postings(client, board):
    company = board["go"].company
    PostingFactory(company=company, title="Another Go", archived=True)
    response = client.get(company.get_absolute_url())
    assert titles(response) == ["Go SF"]
    assert count_text(response) == "1 open position"


def test_unknown_company_is_404(client):
    assert client.get("/companies/nobody/").status_code == 404


def test_archive_lists_archived_and_expired(client, board):
    board["py"].expires_at = timezone.now() - timedelta(days=1)
    board["py"].save()
    assert set(titles(client.get("/archive/"))) == {"Archived Go", "Python Berlin"}


# --- /healthz: the load balancer's readiness check ----------------------------------------


def test_healthz_checks_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"database ok\ncache ok\n"
    assert "no-store" in response["Cache-Control"]


def test_healthz_stays_in_service_when_the_cache_is_down(client):
    dead = f"redis://127.0.0.1:{servers.free_port()}/0"
    with override_settings(
        CACHES={"default": {"BACKEND": "jobboard.cache.RedisCache", "LOCATION": dead}}
    ):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"database ok\ncache unavailable\n"


def test_healthz_is_503_at_once_when_the_database_is_down(client):
    with servers.default_database(f"postgres://postgres@127.0.0.1:{servers.free_port()}/x"):
        started = time.monotonic()
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable: OperationalError\ncache ok\n"
    assert time.monotonic() - started < 1


@pytest.fixture(scope="module")
def cluster():
    with servers.postgres_cluster() as cluster:
        yield cluster


def timed_healthz(client):
    close_old_connections()  # what request_started does, and the test client leaves out
    started = time.monotonic()
    response = client.get("/healthz")
    return response, time.monotonic() - started


@pytest.mark.parametrize("kept", [True, False], ids=["kept connection", "new connection"])
def test_healthz_is_503_within_its_timeout_when_the_database_stalls(
    client, cluster, settings, kept
):
    settings.DATABASE_HEALTH_TIMEOUT = 0.5
    with servers.default_database(cluster.url, connect_timeout=3) as db:
        if kept:
            assert timed_healthz(client)[0].status_code == 200
        cluster.stall()
        response, seconds = timed_healthz(client)
        assert response.status_code == 503
        assert response.content == b"database unavailable: DatabaseTimeout\ncache ok\n"
        assert seconds < 0.5 + 0.75  # DATABASE_HEALTH_TIMEOUT, and some slack
        assert db.connection is None  # the stuck one was dropped
        cluster.resume()
        assert timed_healthz(client)[0].status_code == 200


# --- search on the list -------------------------------------------------------------------


def test_search_orders_by_relevance_by_default_and_by_date_when_asked(client, board):
    board["sales"].body = "We sell kubernetes consulting."
    board["sales"].save()
    assert titles(client.get("/?q=kubernetes"))[-1] == "Sales NYC"  # body match ranks last
    assert titles(client.get("/?q=kubernetes&sort=newest"))[0] == "Sales NYC"  # newest


def test_search_combines_with_filters_and_facets_follow_it(client, board):
    response = client.get("/?q=kubernetes&remote=1")
    assert titles(response) == ["Go SF"]
    assert {f.slug for f in response.context["tag_facets"]} == {"golang", "kubernetes"}
    assert {f.slug for f in client.get("/?q=kubernetes").context["type_facets"]} == {"software"}


def test_search_results_show_a_highlighted_snippet(client):
    PostingFactory(title="Platform", body="We run <b>Kubernetes</b> & Terraform at scale.")
    html = client.get("/?q=kube").content.decode()
    assert "<mark>Kubernetes</mark>" in html
    assert "&amp; Terraform" in html


def test_search_offers_best_match_sorting_only_with_a_query(client, board):
    assert b'value="relevance"' in client.get("/?q=go").content
    assert b'value="relevance"' not in client.get("/").content


# --- discovery and SEO --------------------------------------------------------------------


def head_link(html, rel):
    start = html.index(f'<link rel="{rel}"')
    return html[start : html.index(">", start)]


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "http://testserver/"),
        ("?page=1&sort=newest&utm_source=mail", "http://testserver/"),
        (
            "?tag=kubernetes&tag=golang&remote=true",
            "http://testserver/?tag=golang&tag=kubernetes&remote=1",
        ),
        ("?sort=featured&type=&q=", "http://testserver/?sort=featured"),
    ],
)
def test_canonical_link_drops_meaningless_parameters(client, board, query, canonical):
    html = client.get("/" + query).content.decode()
    assert f'href="{canonical.replace("&", "&amp;")}"' in head_link(html, "canonical")


def test_detail_has_description_opengraph_and_twitter_tags(client, board):
    posting = board["go"]
    posting.summary = "Write Go in San Francisco"
    posting.save()
    html = client.get(posting.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Write Go in San Francisco">' in html
    assert f'<meta property="og:title" content="Go SF at {posting.company.name}">' in html
    assert f'content="http://testserver{posting.get_absolute_url()}"' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_list_links_the_feed_of_exactly_what_it_shows(client, board):
    html = client.get("/?tag=golang&page=1&junk=1").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/feeds/jobs.rss?tag=golang"' in html
    assert 'href="/feeds/jobs.atom?tag=golang"' in html


def test_company_page_links_its_feed_and_the_feed_lists_only_its_postings(client, board):
    company = board["go"].company
    html = client.get(company.get_absolute_url()).content.decode()
    assert f'href="/feeds/jobs.rss?company={company.slug}"' in html
    assert set(titles(client.get(f"/?company={company.slug}"))) == {"Go SF"}


def test_tags_index_lists_live_tags_with_counts(client, board):
    response = client.get("/tags/")
    tags = {t.slug: t.count for t in response.context["tags"]}
    assert tags["kubernetes"] == 2
    assert tags["golang"] == 1  # the archived posting's tag does not count
    assert 'href="/?tag=ui-ux"' in response.content.decode()


def test_detail_suggests_related_postings_by_shared_tags_and_company(client, board):
    same_company = PostingFactory(title="Go Intern", company=board["go"].company, tags=[])
    response = client.get(board["go"].get_absolute_url())
    related = [p.title for p in response.context["related"]]
    assert related[0] == "Python Berlin"  # shares a tag
    assert same_company.title in related
    assert "Archived Go" not in related and "Sales NYC" not in related


def test_similar_jobs_name_their_company(client):
    posting = PostingFactory(tags=["golang"])
    company = CompanyFactory(name="Time Doctor", slug="time-doctor-2")
    PostingFactory(title="Go Remote", company=company, tags=["golang"])
    html = client.get(posting.get_absolute_url()).content.decode()
    related = html[html.index('id="related-heading"') :]
    assert '<span class="count">at Time Doctor</span>' in related
    assert "time-doctor-2<" not in related


def test_detail_query_count_with_related_postings_is_bounded(client, django_assert_max_num_queries):
    posting = PostingFactory(tags=["a", "b"])
    PostingFactory.create_batch(8, tags=["a"])
    with django_assert_max_num_queries(5):
        client.get(posting.get_absolute_url())


# --- level and contract -------------------------------------------------------------------


@pytest.fixture
def ranks():
    return {
        "senior": PostingFactory(title="Senior Backend Engineer"),
        "junior": PostingFactory(title="Junior Frontend Developer"),
        "intern": PostingFactory(title="Working Student (m/f/d) Marketing"),
        "freelance": PostingFactory(title="Freelance Copywriter"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=senior", {"Senior Backend Engineer"}),
        ("level=senior&level=junior", {"Senior Backend Engineer", "Junior Frontend Developer"}),
        ("contract=internship", {"Working Student (m/f/d) Marketing"}),
        ("contract=contract", {"Freelance Copywriter"}),
        ("contract=full-time&level=junior", {"Junior Frontend Developer"}),
        ("level=wizard", set()),
    ],
)
def test_level_and_contract_filters(client, ranks, query, expected):
    assert set(titles(client.get(f"/?{query}"))) == expected


def test_level_and_contract_facets_count_within_results(client, ranks):
    response = client.get("/?contract=full-time")
    levels = {f.slug: f.count for f in response.context["level_facets"]}
    contracts = {f.slug: f.count for f in response.context["contract_facets"]}
    assert levels == {"junior": 1, "senior": 1}
    assert contracts == {"full-time": 2}


def test_cards_and_detail_show_level_and_contract(client, ranks):
    assert "Senior" in client.get("/?level=senior").content.decode()
    html = client.get(ranks["freelance"].get_absolute_url()).content.decode()
    assert "Contract / Freelance" in html
    assert json_ld(client.get(ranks["freelance"].get_absolute_url()))["employmentType"] == (
        "CONTRACTOR"
    )


def test_expired_posting_page_is_closed_noindex_without_apply_or_markup(client, board):
    posting = board["py"]
    posting.expires_at = timezone.now() - timedelta(days=1)
    posting.save()
    html = client.get(posting.get_absolute_url()).content.decode()
    assert "This posting is closed" in html
    assert 'name="robots" content="noindex"' in html
    assert "application/ld+json" not in html
    assert posting.apply_url not in html


# --- salary -------------------------------------------------------------------------------


@pytest.fixture
def paid():
    return {
        "range": PostingFactory(
            title="Range",
            salary_min=50_000,
            salary_max=70_000,
            salary_currency="EUR",
            salary_period="year",
        ),
        "from": PostingFactory(
            title="From", salary_min=90_000, salary_currency="USD", salary_period="year"
        ),
        "none": PostingFactory(title="Unpaid info"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Range", "From", "Unpaid info"}),
        ("salary_min=60000", {"Range", "From"}),
        ("salary_min=80000", {"From"}),
        ("salary_min=100000", set()),
        ("salary_min=abc", {"Range", "From", "Unpaid info"}),
        ("salary_min=-5", {"Range", "From", "Unpaid info"}),
    ],
)
def test_salary_min_filter(client, paid, query, expected):
    assert set(titles(client.get(f"/?{query}"))) == expected


def test_salary_shows_on_cards_and_detail_and_in_json_ld(client, paid):
    assert "EUR 50,000–70,000 a year" in client.get("/").content.decode()
    response = client.get(paid["from"].get_absolute_url())
    assert "from USD 90,000 a year" in response.content.decode()
    assert json_ld(response)["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "USD",
        "value": {"@type": "QuantitativeValue", "unitText": "YEAR", "minValue": 90000},
    }
    assert "baseSalary" not in json_ld(client.get(paid["none"].get_absolute_url()))


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert client.get(response["Location"]).status_code == 200


# Every slug is slugify()'d ASCII: a NUL byte (which PostgreSQL refuses) matches no route.
@pytest.mark.parametrize(
    "url", ["/jobs/%00/", "/jobs/go-sf-company-0-f4dd2c%00/", "/companies/%00/"]
)
def test_nul_byte_in_a_slug_is_404(client, url):
    assert client.get(url).status_code == 404
