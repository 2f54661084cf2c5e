from tests.factories import PostingFactory


def test_home_lists_a_posting(page):
    PostingFactory(title="Rust Engineer")
    page.goto("/")
    assert page.get_by_role("link", name="Rust Engineer").is_visible()
    page.watched.assert_clean()
