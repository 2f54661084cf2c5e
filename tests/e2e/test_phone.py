"""On a 375 px phone the pages fit the screen: nothing makes the reader scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.e2e.data import LONG_TITLE, make_board

# What sticks out, for the failure message: boxes past the right edge, and boxes whose own
# content (a long word) is wider than they are.
OVERFLOWING = """() => [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > innerWidth + 1
        || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible")
    .map(el => `<${el.localName} class="${el.className}"> ${el.textContent.trim().slice(0, 60)}`)
"""


def sideways_scroll(page):
    """Why the page is wider than the phone, or None when it fits."""
    width = page.viewport_size["width"]
    # A page wider than the screen also widens the layout viewport on a phone (the browser
    # zooms out to fit), so innerWidth alone would hide the problem: compare with the screen.
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= inner_width == width:
        return None
    return f"{scroll_width} px wide on a {width} px screen: {page.evaluate(OVERFLOWING)[:8]}"


def test_pages_fit_a_phone_screen_without_sideways_scrolling(phone):
    board = make_board()
    posting = board[LONG_TITLE]
    urls = [
        "/",
        "/?tag=ui-ux&location=frankfurt-am-main&remote=1&type=software",
        posting.get_absolute_url(),
        "/admin/login/",
    ]
    problems = []
    for url in urls:
        phone.goto(url)
        if "?" in url:  # the filtered list does show the long posting
            expect(phone.get_by_test_id("posting")).to_have_count(1)
        if problem := sideways_scroll(phone):
            problems.append(f"{url}: {problem}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
    phone.watched.assert_clean()
