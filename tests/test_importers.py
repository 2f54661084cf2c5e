import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from postings.importers import BadFile, import_paths, parse_posting, read_posting
from postings.models import Company, Posting, Status, Tag

DIRTY = Path(__file__).parent / "fixtures" / "postings" / "dirty"
BAD = Path(__file__).parent / "fixtures" / "postings" / "bad"
SEED = Path(__file__).parent.parent / "seeds" / "senior-backend-engineer-netlify.md"


def imported(name):
    report = import_paths([DIRTY / name])
    assert report.counts["failed"] == 0, report.errors
    return Posting.objects.get()


# --- the real seed ------------------------------------------------------------------------


def test_seed_parses_into_clean_data():
    data = read_posting(SEED)
    assert data.title == "Senior Backend Engineer"
    assert data.company_name == "Netlify"
    assert data.url == "https://boards.greenhouse.io/netlify/jobs/5054144002"
    assert data.apply_url.endswith("#app")
    assert data.posted_at == datetime(2021, 2, 3, tzinfo=UTC)
    assert data.tags[:3] == ("golang", "rustlang", "ui/ux")
    assert data.featured == 20
    assert data.archived is False
    assert data.body.startswith("## Company Overview")


@pytest.mark.django_db
def test_seed_imports_then_reimport_changes_nothing():
    first = import_paths([SEED])
    assert first.summary == "created 1, updated 0, unchanged 0, failed 0"
    posting = Posting.objects.get()
    assert posting.company.name == "Netlify"
    assert posting.remote is True
    assert named_slugs(posting) == ["san-francisco"]
    assert "<h2>Company Overview</h2>" in posting.body_html
    updated_at = posting.updated_at

    second = import_paths([SEED])
    assert second.summary == "created 0, updated 0, unchanged 1, failed 0"
    posting.refresh_from_db()
    assert posting.updated_at == updated_at


@pytest.mark.django_db
def test_changed_file_updates_the_same_posting_and_keeps_its_slug(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(SEED.read_text())
    import_paths([path])
    slug = Posting.objects.get().slug
    path.write_text(SEED.read_text().replace("Senior Backend Engineer", "Staff Backend Engineer"))

    report = import_paths([path])

    assert report.summary == "created 0, updated 1, unchanged 0, failed 0"
    posting = Posting.objects.get()
    assert posting.title == "Staff Backend Engineer"
    assert posting.slug == slug


@pytest.mark.django_db
def test_dry_run_counts_but_writes_nothing():
    report = import_paths([SEED], dry_run=True)
    assert report.summary == "created 1, updated 0, unchanged 0, failed 0"
    assert not Posting.objects.exists()
    assert not Company.objects.exists()


# --- dirty data: each class is imported and cleaned --------------------------------------


@pytest.mark.django_db
def test_messy_tags_are_trimmed_unhashed_lowercased_and_deduplicated():
    posting = imported("tags_messy.md")
    names = sorted(posting.tags.names())
    assert names == ["customersupport", "english", "marketing", "socialmedia", "ui/ux"]


@pytest.mark.django_db
def test_tag_with_a_slash_gets_a_working_slug():
    posting = imported("tags_messy.md")
    assert posting.tags.get(name="ui/ux").slug == "ui-ux"


@pytest.mark.django_db
def test_empty_hashtags_give_no_tags():
    assert imported("tags_empty.md").tags.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["location_missing.md", "location_empty.md"])
def test_missing_or_empty_location_imports_without_places(name):
    posting = imported(name)
    assert posting.location == ""
    assert posting.remote is False
    assert posting.places.count() == 0


@pytest.mark.django_db
def test_mixed_location_keeps_the_text_and_derives_remote_and_places():
    posting = imported("location_mixed.md")
    assert posting.location == "Plantation, FL OR Remote"
    assert posting.remote is True
    assert named_names(posting) == ["Plantation"]


@pytest.mark.django_db
def test_glued_remote_location_is_split():
    posting = imported("location_glued.md")
    assert posting.remote is True
    assert named_slugs(posting) == ["munich"]


@pytest.mark.django_db
def test_location_noise_is_not_a_place():
    posting = imported("location_noise.md")
    assert posting.location == "Engineering"
    assert posting.places.count() == 0


@pytest.mark.django_db
def test_careers_page_title_lands_on_the_same_company_as_the_plain_name():
    report = import_paths([DIRTY / "company_careers_title.md", DIRTY / "company_plain.md"])
    assert report.counts["created"] == 2
    assert list(Company.objects.values_list("name", flat=True)) == ["Netlify"]
    assert Company.objects.get().postings.count() == 2


def import_spellings(folder, names):
    write_postings(
        folder,
        len(names),
        {i: {"Current Job Openings at Netlify": name} for i, name in enumerate(names)},
    )
    return import_paths([folder])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("names", "best"),
    [
        (["time doctor", "time-doctor"], "time doctor"),
        (["jibble-group", "jibble group"], "jibble group"),
        (["hire-space", "Hire Space"], "Hire Space"),
        (["Piggy llc", "piggy-llc"], "Piggy llc"),
        (["DockYard, Inc", "DockYard, Inc."], "DockYard, Inc."),
        (["time-doctor", "time doctor", "Time Doctor", "timedoctor"], "Time Doctor"),
    ],
)
def test_spellings_of_one_employer_land_on_one_company_with_the_best_name(tmp_path, names, best):
    report = import_spellings(tmp_path, names)

    assert report.counts["created"] == len(names), report.errors
    company = Company.objects.get()
    assert company.name == best
    assert company.slug == slugify(names[0])  # a rename keeps the address
    assert company.postings.count() == len(names)
    again = import_paths([tmp_path])
    assert again.summary == f"created 0, updated 0, unchanged {len(names)}, failed 0"
    assert Company.objects.get().name == best


@pytest.mark.django_db
@pytest.mark.parametrize(("one", "other"), [("Acme", "Acme Labs"), ("Apple", "Applied")])
def test_similar_names_of_two_employers_stay_two_companies(tmp_path, one, other):
    import_spellings(tmp_path, [one, other])
    assert set(Company.objects.values_list("name", flat=True)) == {one, other}


@pytest.mark.django_db
def test_a_better_spelling_renames_the_company_and_reindexes_its_postings(tmp_path):
    import_spellings(tmp_path, ["timedoctor"])
    first = Posting.objects.get()
    assert not Posting.objects.search("doctor").exists()

    write_postings(tmp_path, 2, {1: {"Current Job Openings at Netlify": "Time Doctor"}})
    import_paths([tmp_path / "001.md"])

    assert Company.objects.get().name == "Time Doctor"
    assert set(Posting.objects.search("doctor")) == {
        first,
        Posting.objects.exclude(pk=first.pk).get(),
    }


@pytest.mark.django_db
def test_an_import_in_the_same_spelling_saves_nothing(tmp_path):
    import_spellings(tmp_path, ["Time Doctor"])
    updated_at = Company.objects.get().updated_at
    write_postings(tmp_path, 2, {1: {"Current Job Openings at Netlify": "time-doctor"}})
    import_paths([tmp_path / "001.md"])
    assert Company.objects.get().updated_at == updated_at


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Current Job Openings at Netlify", "Netlify"),
        ("Jobs at Stripe", "Stripe"),
        ("Careers at GitLab", "GitLab"),
        ("Automattic Careers", "Automattic"),
        ("Doist - Jobs", "Doist"),
        ("Steve Jobs Foundation", "Steve Jobs Foundation"),
        ("Netlify", "Netlify"),
    ],
)
def test_company_names_lose_careers_page_wording(raw, clean):
    text = SEED.read_text().replace("Current Job Openings at Netlify", raw)
    assert parse_posting(text).company_name == clean


@pytest.mark.django_db
def test_keys_in_any_order_with_blank_lines_import():
    posting = imported("keys_shuffled_blank_lines.md")
    assert posting.title == "Go Developer"
    assert list(posting.tags.names()) == ["go"]


@pytest.mark.django_db
def test_absent_optional_keys_get_defaults():
    posting = imported("optional_keys_absent.md")
    assert posting.apply_url == posting.url
    assert posting.job_type == ""
    assert posting.featured == 0
    assert posting.status == Status.PUBLISHED
    assert posting.posted_at is not None


@pytest.mark.django_db
def test_unicode_survives_everywhere():
    posting = imported("unicode.md")
    assert posting.title == "データエンジニア 🚀 “Senior”"
    assert posting.company.name == "Café Zürich ☕"
    assert "東京オフィス" in posting.body_html


@pytest.mark.django_db
def test_file_name_starting_with_a_dash_imports():
    assert imported("-leading-dash.md").title == "Dash Engineer"


@pytest.mark.django_db
def test_same_title_and_company_with_different_urls_are_distinct_postings():
    report = import_paths([DIRTY / "same_title_a.md", DIRTY / "same_title_b.md"])
    assert report.counts["created"] == 2
    slugs = set(Posting.objects.values_list("slug", flat=True))
    assert len(slugs) == 2


@pytest.mark.django_db
def test_archived_as_a_string_and_negative_featured():
    posting = imported("archived_string.md")
    assert posting.status == Status.ARCHIVED
    assert posting.featured == -3
    assert not Posting.objects.live().exists()


@pytest.mark.django_db
def test_mailto_apply_url_is_kept():
    assert imported("apply_mailto.md").apply_url == "mailto:jobs@example.com"


@pytest.mark.django_db
def test_missing_apply_url_falls_back_to_the_source_url():
    posting = imported("apply_missing.md")
    assert posting.apply_url == posting.url


@pytest.mark.django_db
def test_byte_order_mark_and_windows_line_endings_are_read():
    posting = imported("crlf_bom.md")
    assert posting.title == "Data Engineer"
    assert posting.body == "Windows line endings."


@pytest.mark.django_db
def test_twenty_kilobyte_body_imports_whole(tmp_path):
    body = "\n\n".join(f"Paragraph {i} " + "word " * 40 for i in range(100))
    assert len(body) > 20_000
    path = tmp_path / "long.md"
    path.write_text(
        SEED.read_text().split("---\n", 2)[0]
        + "---\n"
        + SEED.read_text().split("---\n", 2)[1]
        + "---\n"
        + body
    )
    import_paths([path])
    assert Posting.objects.get().body_html.count("<p>") == 100


def seed_with(old, new):
    text = SEED.read_text()
    assert old in text
    return parse_posting(text.replace(old, new))


@pytest.mark.parametrize(
    "apply_url", ["javascript:alert(1)", "ftp://files.example.com/", "mailto:", "not a url"]
)
def test_unsafe_or_broken_apply_url_falls_back_to_the_source_url(apply_url):
    data = seed_with(
        'applyUrl: "https://boards.greenhouse.io/netlify/jobs/5054144002#app"',
        f'applyUrl: "{apply_url}"',
    )
    assert data.apply_url == data.url


def test_nul_characters_are_dropped_wherever_the_file_has_them():
    # Raw in the front matter or the body, or as YAML's "\0" escape inside a value: PostgreSQL
    # would refuse the posting where SQLite keeps the NUL.
    text = re.sub(
        r"^hashtags: .*$", 'hashtags: ["#go\\0lang", "#ru\x00st"]', SEED.read_text(), flags=re.M
    )
    data = parse_posting(
        text.replace('title: "Senior Backend Engineer"', 'title: "Sen\\0ior Back\x00end"').replace(
            "## Company Overview", "## Company\x00 Overview"
        )
    )
    assert data.title == "Senior Backend"
    assert data.tags == ("golang", "rust")
    assert data.body.startswith("## Company Overview")


@pytest.mark.django_db
def test_file_with_nul_characters_imports_without_them(tmp_path):
    path = tmp_path / "nul.md"
    path.write_text(SEED.read_text().replace("Company Overview", "<scr\x00ipt>Overview"))
    report = import_paths([path])
    assert report.summary == "created 1, updated 0, unchanged 0, failed 0"
    posting = Posting.objects.get()
    assert "\x00" not in posting.body
    assert "<script>" not in posting.body_html


def test_hashtags_written_as_a_yaml_list_are_read():
    data = seed_with(
        'hashtags: "#golang,#rustlang,#ui/ux,#rubylang,#content,#kubernetes,#git,'
        '#mongodb,#figma,#analysis"',
        'hashtags: ["#Go", "#Rust"]',
    )
    assert data.tags == ("go", "rust")


def test_null_optional_values_take_their_defaults():
    data = seed_with("featured: 20", "featured:\narchived:\nlocation:")
    assert (data.featured, data.archived, data.location) == (0, False, "")


@pytest.mark.parametrize(("raw", "value"), [('"7"', 7), ("-3", -3), ("2.6", 3)])
def test_featured_accepts_numbers_written_loosely(raw, value):
    assert seed_with("featured: 20", f"featured: {raw}").featured == value


def test_source_url_with_characters_strict_validators_reject_is_accepted():
    url = "https://jobs.example_board.com/acme/123?src=board|weekly"
    data = seed_with('url: "https://boards.greenhouse.io/netlify/jobs/5054144002"', f'url: "{url}"')
    assert data.url == url


# --- bad files: reported with path and reason, the rest still imported -------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not_utf8.md", "not UTF-8"),
        ("no_front_matter.md", "no front matter"),
        ("yaml_error.md", "YAML error in front matter"),
        ("missing_title.md", "missing required key: title"),
        ("timestamp_text.md", "timestamp must be a whole number"),
        ("url_not_http.md", "url is not an http(s) URL"),
    ],
)
def test_bad_file_is_refused_with_its_reason(name, reason):
    with pytest.raises(BadFile, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_posting(BAD / name)


def test_yaml_error_names_the_lines_of_the_file():
    # Line 2 opens a quoted string that is never closed; the parser notices on line 4.
    with pytest.raises(BadFile) as error:
        read_posting(BAD / "yaml_error.md")
    assert "(line 2, column 1)" in str(error.value)
    assert "(line 4, column 7)" in str(error.value)


def test_file_over_one_megabyte_is_refused(tmp_path):
    path = tmp_path / "huge.md"
    path.write_text(SEED.read_text() + "x" * (1024 * 1024))
    with pytest.raises(BadFile, match="larger than 1024 KB"):
        read_posting(path)


def test_directory_where_a_file_was_expected_is_refused(tmp_path):
    folder = tmp_path / "posting.md"
    folder.mkdir()
    with pytest.raises(BadFile, match="is a directory"):
        read_posting(folder)


@pytest.mark.parametrize(
    "front_matter",
    ["- just\n- a list", "just a string", "title: {a: 1}\ncompanyName: x\nurl: https://x.io"],
)
def test_front_matter_that_is_not_key_value_text_is_refused(front_matter):
    with pytest.raises(BadFile):
        parse_posting(f"---\n{front_matter}\n---\nBody")


@pytest.mark.django_db
def test_bad_files_fail_alone_and_good_ones_still_import(tmp_path):
    (tmp_path / "posting.md").mkdir()  # a directory where a posting file was expected
    report = import_paths([BAD, SEED, tmp_path])

    assert report.counts["created"] == 1
    assert report.counts["failed"] == len(list(BAD.glob("*.md"))) + 1
    assert {path.name for path, _ in report.errors} >= {"not_utf8.md", "posting.md"}
    assert Posting.objects.count() == 1


@pytest.mark.django_db
def test_a_path_that_does_not_exist_is_reported(tmp_path):
    report = import_paths([tmp_path / "missing.md"])
    assert report.counts["failed"] == 1
    assert "cannot read file" in report.errors[0][1]


@pytest.mark.django_db
def test_bad_update_leaves_the_existing_posting_untouched(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(SEED.read_text())
    import_paths([path])
    path.write_text(SEED.read_text().replace("timestamp: 1612310400000", "timestamp: soon"))

    report = import_paths([path])

    assert report.counts["failed"] == 1
    assert Posting.objects.get().posted_at == datetime(2021, 2, 3, tzinfo=UTC)


# --- batches: a transaction per hundred files, never a half-written file ------------------


def write_postings(folder, count, replacements=None):
    """`count` copies of the seed with their own source URLs, named in import order."""
    text = SEED.read_text()
    for i in range(count):
        changed = text.replace(
            'url: "https://boards.greenhouse.io/netlify/jobs/5054144002"',
            f'url: "https://boards.greenhouse.io/netlify/jobs/{i}"',
        )
        for old, new in (replacements or {}).get(i, {}).items():
            changed = changed.replace(old, new)
        (folder / f"{i:03}.md").write_text(changed)


@pytest.mark.django_db
def test_two_files_with_one_source_url_in_a_batch_update_the_posting_in_order(tmp_path):
    write_postings(tmp_path, 2)
    (tmp_path / "002.md").write_text(
        (tmp_path / "000.md").read_text().replace("Senior Backend Engineer", "Second title")
    )

    report = import_paths([tmp_path])

    assert report.summary == "created 2, updated 1, unchanged 0, failed 0"
    assert Posting.objects.filter(title="Second title").count() == 1


@pytest.mark.django_db
def test_a_file_the_database_refuses_fails_alone_and_its_batch_is_still_written(
    tmp_path, monkeypatch
):
    from postings import importers

    write_postings(tmp_path, 5, {2: {"Senior Backend Engineer": "Refused"}})
    fill = importers.Upserter.fill

    def refuse_one(self, posting, data):
        if data.title == "Refused":
            raise DatabaseError("value too long for type character varying(200)")
        return fill(self, posting, data)

    monkeypatch.setattr(importers.Upserter, "fill", refuse_one)

    report = import_paths([tmp_path])

    assert report.summary == "created 4, updated 0, unchanged 0, failed 1"
    assert report.errors == [
        (tmp_path / "002.md", "could not be saved: value too long for type character varying(200)")
    ]
    assert Posting.objects.count() == 4
    assert not Posting.objects.filter(title="Refused").exists()
    for posting in Posting.objects.all():
        assert posting.tags.count() == 10
        assert Posting.objects.search("netlify").filter(pk=posting.pk).exists()


@pytest.mark.django_db
def test_batches_write_a_few_statements_not_a_few_per_file(tmp_path, django_assert_max_num_queries):
    write_postings(tmp_path, 1)
    import_paths([tmp_path / "000.md"])  # the company and tags exist from here on
    write_postings(tmp_path, 60)
    (tmp_path / "000.md").unlink()
    # Finding the company, its place and its ten tags once; then for all 59 files together:
    # which exist, which slugs are taken, the postings, places, tags and search documents.
    with django_assert_max_num_queries(25):
        report = import_paths([tmp_path])
    assert report.summary == "created 59, updated 0, unchanged 0, failed 0"


# --- a realistic board, generated ---------------------------------------------------------


@pytest.mark.django_db
def test_generated_realistic_board_imports_cleanly_and_a_second_run_changes_nothing(tmp_path):
    from bench.generate import generate

    generate(tmp_path, count=150, seed=7)

    first = import_paths([tmp_path])
    second = import_paths([tmp_path])

    assert first.summary == "created 150, updated 0, unchanged 0, failed 0", first.errors
    assert second.summary == "created 0, updated 0, unchanged 150, failed 0"
    assert not Company.objects.filter(name__startswith="Current Job Openings").exists()
    assert not Tag.objects.filter(name__startswith="#").exists()
    assert not Tag.objects.exclude(name=Lower("name")).exists()
    archived = Posting.objects.filter(status=Status.ARCHIVED)
    assert archived.exists()
    assert not Posting.objects.live().filter(pk__in=archived).exists()


# --- the importer and the admin never lose each other's work ------------------------------


def edit_in_admin(posting, **changes):
    """What PostingAdmin.save_model does: change fields and remember when."""
    for field, value in changes.items():
        setattr(posting, field, value)
    posting.edited_at = timezone.now()
    posting.save()


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(SEED.read_text())
    import_paths([path])
    return path


@pytest.mark.django_db
def test_unchanged_file_keeps_an_admin_edit(seed_copy):
    edit_in_admin(Posting.objects.get(), title="Edited by a recruiter")

    report = import_paths([seed_copy])

    assert report.summary == "created 0, updated 0, unchanged 1, failed 0"
    assert Posting.objects.get().title == "Edited by a recruiter"


@pytest.mark.django_db
def test_changed_file_and_admin_edit_is_a_conflict_that_keeps_the_edit(seed_copy):
    edit_in_admin(Posting.objects.get(), title="Edited by a recruiter")
    seed_copy.write_text(SEED.read_text().replace("featured: 20", "featured: 5"))

    report = import_paths([seed_copy])

    assert report.summary == "created 0, updated 0, unchanged 0, failed 0, conflicts 1"
    assert report.conflicts == [seed_copy]
    posting = Posting.objects.get()
    assert (posting.title, posting.featured) == ("Edited by a recruiter", 20)


@pytest.mark.django_db
def test_overwrite_replaces_the_admin_edit(seed_copy):
    edit_in_admin(Posting.objects.get(), title="Edited by a recruiter")
    seed_copy.write_text(SEED.read_text().replace("featured: 20", "featured: 5"))

    report = import_paths([seed_copy], overwrite=True)

    assert report.summary == "created 0, updated 1, unchanged 0, failed 0"
    assert Posting.objects.get().title == "Senior Backend Engineer"


@pytest.mark.django_db
def test_changed_file_without_admin_edit_updates(seed_copy):
    seed_copy.write_text(SEED.read_text().replace("featured: 20", "featured: 5"))
    assert import_paths([seed_copy]).summary == "created 0, updated 1, unchanged 0, failed 0"
    assert Posting.objects.get().featured == 5


@pytest.mark.django_db
def test_an_edit_older_than_the_last_import_is_no_conflict(seed_copy):
    posting = Posting.objects.get()
    Posting.objects.filter(pk=posting.pk).update(edited_at=posting.imported_at - timedelta(days=1))
    seed_copy.write_text(SEED.read_text().replace("featured: 20", "featured: 5"))
    assert import_paths([seed_copy]).counts["updated"] == 1


@pytest.mark.django_db
def test_imported_postings_arrive_published_unless_archived():
    import_paths([SEED, DIRTY / "archived_string.md"])
    statuses = dict(Posting.objects.values_list("title", "status"))
    assert statuses == {
        "Senior Backend Engineer": Status.PUBLISHED,
        "Data Engineer": Status.ARCHIVED,
    }


@pytest.mark.django_db(transaction=True)
def test_large_imports_prepare_files_in_worker_processes_with_the_same_result(tmp_path):
    from bench.generate import generate

    generate(tmp_path, count=210, seed=3)
    report = import_paths([tmp_path])
    assert report.summary == "created 210, updated 0, unchanged 0, failed 0", report.errors
    posting = Posting.objects.order_by("pk").first()
    assert posting.body_html.startswith("<h2>About the role</h2>")
    assert posting.level and posting.contract
    assert (
        Posting.objects.live().search("about ").count()
        == 210 - Posting.objects.exclude(status=Status.PUBLISHED).count()
    )
    assert import_paths([tmp_path]).counts["unchanged"] == 210


# --- hostile front matter (found by tests/test_fuzz_importer.py) --------------------------

DEEP_LIST = "[" * 3000 + "]" * 3000


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # PyYAML's own constructors raised ValueError, KeyError or AttributeError, which
        # escaped import_paths with a traceback.
        ("timestamp: 2021-02-30", "an invalid date or number (day is out of range for month)"),
        ("timestamp: 2021-02-03T25:00:00", "an invalid date or number (hour must be in 0..23)"),
        ("timestamp: !!int abc", "an invalid date or number"),
        ("timestamp: !!float x", "an invalid date or number"),
        ("timestamp: !!timestamp foo", "an invalid date or number"),
        ("featured: !!bool maybe", "an invalid date or number"),
        # str() of a deeply nested list raised RecursionError; now YAML never builds it.
        ("archived: " + DEEP_LIST, "front matter nests more than 10 levels deep (line 15)"),
        # int() refuses more than 4,300 digits with a ValueError.
        ("featured: '" + "9" * 5000 + "'", "featured must be a whole number"),
        # Past the 32-bit column: an OverflowError on SQLite, "integer out of range" on
        # PostgreSQL.
        ("featured: 99999999999999999999", "featured is out of range"),
        ("featured: 2147483648", "featured is out of range"),
        ("featured: -2147483649", "featured is out of range"),
    ],
)
def test_hostile_front_matter_values_are_refused_with_a_reason(line, reason):
    with pytest.raises(BadFile, match=re.escape(reason)):
        seed_with("featured: 20", line)


@pytest.mark.django_db
def test_featured_out_of_range_is_reported_not_raised(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(SEED.read_text().replace("featured: 20", "featured: 99999999999999999999"))
    report = import_paths([path])
    assert report.errors == [(path, "featured is out of range: '99999999999999999999'")]
    assert not Posting.objects.exists()


@pytest.mark.django_db
def test_hashes_and_spaces_mixed_in_a_tag_give_one_tag_across_files(tmp_path):
    # "# #a" was normalized to "#a", which Tag.save() stored as "a": the next file's "#a"
    # found no tag "#a" and failed with "UNIQUE constraint failed: postings_tag.name".
    write_postings(tmp_path, 2, {0: {"#golang,": "# #a,"}, 1: {"#golang,": "#a,"}})
    report = import_paths([tmp_path])
    assert report.summary == "created 2, updated 0, unchanged 0, failed 0", report.errors
    assert Tag.objects.filter(name="a").count() == 1
    assert not Tag.objects.filter(name__startswith="#").exists()


@pytest.mark.django_db
def test_a_long_tag_of_symbols_imports_on_every_database(tmp_path):
    # "+" * 50 spelled out to a 250-character slug, too long for PostgreSQL's varchar(100).
    write_postings(tmp_path, 1, {0: {"#golang,": "#" + "+" * 50 + ","}})
    report = import_paths([tmp_path])
    assert report.summary == "created 1, updated 0, unchanged 0, failed 0", report.errors
    assert len(Tag.objects.get(name="+" * 50).slug) <= 90


@pytest.mark.parametrize(
    ("key", "field"),
    [("host", "host"), ("companyWebsite", "company_website"), ("logoUrl", "logo_url")],
)
def test_a_decorative_url_too_long_for_its_column_is_dropped(key, field):
    # 501 to 1,000 characters passed the URL check: "could not be saved: value too long for
    # type character varying(500)" on PostgreSQL, the whole posting lost.
    data = seed_with("featured: 20", f"featured: 20\n{key}: https://x.io/{'a' * 600}")
    assert getattr(data, field) == ""


@pytest.mark.parametrize("raw", ["- careers", ":careers", "| careers"])
def test_a_company_name_of_careers_page_wording_alone_is_kept_not_emptied(raw):
    # The wording was stripped to nothing: a posting of a Company named "".
    assert seed_with("Current Job Openings at Netlify", raw).company_name == raw


@pytest.mark.django_db
def test_a_body_over_the_admins_limit_is_refused_on_every_database(tmp_path):
    # Under 1 MB but 1,000,000 characters of distinct words: imported on SQLite, refused by
    # PostgreSQL ("could not be saved: string is too long for tsvector").
    path = tmp_path / "long.md"
    body = " ".join(f"{i:x}" for i in range(250_000))[:1_000_000]
    path.write_text(SEED.read_text() + body)
    report = import_paths([path])
    assert report.errors == [(path, "body is longer than 50000 characters")]


def named_slugs(posting):
    """The places a posting names itself (it is linked to those containing them too)."""
    return [link.place.slug for link in posting.place_links.filter(named=True)]


def named_names(posting):
    return [link.place.name for link in posting.place_links.filter(named=True)]
