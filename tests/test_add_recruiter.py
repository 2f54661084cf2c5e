import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from postings.models import RECRUITERS, CompanyAlias
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"(https?://\S+)/accounts/reset/([\w-]+)/([\w-]+)/")
NEW_PASSWORD = "correct-Horse-battery-97"


@pytest.fixture
def netlify():
    return CompanyFactory(name="Netlify", slug="netlify")


def run(capsys, *args):
    call_command("add_recruiter", *args)
    return capsys.readouterr().out


def link_in(out):
    match = LINK.search(out)
    assert match, out
    return match


def set_password(client, link, password=NEW_PASSWORD):
    path = link[0][len(link[1]) :]
    form = client.get(path)
    assert form.status_code == 302  # Django hides the token: on to .../set-password/
    page = client.get(form.url)
    assert page.status_code == 200 and page.context["validlink"]
    return client.post(form.url, {"new_password1": password, "new_password2": password})


def test_new_account_is_a_staff_recruiter_without_a_password(capsys, netlify, django_user_model):
    out = run(capsys, "Ann@Example.com", "netlify")

    assert out.startswith("Created recruiter ann@example.com for Netlify.\n")
    user = django_user_model.objects.get()
    assert (user.username, user.email) == ("ann@example.com", "ann@example.com")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [RECRUITERS]
    assert list(user.recruiter_companies.all()) == [netlify]


def test_existing_account_gets_a_second_company_once(capsys, netlify, django_user_model):
    stripe = CompanyFactory(name="Stripe")
    run(capsys, "ann@example.com", "Netlify")

    out = run(capsys, "ANN@example.com", "stripe")
    assert out.startswith("Added Stripe to existing account ann@example.com.\n")
    out = run(capsys, "ann@example.com", "stripe")
    assert out.startswith("ann@example.com already recruits for Stripe; nothing to add.\n")

    user = django_user_model.objects.get()
    assert set(user.recruiter_companies.all()) == {netlify, stripe}
    assert user.groups.count() == 1


def test_existing_account_is_made_staff_and_keeps_its_password(capsys, netlify, django_user_model):
    user = django_user_model.objects.create_user("ann", "Ann@example.com", "old-password")

    out = run(capsys, "ann@example.com", "netlify")

    assert out.startswith("Added Netlify to existing account Ann@example.com.\n")
    user.refresh_from_db()
    assert user.is_staff and user.check_password("old-password")
    assert user.groups.filter(name=RECRUITERS).exists()
    assert django_user_model.objects.count() == 1


def test_superuser_only_gets_the_company(capsys, netlify, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")

    run(capsys, "root@example.com", "netlify")

    root.refresh_from_db()
    assert root.is_superuser and root.check_password("pw")
    assert not root.groups.exists()
    assert list(root.recruiter_companies.all()) == [netlify]


@pytest.mark.parametrize("ref", ["netlify", "NETLIFY", "Netlify", "netLIFY"])
def test_company_is_found_by_slug_or_name_in_any_case(capsys, ref):
    company = CompanyFactory(name="Netlify Platform", slug="netlify")
    CompanyFactory(name="Netlify", slug="netlify-2")  # its name loses to the other's slug

    run(capsys, "ann@example.com", ref)

    assert list(company.recruiters.values_list("email", flat=True)) == ["ann@example.com"]


def test_company_is_found_by_any_spelling_of_its_name_or_an_earlier_one(capsys):
    company = CompanyFactory(name="Time Doctor", slug="td")
    CompanyAlias.objects.create(name="TimeDoctor Inc", company=company)

    run(capsys, "ann@example.com", "time-doctor")
    run(capsys, "bob@example.com", "timedoctor inc.")

    assert sorted(company.recruiters.values_list("email", flat=True)) == [
        "ann@example.com",
        "bob@example.com",
    ]


def test_company_is_found_by_its_exact_name(capsys):
    company = CompanyFactory(name="Acme Corp", slug="acme")

    assert "for Acme Corp." in run(capsys, "ann@example.com", "acme corp")
    assert company.recruiters.exists()


def test_unknown_company_is_an_error_that_creates_nobody(netlify, django_user_model):
    with pytest.raises(CommandError, match=r"^No company with the slug or name 'nope'\.$"):
        call_command("add_recruiter", "ann@example.com", "nope")
    assert not django_user_model.objects.exists()


@pytest.mark.parametrize("email", ["ann", "ann@", "ann@example", "a b@example.com", ""])
def test_bad_email_is_an_error(netlify, django_user_model, email):
    with pytest.raises(CommandError, match="is not a valid email address"):
        call_command("add_recruiter", email, "netlify")
    assert not django_user_model.objects.exists()


def test_deactivated_account_is_left_alone(netlify, django_user_model):
    django_user_model.objects.create_user("ann", "ann@example.com", is_active=False)

    with pytest.raises(CommandError, match="ann@example.com is deactivated"):
        call_command("add_recruiter", "ann@example.com", "netlify")
    assert not netlify.recruiters.exists()


def test_account_named_after_the_email_but_with_another_email_is_an_error(
    netlify, django_user_model
):
    django_user_model.objects.create_user("ann@example.com", "ann@elsewhere.org")

    with pytest.raises(CommandError, match="exists with another email"):
        call_command("add_recruiter", "ann@example.com", "netlify")
    assert not netlify.recruiters.exists()


def test_output_has_a_link_and_never_a_password(capsys, netlify, django_user_model):
    django_user_model.objects.create_user("ann", "ann@example.com", "s3cret-Password")

    out = run(capsys, "ann@example.com", "netlify", "--base-url", "https://jobs.example.org/")

    link = link_in(out)
    assert link[1] == "https://jobs.example.org"
    assert "works once" in out
    user = django_user_model.objects.get()
    assert "s3cret" not in out and user.password not in out
    assert "password:" not in out.lower()


def test_base_url_defaults_to_site_url_then_localhost(capsys, netlify, settings):
    assert link_in(run(capsys, "ann@example.com", "netlify"))[1] == "http://127.0.0.1:8000"
    settings.SITE_URL = "https://board.example.net"
    assert link_in(run(capsys, "ann@example.com", "netlify"))[1] == "https://board.example.net"


def test_link_sets_the_password_once(capsys, client, netlify, django_user_model):
    link = link_in(run(capsys, "ann@example.com", "netlify"))

    done = set_password(client, link)

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    complete = client.get(done.url)
    assert complete.status_code == 200
    assert b"Your password has been set" in complete.content
    assert django_user_model.objects.get().check_password(NEW_PASSWORD)

    again = client.get(link[0][len(link[1]) :], follow=True)
    assert again.status_code == 200 and not again.context["validlink"]
    assert b"The password reset link was invalid" in again.content


def test_link_pages_carry_the_admin_title(capsys, client, netlify):
    link = link_in(run(capsys, "ann@example.com", "netlify"))

    page = client.get(link[0][len(link[1]) :], follow=True)

    assert b"Job board administration" in page.content


def test_new_recruiter_logs_in_to_the_admin_with_only_recruiter_rights(capsys, client, netlify):
    PostingFactory(company=netlify, title="Frontend engineer")
    PostingFactory(company=CompanyFactory(name="Other"), title="Backend engineer")
    link = link_in(run(capsys, "ann@example.com", "netlify"))
    set_password(client, link)

    client.logout()
    login = client.post(
        reverse("admin:login"),
        {"username": "ann@example.com", "password": NEW_PASSWORD, "next": "/admin/"},
    )
    assert login.status_code == 302 and login.url == reverse("admin:index")

    changelist = client.get(reverse("admin:postings_posting_changelist"))
    assert changelist.status_code == 200
    assert b"Frontend engineer" in changelist.content
    assert b"Backend engineer" not in changelist.content
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
