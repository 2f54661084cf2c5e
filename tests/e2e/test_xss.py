"""The XSS corpus through every untrusted field of a posting file, proven in Chromium.

Each payload is written into real posting files, imported with the importer (as `load_seeds`
does), and every page that shows those fields is rendered in the browser. A page passes when it
opened no dialog, logged no console error, asked no foreign host for anything, and its DOM holds
no event-handler attribute, no script URL and no element that loads or runs foreign content.
Most pages run with the Content-Security-Policy bypassed, so that escaping and sanitizing are
proven on their own; a smaller pass runs with the policy on.

A page load costs this machine a tenth of a second or more, so the corpus is imported once per
test and shown on as few pages as still show every payload in every field: text fields are
escaped character by character, so several payloads can share one company name or one search
without hiding each other; bodies are sanitized as a whole and get one posting each.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pytest
import yaml
from django.test import Client

from postings.importers import import_paths, one_line
from postings.markdown import _TAGS as SANITIZED_TAGS
from postings.models import Company, Posting, Tag
from postings.validators import validate_apply_url
from tests.e2e.conftest import new_page
from tests.e2e.xss_payloads import EVIL, PAYLOADS

BASE_TIMESTAMP = 1_704_067_200_000  # 2024-01-01, epoch milliseconds
PER_PAGE = 25
FOLDERS = ("live", "archived", "body", "refused")
FIELDS_ON_DETAIL = 7  # title, company, location, tags, summary, body, apply URL
MAX_NAME = 200  # company names and search queries are cut there; packs stay within it

# Run in the page once it has loaded: everything in the DOM that could run script or load
# something, whether or not it happened to fire.
SCAN_DOM = """() => {
  const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "poster", "background", "dynsrc", "lowsrc", "ping", "codebase", "cite", "longdesc"]);
  const NEVER = new Set(["IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE",
    "MARQUEE"]);
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toUpperCase();
    if (NEVER.has(tag)) found.push(`<${tag}> element`);
    if (tag === "SCRIPT" && !element.src && element.type !== "application/ld+json")
      found.push(`inline <script>: ${element.textContent.slice(0, 80)}`);
    if (tag === "META" && (element.httpEquiv || "").toLowerCase() === "refresh")
      found.push(`<meta http-equiv=refresh content=${element.content}>`);
    for (const {name, value} of element.attributes) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on")) found.push(`<${tag} ${name}=${value.slice(0, 80)}>`);
      if (lower === "srcdoc" || lower === "srcset") found.push(`<${tag} ${name}>`);
      if (!URL_ATTRIBUTES.has(lower)) continue;
      let url;
      try { url = new URL(value, document.baseURI); } catch (error) { continue; }
      const dataImage = url.protocol === "data:" && tag === "IMG"
        && /^image\\/(png|gif|jpeg|webp)[;,]/i.test(url.pathname);
      if (url.protocol === "javascript:" || url.protocol === "vbscript:"
          || (url.protocol === "data:" && !dataImage))
        found.push(`<${tag} ${name}=${value.slice(0, 80)}>`);
    }
  }
  if (new URL(document.baseURI).origin !== location.origin)
    found.push(`document base ${document.baseURI}`);
  return found;
}"""


# What a detail page shows of its posting: the payload as text, and JSON-LD that still parses.
SHOWN = """() => ({
  title: document.querySelector("h1").textContent,
  jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')]
    .map(script => JSON.parse(script.textContent)),
})"""


def packs(limit=MAX_NAME):
    """Consecutive payloads grouped so that each group, joined by spaces, fits in `limit`."""
    groups, current = [], []
    for payload in PAYLOADS:
        if current and len(" ".join(current + [payload])) > limit:
            groups.append(current)
            current = []
        current.append(payload)
    return groups + [current]


PACKS = packs()
# A pack by the company name the importer makes of it (whitespace collapsed, NUL dropped).
PACK_OF_COMPANY = {one_line(" ".join(pack).replace("\x00", "")): pack for pack in PACKS}


# --- writing and importing the corpus ------------------------------------------------------


def posting_file(meta: dict, body: str) -> str:
    # As a scraper would write it: YAML escapes what YAML must (NUL, U+2028) in the values,
    # and the body is raw Markdown.
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n{body}\n"


def hostile_meta(i, url, company):
    """Every untrusted key of the format carries payload i, raw or inside a URL."""
    payload = PAYLOADS[i]
    return {
        "title": payload,
        "companyName": company,
        "url": url,
        "applyUrl": payload,
        "location": payload,
        "host": f"https://example.com/host/{payload}",
        "timestamp": BASE_TIMESTAMP + i * 3_600_000,
        "hashtags": payload,
        "jobType": payload,
        "logoUrl": f"https://example.com/logo/{payload}",
        "companyWebsite": f"https://example.com/{payload}",
        "summary": payload,
    }


def write_corpus(folder):
    """The corpus as posting files, one folder per kind; the importer takes each in one call.

    live/      every field is the payload (the card shows the summary); the company name is
               the payload's pack, shared with its neighbours
    archived/  the same, archived: for the archive and the closed postings' pages
    body/      the payload as the body only, with no summary (so cards, search snippets and
               feeds show the rendered body), and an apply URL that is a valid http URL with
               the payload in it
    refused/   the payload as the source URL, the posting's identity: must be refused
    """
    for name in FOLDERS:
        (folder / name).mkdir()
    company = {}
    for pack in PACKS:
        company |= dict.fromkeys(pack, " ".join(pack))
    for i, payload in enumerate(PAYLOADS):
        live = hostile_meta(i, f"https://jobs.example.com/xss/live/{i}", company[payload])
        (folder / "live" / f"xss-{i:03d}.md").write_text(posting_file(live, payload))
        archived = hostile_meta(i, f"https://jobs.example.com/xss/archived/{i}", company[payload])
        (folder / "archived" / f"archived-{i:03d}.md").write_text(
            posting_file(archived | {"archived": "true"}, payload)
        )
        body_only = {
            "title": f"Body-only posting {i}",
            "companyName": body_company(i),
            "url": f"https://jobs.example.com/xss/body/{i}",
            "applyUrl": f"https://example.com/apply?{payload}",
            "location": "Remote",
            "timestamp": BASE_TIMESTAMP + (len(PAYLOADS) + i) * 3_600_000,
            "hashtags": "#xss-body",
        }
        (folder / "body" / f"body-{i:03d}.md").write_text(posting_file(body_only, payload))
        refused = hostile_meta(i, payload, "Refused Inc")
        (folder / "refused" / f"url-{i:03d}.md").write_text(posting_file(refused, payload))


def body_company(i):
    # Groups small enough that each one's feed (the newest 50) holds all of its postings.
    return f"XSS body group {i // 40}"


def import_corpus(folder, names=FOLDERS):
    write_corpus(folder)
    return {name: import_paths([folder / name]) for name in names}


# --- rendering in the browser --------------------------------------------------------------


class Renders:
    """Opens pages in one browser page and records, per URL, what went wrong on it."""

    def __init__(self, page):
        self.page = page
        self.pages = 0
        self.renders = 0  # (payload, field, page) combinations shown
        self.failures = []

    def check(self, url, renders=0):
        self.scan(url, self.page.goto(url, wait_until="load"))
        self.renders += renders

    def scan(self, url, response):
        watched = self.page.watched
        problems = [] if response is None or response.ok else [f"HTTP {response.status}"]
        problems += self.page.evaluate(SCAN_DOM)
        for label, seen in (
            ("dialog", watched.dialogs),
            ("console error", watched.console_errors),
            ("foreign request", watched.foreign_requests),
        ):
            problems += [f"{label}: {item}" for item in seen]
            seen.clear()  # so that each page answers for its own
        if problems:
            self.failures.append((url, problems))
        self.pages += 1

    def assert_clean(self):
        report = "\n".join(f"{url}\n    " + "\n    ".join(p) for url, p in self.failures[:30])
        assert not self.failures, f"{len(self.failures)} unsafe page(s):\n{report}"
        self.page.watched.assert_clean()
        print(f"\n{self.pages} pages, {self.renders} (payload, field, page) renders, all clean")


def is_hostile(posting):
    """A posting of the live or archived files: every field is hostile, not the body alone."""
    return not posting.url.startswith("https://jobs.example.com/xss/body/")


def payloads_on_card(posting):
    """How many payloads a posting's card shows: title, company, location, tags, summary."""
    if not is_hostile(posting):
        return 0  # the body only, which cards show as a search snippet
    return 4 + len(PACK_OF_COMPANY[posting.company.name])


def sign_in(context, live_server, django_user_model):
    """A superuser's session, as a cookie of the browser context."""
    user = django_user_model.objects.create_superuser("xss-admin", "admin@example.com", "pw")
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return user


# --- the import ----------------------------------------------------------------------------


def assert_imported_inert(reports):
    n = len(PAYLOADS)
    for name in ("live", "archived", "body"):
        assert reports[name].counts["failed"] == 0, reports[name].errors
        assert reports[name].counts["created"] == n

    # A hostile source URL refuses the whole file, naming it and why; nothing of it is kept.
    refused = reports["refused"]
    assert refused.counts["failed"] == n and sum(refused.counts.values()) == n
    for path, reason in refused.errors:
        assert path.parent.name == "refused"
        assert reason.startswith("url is not an http(s) URL"), (path, reason)
    assert not Posting.objects.exclude(url__startswith="https://jobs.example.com/xss/").exists()
    assert not Company.objects.filter(name="Refused Inc").exists()

    for posting in Posting.objects.select_related("company"):
        # Only an http(s) or mailto: apply link is kept (the body-only files' are, with the
        # payload in their query); a hostile one falls back to the posting's source page.
        if is_hostile(posting):
            assert posting.apply_url == posting.url
        validate_apply_url(posting.apply_url)
        assert urlsplit(posting.apply_url).scheme in {"http", "https", "mailto"}
        # NUL is dropped (PostgreSQL would refuse the row), never stored, never a crash.
        texts = [posting.title, posting.company.name, posting.location, posting.summary]
        assert not [t for t in [*texts, posting.body] if "\x00" in t], posting.url
    for company in Company.objects.all():
        assert company.website == "" or urlsplit(company.website).scheme == "https"
    # In Python: SQLite's LIKE would read a NUL in the pattern as its end.
    assert not [tag for tag in Tag.objects.all() if "\x00" in tag.name]


def test_every_payload_would_be_seen_if_it_ran():
    """A payload that can neither open a dialog nor reach the foreign host proves nothing."""
    for payload in PAYLOADS:
        decoded = html.unescape(payload)
        assert re.search(rf"alert|confirm|prompt|{re.escape(EVIL)}", decoded) or (
            "base64," in payload
        ), payload
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 60
    assert all(len(" ".join(pack)) <= MAX_NAME for pack in PACKS)


# --- the feeds -----------------------------------------------------------------------------

FEED_ELEMENTS = {
    # RSS 2.0 and Atom 1.0, as Django writes them
    "rss", "channel", "title", "link", "description", "language", "lastBuildDate", "item",
    "pubDate", "guid", "category", "creator", "author", "feed", "id", "updated", "subtitle",
    "entry", "published", "summary", "name",
}  # fmt: skip
HTML_IN_FEED = {"description", "summary"}


class SanitizedHTML(HTMLParser):
    """What a browser or feed reader would build from HTML we sanitized: allowed tags only."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in SANITIZED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in {"href", "title", "rel", "start", "align"}:
                self.problems.append(f"<{tag} {name}>")
            elif name == "href" and urlsplit(value or "").scheme not in {"http", "https", "mailto"}:
                self.problems.append(f"<{tag} href={value}>")


def feed_problems(text):
    """Markup in a feed that is not the feed's own, raw or inside its HTML fields."""
    problems = []
    root = ElementTree.fromstring(text.encode())  # well-formed XML, or this raises
    elements = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    problems += [f"element <{name}>" for name in elements - FEED_ELEMENTS]
    # Every '<' in the document opens one of those elements: all other markup is escaped.
    raw = {name.split(":")[-1] for name in re.findall(r"</?([^\s>/?!]+)", text)}
    problems += [f"raw <{name}>" for name in raw - FEED_ELEMENTS]
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in HTML_IN_FEED and element.text:
            problems += html_problems(element.text)
    return problems


def html_problems(text):
    parser = SanitizedHTML()
    parser.feed(text)
    parser.close()
    return parser.problems


def assert_feeds_inert(request, base_url):
    live_companies = list(Company.objects.hiring().values_list("slug", flat=True))
    queries = [""] + [
        "?" + urlencode([("company", slug) for slug in live_companies[start : start + 10]])
        for start in range(0, len(live_companies), 10)
    ]
    rss_only = ["?" + urlencode({"q": " ".join(pack)}) for pack in PACKS]
    rss_only += [
        "?" + urlencode([("tag", p) for p in PAYLOADS[start : start + 10]])
        for start in range(0, len(PAYLOADS), 10)
    ]
    items = 0
    for path in [f"/feeds/jobs.{kind}{query}" for kind in ("rss", "atom") for query in queries] + [
        f"/feeds/jobs.rss{query}" for query in rss_only
    ]:
        response = request.get(base_url + path)
        assert response.ok, (path, response.status)
        text = response.text()
        assert feed_problems(text) == [], path
        items += text.count("<item>") + text.count("<entry>")
    # Every live posting was in the RSS and the Atom feed of its companies.
    assert items >= 2 * Posting.objects.live().count()


# --- the public pages: escaping and sanitizing alone (CSP bypassed) ------------------------


@pytest.mark.django_db(transaction=True)
def test_hostile_files_import_inert_and_every_public_page_shows_them_inert(
    tmp_path, browser, live_server
):
    reports = import_corpus(tmp_path)
    assert_imported_inert(reports)

    context, page = new_page(browser, live_server, bypass_csp=True)
    assert_feeds_inert(context.request, live_server.url)
    renders = Renders(page)
    live = list(Posting.objects.live().for_cards().order_by("-posted_at", "-pk"))
    closed = list(Posting.objects.closed().for_cards().order_by("-posted_at", "-pk"))

    for number, start in enumerate(range(0, len(live), PER_PAGE), 1):
        renders.check(f"/?page={number}", sum(map(payloads_on_card, live[start:][:PER_PAGE])))
    for number, start in enumerate(range(0, len(closed), PER_PAGE), 1):
        cards = closed[start:][:PER_PAGE]
        renders.check(f"/archive/?page={number}", sum(map(payloads_on_card, cards)))
    renders.check("/tags/", Tag.objects.count())
    renders.check("/companies/", len(PAYLOADS))
    for pack in PACKS:
        # The search box, the chip, the page title; the facets and cards of what matched.
        renders.check("/?" + urlencode({"q": " ".join(pack)}), len(pack))
    for number in range(1, len(live) // PER_PAGE + 2):
        # A word in nearly every payload: the bodies' search snippets, page after page.
        renders.check(f"/?q=alert&page={number}", PER_PAGE)
    for start in range(0, len(PAYLOADS), 10):
        # Ten raw tag values per URL, as many as the filter reads.
        tags = PAYLOADS[start : start + 10]
        renders.check("/?" + urlencode([("tag", p) for p in tags]), len(tags))
    for posting in [p for p in live if is_hostile(p)]:
        renders.check(posting.get_absolute_url(), payloads_on_card(posting) + 2)
        # Escaped, not dropped; and nothing in it closed the JSON-LD <script> early.
        shown = page.evaluate(SHOWN)
        assert shown["title"] == posting.title
        assert [data["title"] for data in shown["jsonLd"]] == [posting.title]
    for posting in [p for p in live if not is_hostile(p)][::10]:
        # The same bodies again; what is new is the kept apply URL with the payload in it.
        renders.check(posting.get_absolute_url(), 2)
    for posting in closed[::10]:
        # A closed posting's page differs only in what it leaves out (apply link, JSON-LD).
        renders.check(posting.get_absolute_url(), payloads_on_card(posting) + 1)
    for company in Company.objects.hiring():
        pack = PACK_OF_COMPANY.get(company.name)  # None for the body-only postings' companies
        shown = len(pack) + company.live_count * (4 + len(pack)) if pack else 0
        renders.check(company.get_absolute_url(), shown)

    renders.assert_clean()
    context.close()


# --- the admin: recruiters are untrusted too (CSP bypassed) --------------------------------


def submit(page, renders, button="_continue"):
    """Press a save button of the admin form on `page` and check the page it leads to."""
    with page.expect_navigation() as navigation:
        page.click(f"input[name={button}]")
    renders.scan(page.url, navigation.value)


def choose_tag(page, renders, text):
    """Pick a tag in the last (empty) row of the tags inline, through its autocomplete."""
    page.locator(".dynamic-tagged_items .select2-selection").last.click()
    page.locator(".select2-search__field").fill(text)
    option = page.locator(".select2-results__option", has_text=text).first
    option.wait_for()
    renders.scan(page.url, None)  # the tag names as the autocomplete's script showed them
    option.click()


@pytest.mark.django_db(transaction=True)
def test_admin_shows_hostile_postings_inert_and_refuses_hostile_edits(
    tmp_path, browser, live_server, django_user_model
):
    import_corpus(tmp_path, ("live",))
    context, page = new_page(browser, live_server, bypass_csp=True)
    sign_in(context, live_server, django_user_model)
    renders = Renders(page)
    postings = list(Posting.objects.select_related("company").order_by("pk"))
    companies = list(Company.objects.order_by("pk"))
    tags = list(Tag.objects.order_by("pk"))

    for number in range(1, len(postings) // 100 + 2):
        renders.check(f"/admin/postings/posting/?p={number}", 100 * 2)
    for pack in PACKS[::10]:
        renders.check("/admin/postings/posting/?" + urlencode({"q": " ".join(pack)}), len(pack))
    renders.check("/admin/postings/company/", len(PAYLOADS))
    for number in range(1, len(tags) // 100 + 2):
        renders.check(f"/admin/postings/tag/?p={number}", 100)
    # Django's own widgets escape alike; the sample covers the body as the admin renders it.
    for posting in postings[::15]:
        renders.check(f"/admin/postings/posting/{posting.pk}/change/", FIELDS_ON_DETAIL)
    for company in companies[::15]:
        renders.check(f"/admin/postings/company/{company.pk}/change/", 1)
    for tag in tags[::50]:
        renders.check(f"/admin/postings/tag/{tag.pk}/change/", 1)

    # An edit as a hostile recruiter would make it: values the form must refuse, the form
    # shown again with them...
    posting = postings[0]
    change = f"/admin/postings/posting/{posting.pk}/change/"
    renders.check(change)
    body = "\n\n".join(p for p in PAYLOADS if "\x00" not in p)
    page.fill("#id_title", "<scr\x00ipt>alert('title')</scr\x00ipt>")
    page.fill("#id_apply_url", "javascript:alert('apply')")
    page.fill("#id_summary", "'><img src=x onerror=alert('summary')>")
    page.fill("#id_location", '"><svg onload=alert("location")>')
    page.fill("#id_body", body)
    submit(page, renders)
    errors = page.locator(".errorlist").all_inner_texts()
    assert any("Null characters are not allowed" in e for e in errors), errors
    assert any("http(s) URL or a mailto: address" in e for e in errors), errors
    posting.refresh_from_db()
    assert posting.title == PAYLOADS[0] and posting.edited_at is None

    # ...then hostile values the form accepts, shown inert wherever they go.
    page.fill("#id_title", "<img src=x onerror=alert('title')> edited")
    page.fill("#id_apply_url", 'https://example.com/apply?x="><svg/onload=alert(1)>')
    submit(page, renders)
    posting.refresh_from_db()
    assert posting.title == "<img src=x onerror=alert('title')> edited"
    assert posting.edited_at is not None
    assert html_problems(posting.body_html) == []

    renders.check("/admin/postings/tag/add/")
    page.fill("#id_name", "\"><img src=x onerror=alert('tag')>")
    submit(page, renders, "_save")
    renders.check(change)
    choose_tag(page, renders, "alert('tag')")
    submit(page, renders)
    assert "\"><img src=x onerror=alert('tag')>" in posting.tags.names()

    company = posting.company
    company_change = f"/admin/postings/company/{company.pk}/change/"
    renders.check(company_change)
    page.fill("#id_name", "<svg onload=alert('company')> Recruiter Co")
    page.fill("#id_website", "javascript:alert('website')")
    submit(page, renders)
    assert page.locator(".errorlist").count()
    page.fill("#id_website", 'https://example.com/"><script>alert("website")</script>')
    submit(page, renders)
    company.refresh_from_db()
    assert company.name == "<svg onload=alert('company')> Recruiter Co"

    posting.refresh_from_db()
    for url in (
        "/admin/",  # recent actions name the edited objects
        change,
        f"/admin/postings/posting/{posting.pk}/history/",
        "/admin/postings/posting/?" + urlencode({"q": "edited"}),
        posting.get_preview_url(),
        posting.get_absolute_url(),
        posting.company.get_absolute_url(),
        "/?" + urlencode({"q": "edited"}),
        "/tags/",
    ):
        renders.check(url, FIELDS_ON_DETAIL)

    renders.assert_clean()
    context.close()


# --- with the Content-Security-Policy on, as browsers see the site -------------------------


@pytest.mark.django_db(transaction=True)
def test_pages_with_the_csp_on_show_the_payloads_without_a_violation(
    tmp_path, browser, live_server, django_user_model
):
    # Anything the policy blocked would be a console error: the page must not even try.
    import_corpus(tmp_path, ("live",))
    context, page = new_page(browser, live_server)
    renders = Renders(page)
    postings = list(Posting.objects.select_related("company").order_by("pk"))

    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    renders.scan("/", response)
    for url in [
        "/?page=2",
        "/?" + urlencode({"q": " ".join(PACKS[0])}),
        "/?q=alert",
        "/tags/",
        "/companies/",
        *[posting.get_absolute_url() for posting in postings[::10]],
        *[posting.company.get_absolute_url() for posting in postings[::30]],
    ]:
        renders.check(url, FIELDS_ON_DETAIL)

    sign_in(context, live_server, django_user_model)
    renders.check("/admin/postings/posting/", 200)
    for posting in postings[::50]:
        renders.check(f"/admin/postings/posting/{posting.pk}/change/", FIELDS_ON_DETAIL)

    renders.assert_clean()
    context.close()


# --- the checks themselves -----------------------------------------------------------------


def test_the_checks_see_a_payload_that_gets_through(browser, live_server):
    """Serve an unsanitized page in the site's origin: every kind of trace must be caught."""
    context, page = new_page(browser, live_server, bypass_csp=True)
    hostile = (
        "<!doctype html><title>x</title><img src=x onerror=alert(1)>"
        '<a href="java\tscript:alert(2)">x</a><img src="http://evil.example/x">'
        "<script>console.error('boom')</script>"
    )
    page.route("**/unsafe/", lambda route: route.fulfill(body=hostile, content_type="text/html"))
    renders = Renders(page)
    renders.check("/unsafe/")
    ((url, problems),) = renders.failures
    for trace in ("<IMG onerror=", "<A href=", "dialog: alert: 1", "console error: boom"):
        assert any(p.startswith(trace) for p in problems), (trace, problems)
    assert "foreign request: http://evil.example/x" in problems
    context.close()


def test_the_feed_check_sees_markup_that_is_not_escaped():
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>a<b>b</b></title><description>&lt;img src=x onerror=alert(1)&gt;"
        '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;</description></item></channel></rss>'
    )
    assert feed_problems(rss) == [
        "element <b>",
        "raw <b>",
        "<img>",
        "<img src>",
        "<img onerror>",
        "<a href=javascript:alert(1)>",
    ]
