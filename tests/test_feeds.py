import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from postings.feeds import MAX_ITEMS, MAX_TITLE_LENGTH
from postings.filters import PostingFilter
from postings.models import Posting
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def rss_items(client, query=""):
    return get_xml(client, f"/feeds/jobs.rss?{query}").findall("channel/item")


def atom_entries(client, query=""):
    return get_xml(client, f"/feeds/jobs.atom?{query}").findall(f"{ATOM}entry")


def rss_links(client, query=""):
    return [item.findtext("link") for item in rss_items(client, query)]


def atom_links(client, query=""):
    return [entry.find(f"{ATOM}link").get("href") for entry in atom_entries(client, query)]


def list_links(query):
    """The detail URLs of what the list at `/` shows for the same query string."""
    postings = PostingFilter(QueryDict(query), queryset=Posting.objects.live()).qs
    return {f"http://testserver{posting.get_absolute_url()}" for posting in postings}


# --- what the feeds carry ------------------------------------------------------------------


def test_rss_lists_live_postings_newest_first(client, board):
    titles = [item.findtext("title") for item in rss_items(client)]
    assert titles == [
        f"{board[key].title} at {board[key].company.name}"
        for key in ["sales", "design", "py", "go"]
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "tag=golang",
        "tag=kubernetes",
        "tag=golang&tag=kubernetes",
        "tag=ui-ux",
        "location=berlin",
        "location=berlin&location=london",
        "remote=1",
        "type=software",
        "type=design&type=other",
        "remote=1&type=software",
        "tag=kubernetes&location=berlin",
        "q=python",
        "q=go&remote=1&tag=golang&type=software",
        "tag=nothing-has-this",
        "sort=featured&page=2",
    ],
)
def test_feeds_carry_what_the_list_shows_for_the_same_filters(client, board, query):
    expected = list_links(query)
    assert set(rss_links(client, query)) == expected
    assert set(atom_links(client, query)) == expected


def test_archived_and_expired_postings_are_not_in_the_feeds(client, board):
    board["py"].expires_at = timezone.now() - timedelta(days=1)
    board["py"].save()
    closed = {f"http://testserver{board[key].get_absolute_url()}" for key in ["old", "py"]}
    assert not closed & set(rss_links(client))
    assert not closed & set(atom_links(client))
    assert not closed & set(rss_links(client, "tag=golang"))


def test_feed_holds_at_most_the_newest_fifty(client):
    postings = PostingFactory.create_batch(MAX_ITEMS + 3)
    newest = sorted(postings, key=lambda posting: posting.posted_at, reverse=True)[:MAX_ITEMS]
    expected = [f"http://testserver{posting.get_absolute_url()}" for posting in newest]
    assert rss_links(client) == expected
    assert atom_links(client) == expected


def test_rss_item_has_absolute_link_dates_author_and_tags(client):
    posting = PostingFactory(
        title="Go developer",
        company=CompanyFactory(name="Acme"),
        tags=["golang", "ui/ux"],
        summary="Write Go.",
    )
    (item,) = rss_items(client)
    url = f"http://testserver{posting.get_absolute_url()}"
    assert item.findtext("title") == "Go developer at Acme"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url
    assert item.findtext("description") == "Write Go."
    assert item.findtext(f"{DC}creator") == "Acme"
    assert item.findtext("pubDate")
    assert sorted(category.text for category in item.findall("category")) == ["golang", "ui/ux"]


def test_atom_entry_has_absolute_link_dates_author_and_tags(client):
    posting = PostingFactory(
        title="Go developer", company=CompanyFactory(name="Acme"), tags=["golang", "ui/ux"]
    )
    (entry,) = atom_entries(client)
    url = f"http://testserver{posting.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}title") == "Go developer at Acme"
    assert entry.find(f"{ATOM}link").get("href") == url
    assert entry.findtext(f"{ATOM}id") == url
    assert entry.findtext(f"{ATOM}published").startswith(posting.posted_at.date().isoformat())
    assert entry.findtext(f"{ATOM}updated")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Acme"
    terms = sorted(category.get("term") for category in entry.findall(f"{ATOM}category"))
    assert terms == ["golang", "ui/ux"]


def test_description_falls_back_to_the_start_of_the_sanitized_body(client):
    PostingFactory(summary="", body="Hello **world**. " + "More words here. " * 100)
    (item,) = rss_items(client)
    description = item.findtext("description")
    assert description.startswith("<p>Hello <strong>world</strong>.")
    assert description.endswith("…</p>")
    assert len(description) < 1000


def test_feed_title_and_link_describe_the_filters(client, board):
    query = "tag=golang&remote=1&page=3&utm_source=x"
    channel = get_xml(client, f"/feeds/jobs.rss?{query}").find("channel")
    assert channel.findtext("title") == "Golang jobs · Remote"
    assert channel.findtext("link") == "http://testserver/?tag=golang&remote=1"
    feed = get_xml(client, f"/feeds/jobs.atom?{query}")
    assert feed.findtext(f"{ATOM}title") == "Golang jobs · Remote"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/?tag=golang&remote=1",
        "self": "http://testserver/feeds/jobs.atom?tag=golang&remote=1",
    }


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("company=time-doctor-2", "Jobs at Time Doctor"),
        ("company=time-doctor-2&company=nobody", "Jobs at Time Doctor"),
        ("company=nobody", "Jobs"),
        ("level=senior&tag=golang&type=software", "Senior Golang software jobs"),
        ("tag=golang&tag=cobol&type=junk", "Golang jobs"),
        ("q=product+manager&salary_min=50000", "“product manager” jobs paying at least 50,000"),
    ],
)
def test_feed_title_names_the_filters_as_people_read_them(client, query, title):
    # Display names, never slugs; slugs that name nothing are left out.
    company = CompanyFactory(name="Time Doctor", slug="time-doctor-2")
    PostingFactory(company=company, tags=["golang"], title="Senior Go engineer")
    assert get_xml(client, f"/feeds/jobs.rss?{query}").findtext("channel/title") == title
    assert get_xml(client, f"/feeds/jobs.atom?{query}").findtext(f"{ATOM}title") == title


def test_feed_title_names_a_company_without_open_postings(client):
    CompanyFactory(name="Time Doctor", slug="time-doctor-2")
    title = get_xml(client, "/feeds/jobs.rss?company=time-doctor-2").findtext("channel/title")
    assert title == "Jobs at Time Doctor"


def test_unfiltered_feed_links_to_the_list(client, board):
    channel = get_xml(client, "/feeds/jobs.rss").find("channel")
    assert channel.findtext("title") == "Jobs"
    assert channel.findtext("link") == "http://testserver/"


def test_feed_title_is_capped(client):
    tags = "&".join(f"tag={'t' * 90}{n}" for n in range(10))
    title = get_xml(client, f"/feeds/jobs.rss?q={'word ' * 100}&{tags}").findtext("channel/title")
    assert len(title) <= MAX_TITLE_LENGTH


# --- untrusted content and query strings ---------------------------------------------------


def test_markup_in_a_title_stays_text(client):
    PostingFactory(
        title="<script>alert(1)</script>",
        company=CompanyFactory(name="<b>Evil</b> & Co"),
        tags=["<img src=x>"],
    )
    for url in ["/feeds/jobs.rss", "/feeds/jobs.atom"]:
        response = client.get(url)
        assert b"<script" not in response.content
        assert b"<b>" not in response.content
        assert b"<img" not in response.content
    (item,) = rss_items(client)
    assert item.findtext("title") == "<script>alert(1)</script> at <b>Evil</b> & Co"
    assert item.findtext(f"{DC}creator") == "<b>Evil</b> & Co"
    (entry,) = atom_entries(client)
    assert entry.findtext(f"{ATOM}title") == "<script>alert(1)</script> at <b>Evil</b> & Co"


def test_summary_is_escaped_because_readers_render_descriptions_as_html(client):
    PostingFactory(summary='<img src=x onerror="alert(1)"> & more')
    (item,) = rss_items(client)
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more"
    assert item.findtext("description") == escaped


def test_search_in_the_channel_description_is_escaped_because_it_is_html_too(client):
    query = "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
    channel = get_xml(client, f"/feeds/jobs.rss?{query}").find("channel")
    assert "<script>" in channel.findtext("title")  # plain text, escaped once by the writer
    assert "<script>" not in channel.findtext("description")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in channel.findtext("description")
    # Atom says which: its subtitle is text, escaped once, read as typed.
    subtitle = get_xml(client, f"/feeds/jobs.atom?{query}").findtext(f"{ATOM}subtitle")
    assert "<script>alert(1)</script>" in subtitle


def test_control_characters_in_content_do_not_break_the_feed(client):
    PostingFactory(title="Bell\x07 engineer", summary="Tab\tand\x0bvertical tab")
    (item,) = rss_items(client)
    assert item.findtext("title").startswith("Bell engineer at ")
    assert item.findtext("description") == "Tab\tandvertical tab"


@pytest.mark.parametrize(
    "query",
    [
        "tag=<script>alert(1)</script>",
        "tag=%3Cscript%3E",
        "page=abc",
        "page=99999",
        "page=-1",
        "q=" + "x" * 10_000,
        "tag=" + "a" * 10_000,
        "location=" + "b" * 10_000,
        "q=%00",
        "q=a%00b",
        "tag=%00",
        "remote=%00",
        "sort=%00",
        "type=%00",
        "q=%01%02%1b",
        "q=%ff%fe",
        'q="&q=*&q=-',
        "q=NEAR(a%20b)%20OR%20%22",
        "tag=a&" * 200,
        "remote=maybe&sort=sideways&type=",
        "q=%22%3E%3Cscript%3E&location=%27%3B--",
    ],
)
def test_malformed_query_strings_are_ignored(client, board, query):
    for url in ["/feeds/jobs.rss", "/feeds/jobs.atom"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        assert b"<script" not in response.content
        ET.fromstring(response.content)


# A feed's queries: the catalogue state (which tells the index what changed), the items and
# their tags. After a write, the index reads the change log and what it names (7 queries, not
# one more for more postings); the first request of a process builds it.
STEADY, AFTER_A_WRITE = 3, 3 + 7


def test_query_count_does_not_grow_with_the_number_of_items(client, django_assert_max_num_queries):
    PostingFactory.create_batch(3, tags=["a", "b"])
    rss_items(client, "tag=a")
    with django_assert_max_num_queries(STEADY):
        assert len(rss_items(client, "tag=a&remote=0")) == 3
    PostingFactory.create_batch(30, tags=["a", "b", "c"], company=CompanyFactory())
    with django_assert_max_num_queries(AFTER_A_WRITE):
        assert len(rss_items(client, "tag=a&remote=0")) == 33
    with django_assert_max_num_queries(STEADY):
        assert len(atom_entries(client, "tag=a")) == 33


def test_names_in_the_title_come_from_the_items_when_they_carry_them(
    client, django_assert_max_num_queries
):
    company = CompanyFactory(name="Time Doctor", slug="time-doctor-2")
    PostingFactory.create_batch(3, tags=["a"], company=company)
    rss_items(client, "")
    with django_assert_max_num_queries(STEADY):  # no query for a name
        channel = get_xml(client, "/feeds/jobs.rss?tag=a&company=time-doctor-2").find("channel")
    assert channel.findtext("title") == "A jobs at Time Doctor"


def test_search_feed_query_count_does_not_grow_with_the_number_of_items(
    client, django_assert_max_num_queries
):
    PostingFactory.create_batch(3, title="Go developer", tags=["a"])
    rss_items(client, "q=go")
    with django_assert_max_num_queries(STEADY):
        assert len(rss_items(client, "q=go")) == 3
    PostingFactory.create_batch(20, title="Go developer", tags=["a", "b"])
    # and the search's sets, read again for the new postings only
    with django_assert_max_num_queries(AFTER_A_WRITE + 3):
        assert len(rss_items(client, "q=go")) == 23
