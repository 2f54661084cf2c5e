"""Search behaves the same on SQLite (FTS5) and PostgreSQL (tsvector): CI runs this file on both,
with the same data and the same expected results."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postings.models import Posting, PostingSearch, Status, Tag
from postings.search import Query, Term, parse_query, snippet
from tests.factories import CompanyFactory, PostingFactory

# --- the query language (no database) -----------------------------------------------------


def test_words_are_all_required():
    query = parse_query("Kubernetes GO ")
    assert query.required == ((Term(("kubernetes",)),), (Term(("go",)),))
    assert query.excluded == ()


def test_last_word_being_typed_is_a_prefix():
    assert parse_query("senior kube").required[-1] == (Term(("kube",), prefix=True),)
    assert parse_query("senior kube ").required[-1] == (Term(("kube",)),)


def test_quotes_make_a_phrase_and_minus_excludes():
    query = parse_query('"product manager" -senior')
    assert query.required == ((Term(("product", "manager")),),)
    assert query.excluded == (Term(("senior",)),)


def test_or_joins_alternatives():
    query = parse_query("go or rust python ")
    assert query.required == ((Term(("go",)), Term(("rust",))), (Term(("python",)),))


def test_words_are_case_and_accent_folded():
    assert parse_query("ZÜRICH Café ").terms == ("zurich", "cafe")


def test_punctuation_splits_words_into_a_phrase():
    assert parse_query("node.js ").required == ((Term(("node", "js")),),)


@pytest.mark.parametrize("text", ["", "   ", '""', "-", "or", "OR or", "***", "!!! ???", "\x00"])
def test_queries_without_words_are_empty(text):
    assert not parse_query(text)


@given(st.text(max_size=300))
def test_any_text_parses_into_safe_engine_syntax(text):
    query = parse_query(text)
    for rendered in (query.fts5(), query.tsquery()):
        # Only words we produced, quotes we placed and operators: never user punctuation.
        assert "\x00" not in rendered
        assert rendered.count('"') % 2 == 0
    assert len(query.required) <= 12


# --- search in the database ---------------------------------------------------------------


def found(text, queryset=None):
    return [p.title for p in (queryset or Posting.objects.live()).search(text)]


@pytest.fixture
def board():
    acme = CompanyFactory(name="Acme")
    return {
        "k8s_title": PostingFactory(
            title="Kubernetes Platform Engineer", company=acme, body="Run our clusters."
        ),
        "k8s_tag": PostingFactory(title="Backend Engineer", tags=["kubernetes"], body="Go."),
        "k8s_body": PostingFactory(
            title="Site Reliability Engineer", body="We run Kubernetes and Terraform."
        ),
        "pm": PostingFactory(title="Product Manager", body="Own the roadmap."),
        "senior_pm": PostingFactory(title="Senior Product Manager", body="Lead the roadmap."),
        "pm_body": PostingFactory(title="Designer", body="Work with the product manager daily."),
        "zurich": PostingFactory(title="Data Analyst", location="Zürich", body="Analyse data."),
        "other": PostingFactory(title="Accountant", body="Numbers and ledgers."),
    }


@pytest.mark.django_db
def test_search_finds_only_postings_that_mention_the_word(board):
    assert set(found("kubernetes ")) == {
        "Kubernetes Platform Engineer",
        "Backend Engineer",
        "Site Reliability Engineer",
    }


@pytest.mark.django_db
def test_title_matches_rank_above_tags_above_body(board):
    assert found("kubernetes ") == [
        "Kubernetes Platform Engineer",
        "Backend Engineer",
        "Site Reliability Engineer",
    ]


@pytest.mark.django_db
def test_phrase_and_exclusion(board):
    assert set(found('"product manager" -senior')) == {"Product Manager", "Designer"}


@pytest.mark.django_db
def test_exclusion_alone_keeps_everything_else(board):
    assert "Senior Product Manager" not in found("-senior")
    assert len(found("-senior")) == 7


@pytest.mark.django_db
def test_or(board):
    assert set(found("accountant or analyst ")) == {"Accountant", "Data Analyst"}


@pytest.mark.django_db
def test_prefix_of_the_last_word_finds_kubernetes(board):
    assert set(found("kube")) == set(found("kubernetes "))


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["zurich ", "ZÜRICH ", "Zürich ", "zuri"])
def test_case_and_accents_do_not_matter(board, text):
    assert found(text) == ["Data Analyst"]


@pytest.mark.django_db
def test_company_name_is_searched(board):
    assert found("acme ") == ["Kubernetes Platform Engineer"]


@pytest.mark.django_db
def test_archived_postings_are_not_found(board):
    board["pm"].status = Status.ARCHIVED
    board["pm"].save()
    assert "Product Manager" not in found("manager ")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "NEAR(a b)",
        "a AND OR NOT b",
        "title:kubernetes",
        "* ^ : ( ) { } [ ]",
        "'; DROP TABLE postings_posting; --",
        "🚀 rocket",
        "a" * 10_240,
        "x " * 5_000,
        "-",
        "\x00\x01",
        "!(a & b) <-> c:*",
    ],
)
def test_no_input_makes_search_fail(board, text):
    list(Posting.objects.live().search(text))


@pytest.mark.django_db
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_arbitrary_text_never_fails(board, text):
    list(Posting.objects.live().search(text)[:5])


# --- the index follows every write --------------------------------------------------------


@pytest.mark.django_db
def test_update_through_save_is_searchable():
    posting = PostingFactory(title="Cook")
    posting.title = "Sommelier"
    posting.save()
    assert found("sommelier ") == ["Sommelier"]
    assert found("cook ") == []


@pytest.mark.django_db
def test_tags_added_and_removed_in_the_shell_are_searchable():
    posting = PostingFactory(title="Engineer")
    posting.tags.add("elixir")
    assert found("elixir ") == ["Engineer"]
    posting.tags.remove("elixir")
    assert found("elixir ") == []


@pytest.mark.django_db
def test_tag_rows_written_directly_like_the_admin_inline_are_searchable():
    from postings.models import TaggedPosting

    posting = PostingFactory(title="Engineer")
    link = TaggedPosting.objects.create(
        content_object=posting, tag=Tag.objects.create(name="ocaml")
    )
    assert found("ocaml ") == ["Engineer"]
    link.delete()
    assert found("ocaml ") == []


@pytest.mark.django_db
def test_company_and_tag_renames_are_searchable():
    posting = PostingFactory(
        title="Engineer", company=CompanyFactory(name="Oldname"), tags=["cobol"]
    )
    company = posting.company
    company.name = "Newname"
    company.save()
    tag = Tag.objects.get(name="cobol")
    tag.name = "fortran"
    tag.save()
    assert found("newname ") == ["Engineer"]
    assert found("fortran ") == ["Engineer"]
    assert found("oldname ") == []


@pytest.mark.django_db
def test_deleted_postings_leave_the_index_whatever_deleted_them():
    one, two, three = PostingFactory.create_batch(3, title="Temp")
    one.delete()
    Posting.objects.filter(pk=two.pk).delete()
    assert list(PostingSearch.objects.values_list("posting_id", flat=True)) == [three.pk]


# --- snippets -----------------------------------------------------------------------------


def test_snippet_marks_matches_and_escapes_the_rest():
    html = "<p>We use &lt;b&gt; tags &amp; <strong>Kubernetes</strong> every day.</p>"
    result = snippet(html, parse_query("kube"))
    assert "<mark>Kubernetes</mark>" in result
    assert "&lt;b&gt;" in result
    assert "<strong>" not in result


def test_snippet_is_empty_without_a_match():
    assert snippet("<p>Nothing here</p>", parse_query("kubernetes ")) == ""
    assert snippet("<p>Nothing here</p>", Query()) == ""


@pytest.mark.django_db
def test_a_tag_saved_without_a_rename_reindexes_nothing():
    from unittest import mock

    PostingFactory(tags=["cobol"])
    tag = Tag.objects.get(name="cobol")
    with mock.patch("postings.models.postings.index_postings") as index:
        tag.save()
    index.assert_not_called()
    with mock.patch("postings.models.postings.index_postings") as index:
        tag.name = "fortran"
        tag.save()
    index.assert_called_once()


@pytest.mark.django_db
def test_the_write_path_indexes_a_posting_once_however_many_tags_it_drops():
    from unittest import mock

    from postings.writer import PostingWriter

    posting = PostingFactory(tags=["a", "b", "c"])
    with mock.patch("postings.models.postings.index_postings") as index:
        PostingWriter().write([(posting, [], None)])
    index.assert_not_called()  # it wrote the document itself
    assert list(posting.tags.names()) == []
