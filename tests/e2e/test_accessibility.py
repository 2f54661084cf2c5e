"""axe-core finds no WCAG 2.0/2.1 A or AA violation on the board's pages or the admin sign-in."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.data import LONG_TITLE, make_board

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def describe(url, violations):
    """One line per violation and one per offending element, enough to go and fix it."""
    lines = []
    for violation in violations:
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    - {target}  {' '.join(node['html'].split())[:120]}")
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines())
            lines.append(f"      {summary}")
    return lines


def test_pages_have_no_wcag_a_or_aa_violations(page):
    board = make_board()
    posting = board[LONG_TITLE]
    urls = [
        "/",  # with pagination, facets and the whole filter form
        "/?tag=python&location=berlin&remote=1&type=software",  # with active-filter chips
        "/?q=django",  # with highlighted snippets
        posting.get_absolute_url(),  # Markdown body: table, code, links
        posting.company.get_absolute_url(),
        "/companies/",
        "/tags/",
        "/archive/",
        board["Legacy COBOL Maintainer"].get_absolute_url(),  # closed: marked as such
        "/admin/login/",
    ]
    axe = Axe()
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        problems += describe(url, axe.run(page, options=AXE_OPTIONS).response["violations"])
    if problems:
        pytest.fail("axe-core found WCAG violations:\n" + "\n".join(problems), pytrace=False)
    page.watched.assert_clean()
