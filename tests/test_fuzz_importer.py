"""No posting file, however hostile, breaks the importer or leaves half a posting behind.

Property-based: hypothesis writes files with arbitrary front matter (random mappings, wrong
types for every known key, lists where text is expected, huge strings, dates in odd formats,
YAML that is not a mapping or not YAML at all, duplicate keys, YAML tags) and arbitrary bodies
(Markdown, raw HTML, NUL bytes, invalid UTF-8 bytes). Each file must be either imported whole
(the posting row, its rendered body, tags, places and search document, all consistent, and its
pages served) or reported as one clear line naming the problem, with nothing of it left in the
database. `read_posting` is the oracle for which of the two a file is: whatever it accepts the
database must accept too, on SQLite and on PostgreSQL alike.
"""

import re
import xml.etree.ElementTree as ElementTree
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import event, given
from hypothesis import strategies as st

from postings.companies import company_key
from postings.derive import derive_fields
from postings.importers import BadFile, PostingData, import_paths, read_posting
from postings.importers.front_matter import MAX_VALUE_LENGTH
from postings.locations import parse_location
from postings.markdown import render_markdown
from postings.models import (
    Company,
    Place,
    Posting,
    PostingSearch,
    Status,
    Tag,
    TaggedPosting,
)
from postings.search import words
from tests.fuzzing import Tally, fuzz, hostile_text, scaled

SEED = Path(__file__).parent.parent / "seeds" / "senior-backend-engineer-netlify.md"
SEED_URL = "https://boards.greenhouse.io/netlify/jobs/5054144002"

TRIED = Tally()


@pytest.fixture(scope="module", autouse=True)
def report_examples(request):
    yield
    TRIED.report(request.config, "tests/test_fuzz_importer.py")


# --- hostile posting files ----------------------------------------------------------------

KNOWN_KEYS = [
    "title", "companyName", "url", "applyUrl", "location", "host", "timestamp", "hashtags",
    "jobType", "logoUrl", "companyWebsite", "summary", "summaryBackup", "featured", "archived",
]  # fmt: skip
REQUIRED = ["title", "companyName", "url"]

# Any YAML value: scalars of every type YAML has, nested in lists and mappings.
yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**80), 2**80),
    st.floats(),
    hostile_text,
    st.dates(),
    st.datetimes(),
    st.binary(max_size=16),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def with_letter(texts):
    """Text that still says something once stripped of junk: a word glued to it."""
    return st.builds(
        lambda text, word: f"{text} {word}".strip(),
        texts,
        st.sampled_from(["Engineer", "データ", "Ärztin", "🚀 Dev", "مهندس", "K8s"]),
    )


company_names = st.one_of(
    st.sampled_from(
        [
            "Netlify", "NETLIFY", "Current Job Openings at Netlify", "Café Zürich ☕", "Acme",
            "acme", "ACME careers", "Jobs at Acme", "İstanbul Ltd", "ǅemal", "σ corp", "ς CORP",
            "- careers", "| Jobs", ":careers",
        ]
    ),
    with_letter(st.text(max_size=30)),
    hostile_text,
)  # fmt: skip
hosts = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?\.[a-z]{2,6}", fullmatch=True)
http_urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https", "HTTPS"]),
    hosts,
    st.text(st.characters(codec="ascii", exclude_categories=["Cc", "Zs"]), max_size=40)
    | st.text(max_size=20)
    | st.integers(0, 1200).map(lambda n: "a" * n),
)
url_values = st.one_of(
    http_urls,
    st.sampled_from(
        [
            SEED_URL, "https://jobs.example.com/1", "https://jobs.example.com/1", "mailto:",
            "mailto:jobs@example.com", "javascript:alert(1)", "ftp://x.io/", "https://", "//x.io/a",
            "https://exa mple.com/", "https://x.io/\x00", "https://[::1/", "not a url", "https:x",
        ]
    ),
    hostile_text,
)  # fmt: skip
tag_texts = st.lists(
    st.sampled_from(
        [
            "#golang", " #socialmedia", "##marketing", "customersupport", "#English", "#english",
            "#ui/ux", "# #a", "#a", "a", "#" + "+" * 50, "." * 50, "#" * 60, "ﷺ" * 50, "c++",
            "c#", ".net", "#" + "x" * 200, "", " ", "#\x00", "#İ", "#ß", "#SS",
        ]
    )
    | st.text(max_size=20),
    max_size=8,
).map(",".join)  # fmt: skip
timestamps = st.one_of(
    st.integers(0, 4_102_444_800_000),
    st.integers(-62_135_596_800_000, 253_402_300_799_999),
    st.integers(),
    st.sampled_from(["1612310400000", " 1612310400000 ", "-1", "soon", "1e3", "", "0x10", "٣"]),
)
featured_values = st.one_of(
    st.integers(-3, 20),
    st.integers(),
    st.sampled_from([2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 2**63, "7", "-3", "2.6", "x"]),
    st.floats(),
)
archived_values = st.one_of(
    st.booleans(),
    st.sampled_from(["true", "false", "True", "FALSE", "yes", "no", "0", "1", "", "maybe", "on"]),
)
plain_texts = st.one_of(with_letter(st.text(max_size=60)), hostile_text)

PLAUSIBLE = {
    "title": plain_texts,
    "companyName": company_names,
    "url": url_values,
    "applyUrl": url_values,
    "location": st.one_of(
        st.sampled_from(
            [
                "Remote or San Francisco",
                "Berlin, Germany",
                "RemoteMunich,Germany",
                "Engineering",
                "Plantation, FL OR Remote",
                "Toronto, ON, Canada",
                "ﷺ" * 80,
                "A" * 300,
                "",
            ]
        ),
        plain_texts,
    ),  # fmt: skip
    "host": url_values,
    "timestamp": timestamps,
    "hashtags": tag_texts,
    "jobType": plain_texts,
    "logoUrl": url_values,
    "companyWebsite": url_values,
    "summary": plain_texts,
    "summaryBackup": plain_texts,
    "featured": featured_values,
    "archived": archived_values,
}
# Mostly plausible values, sometimes any YAML value at all (a list, a date, a mapping...).
front_matter_values = {
    key: st.one_of(values, values, yaml_values) for key, values in PLAUSIBLE.items()
}

mappings = st.builds(
    lambda required, optional, unknown, dropped: {
        key: value
        for key, value in {**required, **optional, **unknown}.items()
        if key not in dropped
    },
    st.fixed_dictionaries({key: front_matter_values[key] for key in REQUIRED}),
    st.fixed_dictionaries(
        {}, optional={key: front_matter_values[key] for key in KNOWN_KEYS if key not in REQUIRED}
    ),
    st.dictionaries(st.text(max_size=10) | st.sampled_from(KNOWN_KEYS), yaml_values, max_size=3),
    st.sets(st.sampled_from(REQUIRED), max_size=1) | st.just(set()) | st.just(set()),
)

# Valid required keys, and each optional key usually plausible: most of these files import.
nearly_valid_mappings = st.builds(
    lambda required, optional: {**required, **optional},
    st.fixed_dictionaries(
        {
            "title": with_letter(st.text(max_size=60)),
            "companyName": st.sampled_from(["Netlify", "NETLIFY", "Acme careers", "ς CORP"])
            | with_letter(st.text(max_size=30)),
            "url": http_urls | st.sampled_from([SEED_URL, "https://jobs.example.com/1"]),
        }
    ),
    st.fixed_dictionaries(
        {},
        optional={
            key: st.one_of(PLAUSIBLE[key], PLAUSIBLE[key], PLAUSIBLE[key], yaml_values)
            for key in KNOWN_KEYS
            if key not in REQUIRED
        },
    ),
)

# Lines appended to the front matter as they are: duplicate keys, dates and numbers in odd
# formats, YAML tags, recursion, anchors, merge keys, errors.
DEEP = "[" * 3000 + "]" * 3000
RAW_LINES = [
    "timestamp: 2021-02-30", "timestamp: 2021-02-03", "timestamp: 2021-02-03T10:00:00Z",
    "timestamp: 2021-02-03T25:00:00", "timestamp: 12:30:00", "timestamp: 1e3", "timestamp: .inf",
    "timestamp: -.inf", "timestamp: .nan", "timestamp: 0x1F", "timestamp: 0o17",
    "timestamp: 1_612_310_400_000", "timestamp: !!int abc", "timestamp: !!float x",
    "timestamp: !!timestamp foo", "timestamp: !!binary aGVsbG8=", "timestamp: ~",
    "featured: !!bool maybe", "featured: 99999999999999999999999", "featured: 2147483648",
    "featured: -2147483649", "featured: 2.5e9", "featured: !!int 0x", "featured: " + DEEP,
    "archived: maybe", "archived: !!set {a, b}", "archived: " + DEEP, "timestamp: " + DEEP,
    "title: &a [*a]", "title: !!python/object/apply:os.system [echo]", "title: duplicate",
    "title: " + DEEP, "url: https://jobs.example.com/1", "companyName: NETLIFY",
    "companyName: - careers", "companyName: Jobs at", "hashtags: [#a, '#b', 3, null]",
    "hashtags: {a: 1}", "location: [Berlin, [London]]", "? [a]\n: b", "<<: {title: merged}",
    "<<: *nothing", "title: |\n  multi\n  line", "'title': quoted key", "title: 'unterminated",
    "\ttitle: tab", 'title: "\\ud800"', 'title: "\\0 nul"', 'summary: "\\x85\\u2028\\u2029"',
    'companyName: "\\0"', "title: !!binary AAAA", "url: !!str 1", "1: 2", "null: x", "[1, 2]",
    "- list", "...", "---", "%YAML 1.1", "title: " + "x" * 5000, "location: " + "Berlin, " * 400,
]  # fmt: skip

# Markdown and HTML that has broken renderers and sanitizers before.
MD_PIECES = [
    "# Title", "## Sub", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "<img src=x onerror=alert(2)>", "```\ncode\n```", "| a | b |\n|:--|--:|\n| 1 | 2 |", "---",
    "***", "> quote", "1. one", "3. three", "- item", "<!-- comment", "<iframe src=x>", "&#0;",
    "&#x110000;", "&amp;", "\x00", "<", "]]>", "<![CDATA[", "\\", "*" * 500, "[" * 300,
    "<" * 300, "<a href='http://x'>" * 30, "Term\n: definition", "    indented", "<h1>h</h1>",
    "<style>*{}</style>", "<svg onload=alert(1)>", "![i](http://x/a.png)", "\r", "\u2028",
]  # fmt: skip

bodies = st.one_of(
    st.text(),
    # Many distinct words, up to about 1 MB: PostgreSQL caps a search document at 1 MB.
    st.integers(1, 130_000).map(lambda n: " ".join(f"{i:x}" for i in range(n))),
    st.lists(st.sampled_from(MD_PIECES) | st.text(max_size=30), max_size=12).map("\n\n".join),
    st.binary(max_size=300).map(lambda raw: raw.decode("latin-1")),
    hostile_text,
)


@st.composite
def posting_files(draw):
    """The bytes of one posting file: nearly valid, or hostile throughout."""
    if draw(st.booleans()):
        meta = draw(nearly_valid_mappings)
        front = yaml.safe_dump(meta, allow_unicode=draw(st.booleans()), sort_keys=False)
        return f"---\n{front}---\n{draw(bodies)}".encode("utf-8", "surrogatepass")
    shape = draw(st.sampled_from(["mapping"] * 6 + ["not-a-mapping", "not-yaml"]))
    if shape == "mapping":
        front = yaml.safe_dump(
            draw(mappings),
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([False, False, None, True])),
            sort_keys=False,
            width=draw(st.sampled_from([80, 10**6])),
        )
        front += "".join(
            line + "\n" for line in draw(st.lists(st.sampled_from(RAW_LINES), max_size=3))
        )
    elif shape == "not-a-mapping":
        front = yaml.safe_dump(draw(st.lists(yaml_values, max_size=3) | yaml_scalars))
    else:
        front = draw(hostile_text | st.lists(st.sampled_from(RAW_LINES), max_size=4).map("\n".join))
    opening = draw(
        st.sampled_from(["---\n", "---\n", "--- \n", "---\r\n", "\ufeff---\n", "", "+++\n"])
    )
    closing = draw(st.sampled_from(["---\n", "---\n", "--- \n", "\n---\n", "", "...\n"]))
    text = opening + front.rstrip("\n") + "\n" + closing + draw(bodies)
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes that are not UTF-8
    junk = draw(st.sampled_from([b"", b"", b"", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80"]))
    if junk:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + junk + data[at:]
    if draw(st.integers(0, 49)) == 0:
        data += b"x" * (1024 * 1024)  # over the 1 MB limit
    return data


FILE_NAMES = ["job.md", "-leading-dash.md", "-.md", "ü 空.md", "a b.markdown", "--rf.md", "x.MD"]


# --- checking the outcome -----------------------------------------------------------------


def expected_outcome(path) -> PostingData | BadFile:
    """What the importer's own parser says of the file: the oracle."""
    try:
        return read_posting(path)
    except BadFile as error:
        return error


def database_state():
    """Every row an import can write, by kind."""
    return {
        "postings": set(Posting.objects.values_list("pk", "source_hash")),
        "companies": set(Company.objects.values_list("pk", "name", "website", "logo_url")),
        "tags": set(Tag.objects.values_list("pk", "name", "slug")),
        "tag links": set(TaggedPosting.objects.values_list("pk", "tag", "content_object")),
        "places": set(Place.objects.values_list("pk", "slug")),
        "place links": set(Posting.places.through.objects.values_list("posting", "place")),
        "search": set(PostingSearch.objects.values_list("posting_id", flat=True)),
    }


def assert_clear_error(message):
    assert message, "an empty reason"
    assert "\n" not in message and "Traceback" not in message, message
    # At most a 100-character repr of the value (up to 10 characters each when escaped).
    assert len(message) <= 1200, message
    # The database refusing what the parser let through means the parser has a hole, and the
    # reason is the database's wording (and differs between SQLite and PostgreSQL).
    assert not message.startswith("could not be saved"), message


def assert_whole(data: PostingData):
    """The posting of `data` is all there and agrees with the file."""
    posting = Posting.objects.select_related("company").get(url=data.url)
    derived = derive_fields(data.title, data.body, data.job_type)
    location = parse_location(data.location)
    assert posting.title == data.title
    assert data.company_name.strip(), "a company without a name"
    assert posting.company.key == company_key(data.company_name)
    assert posting.body == data.body
    assert posting.body_html == derived.body_html == render_markdown(data.body)
    assert posting.remote == location.remote
    assert posting.status == (Status.ARCHIVED if data.archived else Status.PUBLISHED)
    assert posting.featured == data.featured
    assert sorted(posting.tags.names()) == sorted(data.tags)
    places = {(link.place.key, link.remote) for link in posting.place_links.filter(named=True)}
    assert places == {(key, False) for key in location.onsite} | {
        (key, True) for key in location.regions
    }
    assert PostingSearch.objects.filter(posting=posting).exists(), "no search document"
    # A plain word of the title finds the posting.
    word = next((w for w in words(data.title) if re.fullmatch(r"[a-z0-9]{2,}", w)), None)
    if word:
        assert Posting.objects.search(word + " ").filter(pk=posting.pk).exists(), word
    return posting


def assert_pages_work(posting):
    """The imported posting is served on every page that shows it."""
    client = Client(raise_request_exception=False)
    query = {"q": posting.title[:50]}
    urls = [
        (posting.get_absolute_url(), {}),
        (posting.company.get_absolute_url(), {}),
        ("/", {}),
        ("/", query),
        ("/archive/", {}),
        ("/tags/", {}),
        ("/companies/", {}),
        ("/feeds/jobs.rss", {}),
        ("/feeds/jobs.atom", query),
        ("/sitemap.xml", {}),
    ]
    for url, params in urls:
        response = client.get(url, params)
        error = response.exc_info[1] if response.exc_info else None
        assert response.status_code == 200, f"{response.status_code} for {url}: {error!r}"
        if url.startswith(("/feeds/", "/sitemap")):
            ElementTree.fromstring(response.content)
    assert b"<script>alert(1)" not in client.get(posting.get_absolute_url()).content


@contextmanager
def rolled_back():
    """Each example starts from the same database: its writes are undone at its end."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# --- one file at a time -------------------------------------------------------------------


@pytest.fixture
def seeded(db):
    """A posting already imported, whose company, tags and place hostile files may share."""
    report = import_paths([SEED])
    assert report.counts["created"] == 1, report.errors
    return Posting.objects.get()


@scaled(2.5)
@given(content=posting_files(), name=st.sampled_from(FILE_NAMES))
def test_a_file_is_imported_whole_or_refused_cleanly(seeded, tmp_path, request, content, name):
    TRIED[request.node.name] += 1
    path = tmp_path / name
    path.write_bytes(content)
    expected = expected_outcome(path)
    cache.clear()  # pages cached by an example that was rolled back
    with rolled_back():
        before = database_state()
        report = import_paths([path])
        assert sum(report.counts.values()) == 1, report.summary
        event("refused" if isinstance(expected, BadFile) else "imported")
        if isinstance(expected, BadFile):
            assert report.counts["failed"] == 1
            assert report.errors == [(path, str(expected))]
            assert_clear_error(str(expected))
            assert database_state() == before, "a refused file left rows behind"
        else:
            assert report.counts["failed"] == 0, report.errors
            assert report.counts["created"] + report.counts["updated"] == 1, report.summary
            assert_pages_work(assert_whole(expected))


# --- a batch of good and bad files --------------------------------------------------------

good_mappings = st.fixed_dictionaries(
    {
        "title": with_letter(st.text(max_size=80)),
        "companyName": st.sampled_from(["Netlify", "NETLIFY", "Acme careers", "Café Zürich ☕"])
        | with_letter(st.text(max_size=30)),
    },
    optional={
        "applyUrl": url_values,
        "location": PLAUSIBLE["location"],
        "hashtags": tag_texts,
        "timestamp": st.integers(0, 4_102_444_800_000),
        "featured": st.integers(-3, 20),
        "archived": st.sampled_from([True, False, "true", "false"]),
        "jobType": st.text(max_size=30),
        "summary": st.text(max_size=100),
        "host": http_urls,
        "logoUrl": http_urls,
        "companyWebsite": http_urls,
    },
)
BAD_KINDS = [
    "not-utf8", "no-front-matter", "yaml-error", "missing-title", "timestamp-text", "url-not-http",
    "too-large", "directory", "empty", "hostile",
]  # fmt: skip


@st.composite
def batches(draw):
    """(name, bytes or None for a directory, "good", "bad" or "any") for a few files."""
    files = []
    for index in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            meta = draw(good_mappings) | {"url": f"https://good.example.com/{index}"}
            # YAML can write a lone surrogate ("\uD800") but not read it back, and longer values
            # are refused before YAML parses them (the front matter's size limit).
            meta = {
                key: value.encode("utf-8", "replace").decode()[:MAX_VALUE_LENGTH]
                if isinstance(value, str)
                else value
                for key, value in meta.items()
            }
            body = draw(st.text(max_size=400) | st.sampled_from(MD_PIECES))
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
            files.append((f"{index}.md", (text + body).encode(), "good"))
            continue
        kind = draw(st.sampled_from(BAD_KINDS))
        meta = {"title": "Bad", "companyName": "Acme", "url": f"https://bad.example.com/{index}"}
        front = "---\n" + yaml.safe_dump(meta, sort_keys=False)
        data = {
            "not-utf8": (front + "---\n").encode() + b"\xff\xfe body",
            "no-front-matter": b"Just a body.",
            "yaml-error": (front + 'location: "unclosed\n---\n').encode(),
            "missing-title": front.replace("title: Bad\n", "").encode() + b"---\n",
            "timestamp-text": (front + "timestamp: soon\n---\n").encode(),
            "url-not-http": front.replace("https://", "ftp://").encode() + b"---\n",
            "too-large": (front + "---\n").encode() + b"x" * (1024 * 1024 + 1),
            "directory": None,
            "empty": b"",
            "hostile": draw(posting_files()),
        }[kind]
        files.append((f"-{index}-{kind}.md", data, "any" if kind == "hostile" else "bad"))
    return files


def delete_everything():
    Posting.objects.all().delete()
    for model in (Company, Tag, Place):
        model.objects.all().delete()


@fuzz
@given(files=batches())
def test_good_files_of_a_mixed_batch_all_import_and_bad_ones_leave_nothing(
    transactional_db, tmp_path_factory, request, files
):
    # Real transactions: each file commits on its own, as in production, and what the importer
    # remembers between files (companies, tags, places) is only remembered after a commit.
    TRIED[request.node.name] += 1
    folder = tmp_path_factory.mktemp("batch")
    paths = []
    for name, data, _ in files:
        path = folder / name
        if data is None:
            path.mkdir()
        else:
            path.write_bytes(data)
        paths.append(path)
    expected = {path: expected_outcome(path) for path in paths}
    for path, (_, _, meant) in zip(paths, files, strict=True):
        if meant != "any":  # the test's own idea of good and bad files agrees with the parser
            assert isinstance(expected[path], BadFile) == (meant == "bad"), expected[path]
    good = [path for path in paths if not isinstance(expected[path], BadFile)]
    bad = [path for path in paths if isinstance(expected[path], BadFile)]
    try:
        report = import_paths(paths)

        assert report.counts["failed"] == len(bad), report.errors
        assert {path for path, _ in report.errors} == set(bad)
        for path, message in report.errors:
            assert message == str(expected[path])
            assert_clear_error(message)
        assert report.counts["created"] + report.counts["updated"] + report.counts[
            "unchanged"
        ] == len(good)
        # The last file of each source URL is the one in the database.
        last = {expected[path].url: expected[path] for path in good}
        for data in last.values():
            assert_whole(data)
        assert Posting.objects.count() == len(last)
        # Nothing of a refused file is left, unless a good file shares it.
        assert not Company.objects.filter(postings=None).exists()
        assert not Tag.objects.filter(tagged_postings=None).exists()
        assert not Place.objects.filter(postings=None).exists()
        assert database_state()["search"] == set(Posting.objects.values_list("pk", flat=True))

        state = database_state()
        again = import_paths(paths)
        assert again.counts["failed"] == len(bad)
        assert again.counts["created"] == 0
        if len(last) == len(good):  # no URL twice: nothing to update either
            assert again.counts["unchanged"] == len(good)
            assert database_state() == state
    finally:
        delete_everything()
