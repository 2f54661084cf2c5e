"""A candidate browses the board: pages through the list, narrows it with a tag, a place and
the filter form, follows the result as a feed, searches, opens a posting and goes to apply."""

import json
import re
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from postings.pagination import PER_PAGE
from tests.e2e.data import COMBINED_MATCHES, LIVE_COUNT, make_board, newest_first

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def board():
    return make_board()


def card_titles(page):
    return page.get_by_test_id("posting").get_by_role("heading").all_inner_texts()


def query(page):
    return parse_qs(urlsplit(page.url).query)


def test_list_pages_through_every_live_posting_newest_first(page, board):
    expected = newest_first(board)
    page.goto("/")
    expect(page.get_by_test_id("result-count")).to_have_text(f"{LIVE_COUNT} jobs")
    expect(page.get_by_test_id("posting")).to_have_count(PER_PAGE)
    assert card_titles(page) == expected[:PER_PAGE]

    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Next").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(page.get_by_test_id("posting")).to_have_count(LIVE_COUNT - PER_PAGE)
    assert card_titles(page) == expected[PER_PAGE:]  # and the archived one on neither page
    expect(pages).to_contain_text("Page 2 of 2")
    expect(pages.get_by_role("link", name="Previous")).to_have_attribute("href", "?page=1")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)
    page.watched.assert_clean()


def test_tag_place_remote_and_type_filters_combine_and_the_feed_follows_them(page, board):
    page.goto("/")
    card = page.get_by_test_id("posting").filter(has_text="Senior Django Developer")
    card.get_by_role("link", name="#python").click()
    expect(page).to_have_url(re.compile(r"\?tag=python$"))

    # Countries first; a chosen country's cities narrow it.
    facets = page.get_by_role("complementary", name="Narrow by tag and location")
    facets.get_by_role("link", name="Germany").click()
    expect(page).to_have_url(re.compile(r"\?tag=python&location=germany$"))
    facets.get_by_role("link", name="Berlin").click()
    expect(page).to_have_url(re.compile(r"\?tag=python&location=berlin$"))

    form = page.get_by_test_id("filters")
    form.get_by_role("checkbox", name="Remote only").check()
    form.get_by_role("checkbox", name="Software").check()
    form.get_by_role("button", name="Show jobs").click()
    expect(page).to_have_url(re.compile(r"remote=1"))
    params = query(page)
    assert (params["tag"], params["location"]) == (["python"], ["berlin"])
    assert (params["remote"], params["type"]) == (["1"], ["software"])

    matches = [title for title in newest_first(board) if title in COMBINED_MATCHES]
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs")
    assert card_titles(page) == matches
    # The form shows what is applied, so the next change starts from it.
    expect(form.get_by_role("checkbox", name="Remote only")).to_be_checked()
    expect(form.get_by_role("checkbox", name="Software")).to_be_checked()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Python software jobs in Berlin · Remote"
    )
    chips = page.get_by_role("list", name="Active filters")
    expect(chips).to_contain_text("#python")
    expect(chips).to_contain_text("Berlin")

    # The visible feed links and the ones in <head> name the same filtered feeds.
    rss_link = page.get_by_role("link", name="Follow these jobs (RSS)")
    atom_link = page.get_by_role("link", name="Atom", exact=True)
    rss_href, atom_href = rss_link.get_attribute("href"), atom_link.get_attribute("href")
    expect(page.locator('head link[type="application/rss+xml"]')).to_have_attribute(
        "href", rss_href
    )
    expected_items = [f"{title} at {board[title].company.name}" for title in matches]

    rss = page.request.get(rss_href)
    assert rss.ok and rss.headers["content-type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.body()).find("channel")
    assert [item.findtext("title") for item in channel.iter("item")] == expected_items
    assert channel.findtext("title") == "Python software jobs in Berlin · Remote"

    atom = page.request.get(atom_href)
    assert atom.ok and atom.headers["content-type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(atom.body()).iter(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == expected_items
    page.watched.assert_clean()


def test_search_then_open_a_posting_and_follow_its_apply_link(page, board):
    posting = board["Senior Django Developer"]
    page.goto("/?tag=go")
    page.get_by_role("list", name="Active filters").get_by_role("link", name="Clear all").click()
    expect(page.get_by_test_id("result-count")).to_have_text(f"{LIVE_COUNT} jobs")

    search = page.get_by_role("searchbox", name="Search jobs")
    search.fill("django")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=django"))
    expect(page.get_by_test_id("result-count")).to_have_text("2 jobs for “django”")
    assert sorted(card_titles(page)) == ["Django Developer", "Senior Django Developer"]
    expect(search).to_have_value("django")

    page.get_by_role("link", name="Senior Django Developer").click()
    expect(page).to_have_url(re.compile(re.escape(posting.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Senior Django Developer")
    expect(page.get_by_role("link", name="Acme Robotics", exact=True)).to_have_attribute(
        "href", posting.company.get_absolute_url()
    )
    tags = page.get_by_role("list", name="Tags").get_by_role("link")
    assert sorted(tags.all_inner_texts()) == ["#django", "#postgresql", "#python"]
    json_ld = page.locator('script[type="application/ld+json"]')
    assert json.loads(json_ld.text_content())["@type"] == "JobPosting"

    apply = page.get_by_role("link", name="Apply for Senior Django Developer at Acme Robotics")
    expect(apply).to_have_count(2)  # above and below the description
    expect(apply.first).to_have_attribute("href", posting.apply_url)
    page.watched.assert_clean()  # everything up to here stayed on the board

    # The employer's site is not on the network here: answer for it, and see what it got.
    sent = []

    def employer_site(route):
        sent.append(route.request.headers)
        route.fulfill(content_type="text/html", body="<title>Apply at Acme</title>")

    page.route(posting.apply_url, employer_site)
    apply.first.click()
    expect(page).to_have_url(posting.apply_url)
    expect(page).to_have_title("Apply at Acme")
    assert "referer" not in sent[0]  # rel="noreferrer": the employer is not told where from
    assert page.watched.foreign_requests == [posting.apply_url]
    assert page.watched.dialogs == page.watched.console_errors == []
