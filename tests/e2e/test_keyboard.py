"""Someone without a mouse can filter the list and page through it, and always sees where the
keyboard focus is."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from postings.pagination import PER_PAGE
from tests.e2e.data import make_board

# The focus ring as the browser draws it, and the colour right behind the element.
RING = """el => {
    const style = getComputedStyle(el);
    let behind = el.parentElement;
    while (behind && /rgba\\(.*, 0\\)|transparent/.test(getComputedStyle(behind).backgroundColor)) {
        behind = behind.parentElement;
    }
    return {
        html: el.outerHTML.slice(0, 80),
        focused: el === document.activeElement,
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        outlineWidth: parseFloat(style.outlineWidth),
        outlineStyle: style.outlineStyle,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
        behind: getComputedStyle(behind || document.body).backgroundColor,
    };
}"""
# Every control of the filter form a person can operate, in document order.
CONTROLS = "input:not([type=hidden]), select, textarea, button"


def luminance(rgb):
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted([luminance(a), luminance(b)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def assert_focus_visible(locator, at_rest):
    """The element has the focus and draws a ring that its unfocused self does not, in a
    colour that stands out from what is behind it (WCAG 2.4.7 and 1.4.11: at least 3:1)."""
    ring = locator.evaluate(RING)
    name = ring["html"]
    assert ring["focused"], f"the focus is not on {name}"
    drawn = ring["outlineStyle"] != "none" and ring["outlineWidth"] >= 2
    assert drawn or ring["boxShadow"] != "none", f"no focus indicator on {name}: {ring}"
    assert (ring["outline"], ring["boxShadow"]) != (at_rest["outline"], at_rest["boxShadow"]), (
        f"{name} looks the same focused and unfocused: {ring}"
    )
    if drawn:
        ratio = contrast(ring["outlineColor"], ring["behind"])
        assert ratio >= 3, f"focus ring of {name} has {ratio:.2f}:1 against {ring['behind']}"


# How many presses of Tab should take the focus from where it is to `el`: the links and
# controls in between, in document order (the board uses no positive tabindex).
TABS_TO = """el => {
    const tabbable = [...document.querySelectorAll(
        "a[href], input:not([type=hidden]), select, textarea, button, [tabindex]"
    )].filter(e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true}));
    return tabbable.indexOf(el) - tabbable.indexOf(document.activeElement);
}"""


def tab_to(page, locator):
    """Press Tab until `locator` has the focus, and see that it shows."""
    at_rest = locator.evaluate(RING)
    presses = locator.evaluate(TABS_TO)
    assert presses > 0, f"{locator} is not ahead in the tab order"
    for _ in range(presses):
        page.keyboard.press("Tab")
    assert_focus_visible(locator, at_rest)


def test_filter_form_and_pagination_work_with_the_keyboard_alone(page):
    board = make_board()
    software_jobs = sum(p.job_type == "software" and p.is_live for p in board.values())
    assert software_jobs > PER_PAGE  # two pages of them
    page.goto("/")
    form = page.get_by_test_id("filters")
    controls = form.locator(CONTROLS)
    names = controls.evaluate_all("els => els.map(el => `${el.name}=${el.value}`)")
    at_rest = controls.evaluate_all(f"els => els.map({RING})")
    remote = controls.nth(names.index("remote=1"))
    software = controls.nth(names.index("type=software"))

    # The first Tab offers to skip the header, visibly.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()

    # Tab visits every control of the form in order, each visibly focused; Space toggles the
    # checkboxes on the way, and Enter on the last one, the button, submits.
    tab_to(page, controls.first)
    for i in range(1, len(names)):
        page.keyboard.press("Tab")
        assert_focus_visible(controls.nth(i), at_rest[i])
        if names[i] == "remote=1":
            page.keyboard.press("Space")
            expect(remote).to_be_checked()
            page.keyboard.press("Space")
            expect(remote).not_to_be_checked()
        elif names[i] == "type=software":
            page.keyboard.press("Space")
            expect(software).to_be_checked()
    expect(form.get_by_role("button", name="Show jobs")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"type=software"))
    params = parse_qs(urlsplit(page.url).query)
    assert params["type"] == ["software"] and "remote" not in params
    expect(page.get_by_test_id("result-count")).to_have_text(f"{software_jobs} jobs")
    expect(page.get_by_role("checkbox", name="Software")).to_be_checked()

    # Past the results to the pagination; Enter follows the link, the filter stays.
    pages = page.get_by_role("navigation", name="Pages")
    tab_to(page, pages.get_by_role("link", name="Next"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(pages).to_contain_text("Page 2 of 2")
    expect(page.get_by_test_id("posting")).to_have_count(software_jobs - PER_PAGE)
    assert parse_qs(urlsplit(page.url).query)["type"] == ["software"]

    tab_to(page, pages.get_by_role("link", name="Previous"))
    page.keyboard.press("Enter")
    expect(pages).to_contain_text("Page 1 of 2")
    expect(page.get_by_test_id("posting")).to_have_count(PER_PAGE)
    page.watched.assert_clean()
