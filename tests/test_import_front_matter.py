"""Front matter is checked before YAML builds anything: nothing nested deep enough to crash
libyaml, no aliases to expand, no value too large to hold."""

import pytest

from postings.importers import BadFile
from postings.importers.front_matter import MAX_VALUE_LENGTH, check_front_matter


@pytest.mark.parametrize(
    "text",
    [
        "title: Engineer\ncompanyName: Acme\nurl: https://acme.example/1",
        "hashtags: ['#go', '#rust']\nlocation: [Berlin, London]",
        # & and * inside values are text, not YAML's anchors and aliases.
        "summary: 'Tom & Jerry *great*'\ncompanyName: AT&T\ntitle: C* engineer & more",
        "summary: |\n  multi\n  line & *stars*",
        "summary: " + "x" * MAX_VALUE_LENGTH,
        "a: [[[[[[[[[1]]]]]]]]]",  # nine levels in the mapping: ten in all
        # Broken YAML passes: parsing reports it with its line number.
        "title: 'unterminated",
        "title: [",
    ],
    ids=lambda text: text[:30],
)
def test_ordinary_front_matter_passes(text):
    check_front_matter(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("deep: " + "[" * 50_000 + "]" * 50_000, "nests more than 10 levels deep (line 1)"),
        ("a: 1\nb: [[[[[[[[[[1]]]]]]]]]]", "nests more than 10 levels deep (line 2)"),
        ("deep:\n" + "".join("  " * n + "- \n" for n in range(12)) + "  " * 12 + "- x",
         "nests more than 10 levels deep"),
        ("a: {" * 11 + "}" * 11, "nests more than 10 levels deep"),
        ("anchor: &a text\ncopy: *a", "anchors or aliases (&name, *name)"),
        ("title: &t Engineer", "anchors or aliases"),
        ("copy: *missing", "anchors or aliases"),
        ("<<: *base", "anchors or aliases"),
        ("title: " + "x" * (MAX_VALUE_LENGTH + 1),
         "the value of 'title' is longer than 100,000 characters"),
        ("summary: '" + "y" * (MAX_VALUE_LENGTH + 1) + "'", "the value of 'summary' is longer"),
        ("- " + "z" * (MAX_VALUE_LENGTH + 1), "a value is longer than 100,000 characters"),
    ],
    ids=lambda value: value[:30],
)  # fmt: skip
def test_hostile_front_matter_is_refused_before_it_is_parsed(text, reason):
    with pytest.raises(BadFile) as refused:
        check_front_matter(text)
    assert reason in str(refused.value)
