"""The describer: chosen filters in words, with display names, never slugs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from postings.filters import cleaned, display_names
from postings.vocabulary import FILTERS, MAX_TITLE_LENGTH, Chip, chips, describe, tag_label
from tests.factories import CompanyFactory, PostingFactory


def chosen(**values):
    """A `PostingFilter.selected` with these values and every other filter left unset."""
    return {spec.key: cleaned(spec.kind, None) for spec in FILTERS} | values


NAMES = {
    "tag": {"golang": "golang", "python": "python", "django": "django", "ui-ux": "ui/ux"},
    "location": {
        "germany": "Germany",
        "berlin": "Berlin",
        "munich": "Munich",
        "hh": "Hamburg",
        "us": "United States",
        "nl": "Netherlands",
    },
    "company": {"time-doctor-2": "Time Doctor", "acme": "Acme"},
    "type": {"design": "Design", "software": "Software"},
    "level": {"senior": "Senior", "lead": "Lead / Principal"},
    "contract": {"full-time": "Full-time"},
}


@pytest.mark.parametrize(
    ("selected", "title"),
    [
        ({}, "Jobs"),
        ({"sort": "featured"}, "Jobs"),
        (
            {"tag": ["golang"], "location": ["germany"], "remote": True},
            "Golang jobs in Germany · Remote",
        ),
        ({"company": ["time-doctor-2"]}, "Jobs at Time Doctor"),
        (
            {"tag": ["python", "django"], "location": ["berlin", "munich"]},
            "Python and Django jobs in Berlin or Munich",
        ),
        (
            {"level": ["senior"], "contract": ["full-time"], "type": ["design"]},
            "Senior full-time design jobs",
        ),
        ({"contract": ["full-time"]}, "Full-time jobs"),
        ({"q": "product manager", "remote": True}, "“product manager” jobs · Remote"),
        ({"q": '"product manager"'}, "“product manager” jobs"),
        ({"q": "  go   -senior "}, "“go -senior” jobs"),
        ({"salary_min": 50_000}, "Jobs paying at least 50,000"),
        ({"remote": True}, "Remote jobs"),
        ({"location": ["berlin", "munich", "hh"]}, "Jobs in Berlin, Munich or Hamburg"),
        # English says "the" before some countries' names.
        ({"location": ["us", "nl"]}, "Jobs in the United States or the Netherlands"),
        ({"tag": ["ui-ux"], "level": ["lead"]}, "Lead / principal UI/UX jobs"),
        ({"company": ["acme", "time-doctor-2"]}, "Jobs at Acme or Time Doctor"),
        (
            {
                "q": "go",
                "tag": ["golang"],
                "location": ["berlin"],
                "type": ["software"],
                "level": ["senior"],
                "contract": ["full-time"],
                "company": ["acme"],
                "remote": True,
                "salary_min": 80_000,
            },
            "“go” senior full-time Golang software jobs at Acme in Berlin paying at least 80,000"
            " · Remote",
        ),
    ],
)
def test_chosen_filters_read_as_words(selected, title):
    assert describe(chosen(**selected), NAMES) == title


@pytest.mark.parametrize(
    "selected",
    [
        {"tag": ["cobol"]},
        {"location": ["atlantis"]},
        {"company": ["<script>"]},
        {"type": ["junk"], "level": ["wizard"]},
    ],
)
def test_slugs_without_a_name_are_not_shown(selected):
    assert describe(chosen(**selected), NAMES) == "Jobs"
    assert chips(chosen(**selected), NAMES) == []


def test_named_and_nameless_slugs_together_show_the_named_ones():
    selected = chosen(tag=["golang", "cobol"], company=["acme", "nobody"])
    assert describe(selected, NAMES) == "Golang jobs at Acme"


def test_a_long_title_is_cut_to_the_limit():
    names = {"tag": {f"t{n}": "word" * 12 + str(n) for n in range(10)}}
    title = describe(chosen(tag=list(names["tag"]), q="x" * 200), names)
    assert len(title) == MAX_TITLE_LENGTH
    assert title.endswith("…")
    assert len(describe(chosen(q="x" * 200), {}, max_length=60)) == 60


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("golang", "Golang"),
        ("machine learning", "Machine Learning"),
        ("ui/ux", "UI/UX"),
        ("aws", "AWS"),
        ("c++", "C++"),
        ("c#", "C#"),
        ("node.js", "Node.js"),
        (".net", ".net"),
        ("3d", "3d"),
        ("español", "Español"),
    ],
)
def test_tags_are_capitalised_in_titles(name, label):
    assert tag_label(name) == label


def test_chips_name_each_value_and_what_their_link_removes():
    selected = chosen(
        q="go",
        tag=["golang"],
        location=["germany"],
        company=["time-doctor-2"],
        remote=True,
        salary_min=50_000,
        sort="featured",
    )
    assert chips(selected, NAMES) == [
        Chip("q", "Search: go"),
        Chip("tag", "#golang", "golang"),
        Chip("location", "Germany", "germany"),
        Chip("company", "Time Doctor", "time-doctor-2"),
        Chip("remote", "Remote"),
        Chip("salary_min", "Salary ≥ 50,000"),
    ]


# --- looking the names up -----------------------------------------------------------------


@pytest.mark.django_db
def test_names_are_looked_up_once_per_filter_and_junk_is_dropped():
    posting = PostingFactory(
        company=CompanyFactory(name="Time Doctor", slug="time-doctor-2"),
        tags=["golang"],
        location="Berlin",
        job_type="design",
    )
    berlin = posting.places.get(name="Berlin")
    selected = chosen(
        tag=["golang", "cobol"],
        location=[berlin.slug, "atlantis"],
        company=["time-doctor-2", "nobody"],
        type=["design", "junk"],
        level=["senior", "wizard"],
    )
    with CaptureQueriesContext(connection) as queries:
        names = display_names(selected)
    assert len(queries) == 4  # tags, places, companies, job types; levels are a closed list
    assert names == {
        "tag": {"golang": "golang"},
        "location": {berlin.slug: "Berlin"},
        "company": {"time-doctor-2": "Time Doctor"},
        "type": {"design": "Design"},
        "level": {"senior": "Senior"},
    }
    assert describe(selected, names) == "Senior Golang design jobs at Time Doctor in Berlin"


@pytest.mark.django_db
def test_a_job_type_only_a_draft_has_is_not_named():
    PostingFactory(draft=True, job_type="secret-project")
    assert display_names(chosen(type=["secret-project"])) == {"type": {}}


@pytest.mark.django_db
def test_known_names_and_no_filters_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert display_names(chosen(remote=True, q="go", sort="newest")) == {}
        known = {"tag": {"golang": "golang", "python": "python"}, "company": {"acme": "Acme"}}
        names = display_names(chosen(tag=["golang"], company=["acme"]), known=known)
    assert names == {"tag": {"golang": "golang"}, "company": {"acme": "Acme"}}
