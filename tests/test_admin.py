import time

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from postings.importers import MAX_TAGS
from postings.models import Posting, Status, Tag
from tests.factories import CompanyFactory, PostingFactory, posting_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting():
    return PostingFactory(title="Rust Engineer", tags=["rust"], location="Remote or Berlin")


@pytest.mark.parametrize("model", ["posting", "company", "tag"])
def test_changelists_render(admin_client_logged_in, posting, model):
    response = admin_client_logged_in.get(reverse(f"admin:postings_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("query", ["Rust", "Berlin", "{url}"])
def test_posting_search_finds_by_title_location_and_url(admin_client_logged_in, posting, query):
    PostingFactory(title="Accountant", location="Paris")
    response = admin_client_logged_in.get(
        reverse("admin:postings_posting_changelist"), {"q": query.format(url=posting.url)}
    )
    assert list(response.context["cl"].result_list) == [posting]


def test_posting_changelist_filters_by_job_type_and_company(admin_client_logged_in, posting):
    other = PostingFactory(job_type="design")
    url = reverse("admin:postings_posting_changelist")
    assert list(
        admin_client_logged_in.get(url, {"job_type": "design"}).context["cl"].result_list
    ) == [other]
    by_company = admin_client_logged_in.get(url, {"company__id__exact": posting.company_id})
    assert list(by_company.context["cl"].result_list) == [posting]


def test_change_form_shows_rendered_body_and_view_on_site(admin_client_logged_in, posting):
    response = admin_client_logged_in.get(
        reverse("admin:postings_posting_change", args=[posting.pk])
    )
    html = response.content.decode()
    assert "<strong>things</strong>" in html
    assert f'href="{posting.get_absolute_url()}"' in html  # view on site
    assert f'href="{posting.get_preview_url()}"' in html


def test_change_form_save_rederives_html_and_places(admin_client_logged_in, posting):
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    response = admin_client_logged_in.post(
        url, posting_form_data(posting, body="# New <script>x</script>", location="London")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    posting.refresh_from_db()
    assert posting.body_html == "<h2>New </h2>"
    assert posting.remote is False
    assert [link.place.name for link in posting.place_links.filter(named=True)] == ["London"]
    assert LogEntry.objects.filter(object_id=str(posting.pk)).exists()


@pytest.mark.parametrize(
    "apply_url", ["javascript:alert(1)", "ftp://x.org/", "mailto:not an email"]
)
def test_change_form_refuses_unsafe_apply_urls(admin_client_logged_in, posting, apply_url):
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    response = admin_client_logged_in.post(url, posting_form_data(posting, apply_url=apply_url))
    assert response.status_code == 200
    assert "apply_url" in response.context["adminform"].form.errors


def test_tags_are_added_through_the_inline(admin_client_logged_in, posting):
    tag = Tag.objects.create(name="#Golang")
    data = posting_form_data(posting) | {
        "tagged_items-TOTAL_FORMS": "1",
        "tagged_items-0-tag": tag.pk,
    }
    admin_client_logged_in.post(reverse("admin:postings_posting_change", args=[posting.pk]), data)
    assert "golang" in posting.tags.names()


def test_tag_created_in_the_admin_is_normalized(admin_client_logged_in):
    admin_client_logged_in.post(reverse("admin:postings_tag_add"), {"name": "  ##UI/UX "})
    tag = Tag.objects.get()
    assert (tag.name, tag.slug) == ("ui/ux", "ui-ux")


def test_autocomplete_finds_companies_and_tags(admin_client_logged_in, posting):
    CompanyFactory(name="Zebra Corp")
    response = admin_client_logged_in.get(
        reverse("admin:autocomplete"),
        {
            "term": "zebra",
            "app_label": "postings",
            "model_name": "posting",
            "field_name": "company",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Zebra Corp"]
    response = admin_client_logged_in.get(
        reverse("admin:autocomplete"),
        {"term": "ru", "app_label": "postings", "model_name": "taggedposting", "field_name": "tag"},
    )
    assert [r["text"] for r in response.json()["results"]] == ["rust"]


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [("archive", Status.PUBLISHED, Status.ARCHIVED), ("publish", Status.DRAFT, Status.PUBLISHED)],
)
def test_publish_and_archive_actions(admin_client_logged_in, action, before, after):
    postings = PostingFactory.create_batch(2, status=before)
    response = admin_client_logged_in.post(
        reverse("admin:postings_posting_changelist"),
        {"action": action, "_selected_action": [p.pk for p in postings]},
    )
    assert response.status_code == 302
    assert Posting.objects.filter(status=after).count() == 2
    assert all(p.edited_at for p in Posting.objects.all())
    assert LogEntry.objects.filter(object_id=str(postings[0].pk)).count() == 1


def test_company_with_postings_cannot_be_deleted(admin_client_logged_in, posting):
    response = admin_client_logged_in.post(
        reverse("admin:postings_company_delete", args=[posting.company_id]), {"post": "yes"}
    )
    assert response.status_code == 200  # the "cannot delete, protected" page
    assert Posting.objects.filter(pk=posting.pk).exists()


# --- validation with clear messages -------------------------------------------------------


def post_change(client, posting, **changes):
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    return client.post(url, posting_form_data(posting, **changes))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"expires_at_0": "2020-01-01", "expires_at_1": "00:00:00"}, "expires_at", "after"),
        ({"body": "x" * 50_001}, "body", "at most 50000 characters"),
        (
            {
                "salary_min": "90000",
                "salary_max": "50000",
                "salary_currency": "EUR",
                "salary_period": "year",
            },
            "salary_max",
            "cannot be below",
        ),
        (
            {"salary_min": "50000", "salary_currency": "eur", "salary_period": "year"},
            "salary_currency",
            "ISO 4217",
        ),
        ({"salary_min": "50000", "salary_period": "year"}, "salary_currency", "currency"),
        ({"salary_min": "50000", "salary_currency": "EUR"}, "salary_period", "period"),
        ({"apply_url": "javascript:alert(1)"}, "apply_url", "http(s) URL or a mailto"),
    ],
)
def test_invalid_changes_are_refused_with_a_clear_message(
    admin_client_logged_in, posting, changes, field, message
):
    response = post_change(admin_client_logged_in, posting, **changes)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors[field])


def test_duplicate_source_url_is_refused(admin_client_logged_in, posting):
    other = PostingFactory()
    response = post_change(admin_client_logged_in, posting, url=other.url)
    assert "Another posting already has this source URL." in str(
        response.context["adminform"].form.errors["url"]
    )


def test_valid_salary_is_saved(admin_client_logged_in, posting):
    response = post_change(
        admin_client_logged_in,
        posting,
        salary_min="50000",
        salary_max="70000",
        salary_currency="EUR",
        salary_period="year",
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.salary_text == "EUR 50,000–70,000 a year"


def test_saving_in_the_admin_records_the_edit_for_the_importer(admin_client_logged_in, posting):
    assert posting.edited_at is None
    post_change(admin_client_logged_in, posting, title="Changed")
    posting.refresh_from_db()
    assert posting.edited_at is not None


def test_extend_expiry_adds_30_days(admin_client_logged_in):
    from datetime import timedelta

    from django.utils import timezone

    running = PostingFactory(expires_at=timezone.now() + timedelta(days=5))
    lapsed = PostingFactory(expires_at=None)
    admin_client_logged_in.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "extend_expiry", "_selected_action": [running.pk, lapsed.pk]},
    )
    running.refresh_from_db()
    lapsed.refresh_from_db()
    assert (running.expires_at - timezone.now()).days == 34
    assert (lapsed.expires_at - timezone.now()).days == 29


def test_a_body_too_complex_to_render_is_a_form_error_not_a_timeout(
    admin_client_logged_in, posting
):
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    started = time.monotonic()
    response = admin_client_logged_in.post(url, posting_form_data(posting, body="[" * 20_000))
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert "body too complex to render (more than 0.5 s of work)" in response.content.decode()
    posting.refresh_from_db()
    assert posting.body != "[" * 20_000


def test_more_tags_than_an_import_keeps_are_refused(admin_client_logged_in, posting):
    tags = [Tag.objects.create(name=f"tag {n}") for n in range(MAX_TAGS + 1)]
    data = posting_form_data(posting) | {"tagged_items-TOTAL_FORMS": str(len(tags))}
    for n, tag in enumerate(tags):
        data[f"tagged_items-{n}-tag"] = tag.pk
    url = reverse("admin:postings_posting_change", args=[posting.pk])
    response = admin_client_logged_in.post(url, data)
    assert response.status_code == 200
    assert f"A posting can have at most {MAX_TAGS} tags." in response.content.decode()
    assert list(posting.tags.names()) == ["rust"]
