import pytest
from hypothesis import given
from hypothesis import strategies as st

from postings.tags import normalize_tag, parse_tags, tag_slug


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        (" #socialmedia", "socialmedia"),
        ("##marketing", "marketing"),
        ("customersupport", "customersupport"),
        ("#English", "english"),
        ("#ui/ux", "ui/ux"),
        ("  #Machine   Learning ", "machine learning"),
        ("#", ""),
        ("", ""),
    ],
)
def test_normalize_tag(raw, name):
    assert normalize_tag(raw) == name


def test_parse_tags_drops_empties_and_repeats_in_order():
    assert parse_tags("#English, #english,,##go, #Go ,#") == ["english", "go"]


def test_parse_tags_of_nothing():
    assert parse_tags("") == []
    assert parse_tags(None) == []


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ui/ux", "ui-ux"),
        ("c++", "c-plus-plus"),
        ("c#", "c-sharp"),
        ("c", "c"),
        (".net", "dot-net"),
        ("node.js", "node-dot-js"),
        ("machine learning", "machine-learning"),
        ("日本語", "日本語"),
    ],
)
def test_tag_slugs_keep_meaning_and_work_in_urls(name, slug):
    assert tag_slug(name) == slug


@pytest.mark.parametrize(("raw", "name"), [("# #a", "a"), ("#\t##  Go", "go"), (" # # ", "")])
def test_hashes_and_spaces_in_any_mix_are_stripped(raw, name):
    # "# #a" gave "#a", which Tag.save() normalized again to "a": a second file tagged "#a"
    # then found no tag "#a" and failed to create a second "a" ("UNIQUE constraint failed").
    assert normalize_tag(raw) == name


@given(st.text())
def test_normalizing_a_tag_twice_changes_nothing(raw):
    assert normalize_tag(normalize_tag(raw)) == normalize_tag(raw)


@pytest.mark.parametrize("name", ["+" * 50, "." * 50, "#" * 50, "ﷺ" * 50, "x" * 50])
def test_slugs_of_long_tags_fit_the_column_with_room_for_a_suffix(name):
    # "+" * 50 spelled out to a 250-character slug: PostgreSQL refused the tag ("value too long
    # for type character varying(100)") and the whole posting with it.
    assert 0 < len(tag_slug(normalize_tag(name))) <= 90
