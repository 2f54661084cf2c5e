"""No query string, path or sign-in attempt, however hostile, makes a public page fail.

Property-based: hypothesis sends arbitrary Unicode (astral, bidirectional, combining, lone
surrogates where a URL can carry them), 100 KB values, thousands of repeated keys, unknown keys,
the real filter keys with junk values, NUL and control characters and percent-encoding garbage
to every public URL, and random path segments to the slug routes. Every answer must be one of
the expected status codes, never a 5xx. CI runs this file on SQLite and on PostgreSQL, whose
driver refuses a NUL byte in a query parameter that SQLite accepts.

Each test builds its small board once; the examples only read it. Every request runs in a
savepoint, so that on PostgreSQL a failed query cannot abort the transaction of the examples
that follow it.
"""

import xml.etree.ElementTree as ElementTree
from urllib.parse import quote_from_bytes, quote_plus

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import SPECIAL, Tally, fuzz, hostile_text, scaled

pytestmark = pytest.mark.django_db

TRIED = Tally()


@pytest.fixture(scope="module", autouse=True)
def report_examples(request):
    yield
    TRIED.report(request.config, "tests/test_fuzz_urls.py")


# --- building hostile URLs ----------------------------------------------------------------


def percent(text: str) -> str:
    # surrogatepass: a lone surrogate becomes the (invalid) UTF-8 bytes a browser could send.
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")


def plus(text: str) -> str:
    return quote_plus(text.encode("utf-8", "surrogatepass"), safe="")


def latin1(text: str) -> str:
    # Bytes that are not UTF-8 at all, as sent by old clients.
    return quote_from_bytes(text.encode("latin-1", "replace"), safe="")


def raw(text: str) -> str:
    """As typed into an address bar: unescaped, so '&', '=', '#' and '%' mean what they mean."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # the test client cannot send it raw; a browser would escape it
        return percent(text)
    return text


ENCODERS = [percent, percent, plus, latin1, raw]
FILTER_KEYS = [
    "q", "tag", "location", "remote", "type", "level", "contract", "company", "salary_min",
    "sort", "page",
]  # fmt: skip
OTHER_KEYS = ["p", "next", "utm_source", "format", "", "q[]", "tag[0]", "__proto__", "Q", "PAGE"]
GARBAGE = [
    "%", "%%", "%zz", "%0", "%00", "%c0%af", "%e0%80%af", "%ed%a0%80", "%f4%90%80%80", "%ff%fe",
    "%u202e", "%25", "%2", "q=%", "tag=%zz", "page=%00", "salary_min=%c2%b2", "=", "==", "&",
    ";", "+", "q", "%3D%26", "q=%00%00", "tag=%ed%a0%80", "location=%c0%af",
]  # fmt: skip

encoded = st.builds(lambda text, encode: encode(text), hostile_text, st.sampled_from(ENCODERS))
keys = st.one_of(
    st.sampled_from(FILTER_KEYS),
    st.sampled_from(OTHER_KEYS),
    st.builds(lambda text, encode: encode(text), st.text(max_size=12), st.sampled_from(ENCODERS)),
)
separators = st.sampled_from(["=", "=", "=", "", "=="])
pairs = st.builds(lambda key, sep, value: key + sep + value, keys, separators, encoded)
filter_pairs = st.builds(lambda key, value: f"{key}={value}", st.sampled_from(FILTER_KEYS), encoded)
short_pairs = st.builds(
    lambda key, value: f"{key}={percent(value)}",
    keys,
    st.sampled_from(SPECIAL[:60]) | st.text(max_size=8),
)
# 2 to 1,200 copies of one key: past Django's 1,000 fields, the answer is a friendly 400.
repeated = st.builds(
    lambda pair, times: "&".join([pair] * times), short_pairs, st.integers(2, 1200)
)
query_strings = st.lists(
    st.one_of(pairs, filter_pairs, st.sampled_from(GARBAGE), repeated), max_size=12
).map("&".join)


def fetch(url, method="get", **kwargs):
    client = Client(raise_request_exception=False)
    with transaction.atomic():
        response = getattr(client, method)(url, **kwargs)
        assert response.status_code < 500, server_error(url, response)
    # What is echoed back (search box, feed title, next=) is always escaped.
    assert b"<script>alert(1)" not in response.content
    return response


def server_error(url, response):
    error = response.exc_info[1] if response.exc_info else None
    return f"{response.status_code} for {url[:300]!r}: {error!r}"


def live_titles(board):
    return {p.title for p in board.values() if p.is_live}


# --- every public page, any query string --------------------------------------------------

# The path of each public page, and the answers a hostile query string may get there.
PAGES = {
    "list": ("/", {200, 400}),
    "detail": ("/jobs/<live>/", {200, 400}),
    "closed-detail": ("/jobs/<closed>/", {200, 400}),
    "companies": ("/companies/", {200, 400}),
    "company": ("/companies/<company>/", {200, 400}),
    "tags": ("/tags/", {200, 400}),
    "archive": ("/archive/", {200, 400}),
    "rss": ("/feeds/jobs.rss", {200, 400}),
    "atom": ("/feeds/jobs.atom", {200, 400}),
    "sitemap": ("/sitemap.xml", {200, 400, 404}),  # ?p=junk is "no such sitemap page"
    "robots": ("/robots.txt", {200, 400}),
    "healthz": ("/healthz", {200, 400}),
    "favicon": ("/favicon.ico", {301}),
    # Anonymous: off to the admin's login; 400 when the URL to come back to would be too long.
    "preview": ("/jobs/<live>/preview/", {302, 400}),
    "admin-login": ("/admin/login/", {200, 400}),
}


def page_path(template, board):
    return (
        template.replace("<live>", board["go"].slug)
        .replace("<closed>", board["old"].slug)
        .replace("<company>", board["go"].company.slug)
    )


@pytest.mark.parametrize("page", PAGES)
@fuzz
@given(query=query_strings, method=st.sampled_from(["get", "get", "head"]))
def test_no_query_string_breaks_a_public_page(board, request, page, query, method):
    TRIED[request.node.name] += 1
    template, expected = PAGES[page]
    response = fetch(page_path(template, board) + "?" + query, method)
    assert response.status_code in expected, server_error(query, response)


# --- the filters, with hostile values -----------------------------------------------------

filter_params = st.lists(
    st.builds(
        lambda key, value, encode: f"{key}={encode(value)}",
        st.sampled_from(FILTER_KEYS),
        hostile_text,
        st.sampled_from([percent, plus, latin1]),
    ),
    max_size=15,
).map("&".join)


@pytest.mark.parametrize("page_cache", [False, True], ids=["uncached", "page-cache"])
@scaled(2)
@given(query=filter_params)
def test_hostile_filter_values_are_ignored_or_cleaned_on_the_list(
    board, settings, request, page_cache, query
):
    TRIED[request.node.name] += 1
    settings.PAGE_CACHE = page_cache
    response = fetch("/?" + query)
    assert response.status_code == 200
    if response.context is not None:  # None: an earlier example's page, from the cache
        titles = {posting.title for posting in response.context["page"]}
        assert titles <= live_titles(board)  # junk never lets a closed posting in


@pytest.mark.parametrize("feed", ["rss", "atom"])
@fuzz
@given(query=filter_params)
def test_hostile_filter_values_give_a_well_formed_feed(board, request, feed, query):
    TRIED[request.node.name] += 1
    response = fetch(f"/feeds/jobs.{feed}?" + query)
    assert response.status_code == 200
    ElementTree.fromstring(response.content)  # raises on anything XML cannot carry


# --- random path segments on the slug routes ----------------------------------------------

SLUG_ROUTES = [
    "/jobs/<>/",
    "/jobs/<>",
    "/jobs/<>/preview/",
    "/companies/<>/",
    "/companies/<>",
    "/feeds/<>",
    "/<>/",
    "/<>",
    "/admin/<>/",
    "/static/<>",
]
REAL_SLUGS = ["<live>", "<closed>", "<company>"]
PATH_GARBAGE = ["", ".", "..", "%2e%2e", "%2F", "%00", "a%00b", "%c0%af", "%", "%zz", "%ed%a0%80"]


def raw_segment(text):
    if any(ch in text for ch in "/?#%"):
        return percent(text)
    return raw(text)


segments = st.one_of(
    st.builds(percent, hostile_text),
    st.builds(raw_segment, hostile_text),
    st.sampled_from(PATH_GARBAGE),
    # A real slug with junk around it, or alone.
    st.builds(
        lambda before, slug, after: before + slug + after,
        st.sampled_from(["", "-", "%00", "x"]),
        st.sampled_from(REAL_SLUGS),
        st.sampled_from(["", "-", "%00", "%20", "%E2%80%AE", "x", ";x", "/x"]),
    ),
)


@scaled(4)  # ten routes, and a request to a missing page is cheap
@given(route=st.sampled_from(SLUG_ROUTES), segment=segments, query=st.just("") | query_strings)
def test_no_path_segment_breaks_the_slug_routes(board, request, route, segment, query):
    path = page_path(route.replace("<>", segment), board)
    TRIED[request.node.name] += 1
    response = fetch(path + ("?" + query if query else ""))
    assert response.status_code in {200, 301, 302, 400, 404}, server_error(path, response)


# --- signing in to the admin --------------------------------------------------------------


@fuzz
@given(username=hostile_text, password=hostile_text, next_url=encoded)
def test_hostile_credentials_never_break_the_admin_sign_in(
    db, request, username, password, next_url
):
    TRIED[request.node.name] += 1
    response = fetch(
        "/admin/login/?next=" + next_url,
        "post",
        # Encoded by hand: the test client cannot encode a lone surrogate, a browser can.
        data=f"username={percent(username)}&password={percent(password)}",
        content_type="application/x-www-form-urlencoded",
    )
    # 200: the form again; 429: too many failed attempts (the throttle counts across examples).
    assert response.status_code in {200, 400, 429}, server_error(username, response)
