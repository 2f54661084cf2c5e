"""Who may do what in the admin, as a table: recruiters of company A and of company B, a
moderator, a superuser and an anonymous visitor, against every admin URL of a company-B
posting and every way of acting on it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from postings.models import MODERATORS, RECRUITERS, Posting, Status
from tests.factories import CompanyFactory, PostingFactory, posting_form_data

pytestmark = pytest.mark.django_db

ROLES = ["recruiter_a", "recruiter_b", "moderator", "superuser", "anonymous"]


@pytest.fixture
def world(django_user_model):
    company_a = CompanyFactory(name="Acme")
    company_b = CompanyFactory(name="Bravo")

    def staff(name, group=None, company=None, **flags):
        user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw", **flags)
        user.is_staff = True
        user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        if company:
            company.recruiters.add(user)
        return user

    return {
        "company_a": company_a,
        "company_b": company_b,
        "posting_a": PostingFactory(title="Acme job", company=company_a, tags=["go"]),
        "posting_b": PostingFactory(title="Bravo job", company=company_b, draft=True),
        "users": {
            "recruiter_a": staff("ra", RECRUITERS, company_a),
            "recruiter_b": staff("rb", RECRUITERS, company_b),
            "moderator": staff("mod", MODERATORS),
            "superuser": staff("root", is_superuser=True),
            "anonymous": None,
        },
    }


def client_for(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    return client


def b_urls(world):
    posting = world["posting_b"]
    return {
        "change": reverse("admin:postings_posting_change", args=[posting.pk]),
        "delete": reverse("admin:postings_posting_delete", args=[posting.pk]),
        "history": reverse("admin:postings_posting_history", args=[posting.pk]),
        "preview": posting.get_preview_url(),
        "company change": reverse("admin:postings_company_change", args=[world["company_b"].pk]),
    }


# Expected status of each company-B URL per role: 200 allowed, 404 hidden, 302 to the login.
EXPECTED = {
    "recruiter_a": 404,
    "recruiter_b": 200,
    "moderator": 200,
    "superuser": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", ["change", "delete", "history", "preview", "company change"])
def test_company_b_urls_per_role(client, world, role, url_name):
    response = client_for(client, world, role).get(b_urls(world)[url_name])
    if role == "anonymous":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    else:
        assert response.status_code == EXPECTED[role]


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("recruiter_a", {"Acme job"}),
        ("recruiter_b", {"Bravo job"}),
        ("moderator", {"Acme job", "Bravo job"}),
        ("superuser", {"Acme job", "Bravo job"}),
    ],
)
def test_changelist_and_its_search_show_only_the_roles_postings(client, world, role, visible):
    client = client_for(client, world, role)
    url = reverse("admin:postings_posting_changelist")
    assert {p.title for p in client.get(url).context["cl"].result_list} == visible
    found = {p.title for p in client.get(url, {"q": "job"}).context["cl"].result_list}
    assert found == visible


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("recruiter_a", ["Acme"]),
        ("recruiter_b", ["Bravo"]),
        ("moderator", ["Acme", "Bravo"]),
        ("superuser", ["Acme", "Bravo"]),
    ],
)
def test_company_autocomplete_offers_only_the_roles_companies(client, world, role, visible):
    response = client_for(client, world, role).get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "postings", "model_name": "posting", "field_name": "company"},
    )
    assert [r["text"] for r in response.json()["results"]] == visible


def test_anonymous_autocomplete_is_refused(client, world):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "postings", "model_name": "posting", "field_name": "company"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("action", ["publish", "archive", "extend_expiry"])
def test_recruiter_actions_never_touch_another_companys_posting(client, world, action):
    b = world["posting_b"]
    before = (b.status, b.expires_at)
    client_for(client, world, "recruiter_a").post(
        reverse("admin:postings_posting_changelist"),
        {"action": action, "_selected_action": [world["posting_a"].pk, b.pk]},
    )
    b.refresh_from_db()
    assert (b.status, b.expires_at) == before


def test_export_contains_only_the_recruiters_postings(client, world):
    response = client_for(client, world, "recruiter_a").post(
        reverse("admin:postings_posting_changelist"),
        {
            "action": "export_csv",
            "_selected_action": [world["posting_a"].pk, world["posting_b"].pk],
        },
    )
    body = response.content.decode()
    assert "Acme job" in body
    assert "Bravo job" not in body


def test_recruiter_cannot_move_a_posting_to_another_company(client, world):
    a = world["posting_a"]
    response = client_for(client, world, "recruiter_a").post(
        reverse("admin:postings_posting_change", args=[a.pk]),
        posting_form_data(a, company=world["company_b"].pk),
    )
    assert response.status_code == 200
    assert "company" in response.context["adminform"].form.errors
    a.refresh_from_db()
    assert a.company == world["company_a"]


def test_recruiter_cannot_create_a_posting_for_another_company(client, world):
    template = world["posting_a"]
    response = client_for(client, world, "recruiter_a").post(
        reverse("admin:postings_posting_add"),
        posting_form_data(template, company=world["company_b"].pk, url="https://x.example/new"),
    )
    assert "company" in response.context["adminform"].form.errors
    assert not Posting.objects.filter(url="https://x.example/new").exists()


def test_recruiter_creates_and_publishes_a_posting_for_their_company(client, world):
    client = client_for(client, world, "recruiter_a")
    response = client.post(
        reverse("admin:postings_posting_add"),
        posting_form_data(
            world["posting_a"], url="https://x.example/new", title="New", status="draft"
        ),
    )
    assert response.status_code == 302
    posting = Posting.objects.get(url="https://x.example/new")
    assert posting.status == Status.DRAFT
    assert client.get(posting.get_absolute_url()).status_code == 404  # not public yet
    client.post(
        reverse("admin:postings_posting_changelist"),
        {"action": "publish", "_selected_action": [posting.pk]},
    )
    assert client.get(posting.get_absolute_url()).status_code == 200


def test_change_form_offers_no_add_company_popup_to_recruiters(client, world):
    a = world["posting_a"]
    html = (
        client_for(client, world, "recruiter_a")
        .get(reverse("admin:postings_posting_change", args=[a.pk]))
        .content.decode()
    )
    assert reverse("admin:postings_company_add") not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [("recruiter_a", 403), ("moderator", 403), ("superuser", 200)],
)
@pytest.mark.parametrize("url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_only_superusers_manage_users_and_groups(client, world, role, status, url_name):
    assert client_for(client, world, role).get(reverse(url_name)).status_code == status


def test_recruiter_can_add_tags_but_not_rename_them(client, world):
    client = client_for(client, world, "recruiter_a")
    tag = world["posting_a"].tags.get()
    assert client.get(reverse("admin:postings_tag_add")).status_code == 200
    response = client.post(reverse("admin:postings_tag_change", args=[tag.pk]), {"name": "x"})
    assert response.status_code == 403


def test_history_records_each_change_with_its_author(client, world):
    a = world["posting_a"]
    client = client_for(client, world, "recruiter_a")
    client.post(
        reverse("admin:postings_posting_change", args=[a.pk]), posting_form_data(a, title="Renamed")
    )
    history = client.get(reverse("admin:postings_posting_history", args=[a.pk]))
    entries = list(history.context["action_list"])
    assert [entry.user.username for entry in entries] == ["ra"]
