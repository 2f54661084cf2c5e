import pytest

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
