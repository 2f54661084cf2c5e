"""One company per employer: company keys, merging in the admin (postings/merging.py), what a
merge leaves behind (aliases, redirects), and migration 0009, which merged the spellings
that were already there."""

import re
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from postings.importers import import_paths
from postings.merging import merge_companies
from postings.models import MODERATORS, RECRUITERS, Company, CompanyAlias, Posting
from tests.factories import CompanyFactory, PostingFactory

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parent / "fixtures" / "postings" / "dirty" / "company_plain.md"


def found(text):
    return set(Posting.objects.search(text).values_list("pk", flat=True))


# --- the company's key and its search documents -------------------------------------------


def test_a_company_keeps_the_key_of_its_name():
    company = CompanyFactory(name="DockYard, Inc.")
    assert company.key == "dockyard"
    company.name = "Dock Yard Labs"
    company.save(update_fields=["name"])
    company.refresh_from_db()
    assert company.key == "dockyardlabs"


@pytest.mark.parametrize("name", ["time doctor", "TIME-DOCTOR", "Time Doctor, Inc."])
def test_another_spelling_of_a_company_is_refused_by_the_form(name):
    CompanyFactory(name="time-doctor")
    with pytest.raises(ValidationError) as error:
        Company(name=name, slug="other").full_clean()
    assert "time-doctor is this company, spelled differently." in error.value.messages


def test_a_spelling_of_a_merged_company_is_refused_by_the_form():
    survivor = CompanyFactory(name="Acme")
    merge_companies(survivor, [CompanyFactory(name="Acme Labs")])
    with pytest.raises(ValidationError):
        Company(name="acme-labs", slug="acme-labs").full_clean()


def test_a_company_may_be_respelled_by_the_form():
    company = CompanyFactory(name="time-doctor")
    company.name = "Time Doctor"
    company.full_clean()


def test_a_rename_reindexes_the_companys_postings():
    posting = PostingFactory(company=CompanyFactory(name="Acme"), title="Engineer")
    company = Company.objects.get()
    company.name = "Zebra"
    company.save()
    assert found("zebra") == {posting.pk}
    assert found("acme") == set()


def test_a_save_without_a_rename_does_not_reindex():
    PostingFactory(company=CompanyFactory(name="Acme"))
    company = Company.objects.get()
    company.website = "https://acme.example/"
    with mock.patch("postings.models.postings.index_postings") as index:
        company.save()
    index.assert_not_called()
    with mock.patch("postings.models.postings.index_postings") as index:
        company.name = "Acme Rockets"
        company.save()
        company.save()  # nothing changed since
    index.assert_called_once()


# --- merging --------------------------------------------------------------------------------


@pytest.fixture
def spellings(django_user_model):
    """Three companies that are one employer, each with a posting and a recruiter."""
    companies = {name: CompanyFactory(name=name) for name in ["time-doctor", "TimeDoc", "TD"]}
    for company in companies.values():
        PostingFactory(company=company)
        user = django_user_model.objects.create_user(f"r-{company.slug}", is_staff=True)
        company.recruiters.add(user)
    return companies


def test_merge_moves_postings_and_recruiters_and_keeps_names_and_slugs(spellings):
    survivor, *others = spellings.values()

    moved = merge_companies(survivor, others)

    assert moved == 2
    assert list(Company.objects.all()) == [survivor]
    assert survivor.postings.count() == 3
    assert survivor.recruiters.count() == 3
    aliases = CompanyAlias.objects.values_list("name", "slug", "company")
    assert set(aliases) == {
        ("TimeDoc", "timedoc", survivor.pk),
        ("TD", "td", survivor.pk),
    }


def test_merged_postings_are_found_under_the_survivors_name(spellings):
    survivor = spellings["TD"]
    merge_companies(survivor, [spellings["time-doctor"], spellings["TimeDoc"]])
    assert found("td") == set(Posting.objects.values_list("pk", flat=True))
    assert found("doctor") == set()


def test_merging_again_carries_the_earlier_aliases_along():
    first, second, third = (CompanyFactory(name=name) for name in ["Acme", "Acme Labs", "ACL"])
    merge_companies(second, [third])
    merge_companies(first, [second])
    assert dict(CompanyAlias.objects.values_list("name", "company")) == {
        "ACL": first.pk,
        "Acme Labs": first.pk,
    }


def test_a_company_merged_into_itself_is_left_alone():
    company = PostingFactory().company
    assert merge_companies(company, [company]) == 0
    assert Company.objects.get() == company
    assert not CompanyAlias.objects.exists()


def test_an_import_of_a_merged_spelling_lands_on_the_survivor(tmp_path):
    survivor = CompanyFactory(name="Acme")
    merge_companies(survivor, [CompanyFactory(name="Netlify")])
    text = SEED.read_text()
    (tmp_path / "job.md").write_text(text.replace('"Netlify"', '"netlify, inc."'))

    report = import_paths([tmp_path])

    assert report.counts["created"] == 1, report.errors
    assert Posting.objects.get().company == survivor
    assert list(Company.objects.values_list("name", flat=True)) == ["Acme"]  # not renamed


def test_the_old_page_of_a_merged_company_redirects_for_good(client):
    survivor = CompanyFactory(name="Time Doctor")
    merge_companies(survivor, [CompanyFactory(name="time-doctor-old")])

    response = client.get("/companies/time-doctor-old/")

    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    assert client.get("/companies/never-was/").status_code == 404


def test_a_list_filtered_by_a_merged_company_redirects_to_the_survivor(client):
    survivor = CompanyFactory(name="Time Doctor")
    PostingFactory(company=survivor)
    merge_companies(survivor, [CompanyFactory(name="time-doctor-old")])

    response = client.get("/?company=time-doctor-old&remote=1")

    assert response.status_code == 301
    assert response["Location"] == f"/?company={survivor.slug}&remote=1"
    assert client.get("/?company=never-was").status_code == 200


# --- the admin action -----------------------------------------------------------------------


@pytest.fixture
def staff(django_user_model):
    def make(role, company=None):
        user = django_user_model.objects.create_user(role, is_staff=True, is_superuser=False)
        if role == "superuser":
            user.is_superuser = True
            user.save()
        elif role in {MODERATORS, RECRUITERS}:
            user.groups.add(Group.objects.get(name=role))
        if company is not None:
            company.recruiters.add(user)
        return user

    return make


CHANGELIST = "admin:postings_company_changelist"


def merge_request(client, companies, **extra):
    data = {"action": "merge", "_selected_action": [c.pk for c in companies], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


@pytest.mark.parametrize("role", [MODERATORS, "superuser"])
def test_moderators_and_superusers_are_offered_the_merge(client, staff, role):
    CompanyFactory()
    client.force_login(staff(role))
    response = client.get(reverse(CHANGELIST))
    assert "Merge selected companies" in response.content.decode()


def test_recruiters_are_not_offered_the_merge_and_cannot_post_it(client, staff):
    mine, theirs = CompanyFactory(name="Mine"), CompanyFactory(name="Mine Labs")
    recruiter = staff(RECRUITERS, mine)
    theirs.recruiters.add(recruiter)
    client.force_login(recruiter)

    assert "Merge selected" not in client.get(reverse(CHANGELIST)).content.decode()
    merge_request(client, [mine, theirs], post="yes", survivor=mine.pk)

    assert Company.objects.count() == 2
    assert not CompanyAlias.objects.exists()


def test_merge_asks_which_company_stays_first(admin_client_logged_in, spellings):
    companies = list(spellings.values())
    PostingFactory(company=spellings["TimeDoc"])

    response = merge_request(admin_client_logged_in, companies)

    assert response.templates[0].name == "admin/postings/company/merge.html"
    html = response.content.decode()
    for company in companies:
        assert f'type="radio" name="survivor" value="{company.pk}"' in html
        assert company.name in html
    # The one with the most postings is offered first, and chosen unless changed.
    assert re.search(rf'value="{spellings["TimeDoc"].pk}" required id="\w+_0" checked', html)
    assert Company.objects.count() == 3


def test_merge_merges_into_the_chosen_company(admin_client_logged_in, spellings):
    survivor = spellings["TD"]

    response = merge_request(
        admin_client_logged_in, spellings.values(), post="yes", survivor=survivor.pk
    )

    assert list(Company.objects.all()) == [survivor]
    assert survivor.postings.count() == 3
    assert CompanyAlias.objects.filter(company=survivor).count() == 2
    message = "Merged time-doctor, TimeDoc into TD; moved 2 posting(s)."
    assert message in response.content.decode()
    assert LogEntry.objects.filter(object_id=str(survivor.pk)).exists()
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2


def test_merge_refuses_a_survivor_that_was_not_selected(admin_client_logged_in, spellings):
    outsider = CompanyFactory(name="Outsider")
    selected = [spellings["TD"], spellings["time-doctor"]]

    response = merge_request(admin_client_logged_in, selected, post="yes", survivor=outsider.pk)

    assert response.templates[0].name == "admin/postings/company/merge.html"
    assert Company.objects.count() == 4


def test_merge_needs_two_companies(admin_client_logged_in, spellings):
    response = merge_request(admin_client_logged_in, [spellings["TD"]])
    assert "Select two companies or more to merge." in response.content.decode()
    assert Company.objects.count() == 3


def test_the_change_page_shows_the_earlier_names(admin_client_logged_in):
    survivor = CompanyFactory(name="Acme")
    merge_companies(survivor, [CompanyFactory(name="Acme Labs")])
    response = admin_client_logged_in.get(
        reverse("admin:postings_company_change", args=[survivor.pk])
    )
    assert "Acme Labs (/companies/acme-labs/)" in response.content.decode()


def test_the_admin_finds_a_company_by_an_earlier_name(admin_client_logged_in):
    survivor = CompanyFactory(name="Acme")
    merge_companies(survivor, [CompanyFactory(name="Wile Coyote Supplies")])
    response = admin_client_logged_in.get(reverse(CHANGELIST), {"q": "coyote"})
    assert list(response.context["cl"].result_list) == [survivor]


# --- migration 0009 -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_merges_the_spellings_already_there():
    before, after = (
        ("postings", "0008_live_expiry_and_type_indexes"),
        [("postings", "0009_company_key_aliases")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    apps = executor.loader.project_state([before]).apps
    OldCompany = apps.get_model("postings", "Company")
    OldPosting = apps.get_model("postings", "Posting")

    def company(name, slug, postings):
        created = OldCompany.objects.create(name=name, slug=slug)
        for i in range(postings):
            OldPosting.objects.create(
                title=f"{name} {i}",
                slug=f"{created.slug}-{i}",
                company=created,
                url=f"https://jobs.example/{created.slug}/{i}",
                apply_url=f"https://jobs.example/{created.slug}/{i}",
                status="published",
            )
        return created

    slug_doctor = company("time-doctor", "time-doctor", 2)  # the most postings: it stays
    company("Time Doctor", "time-doctor-2", 1)
    company("time doctor", "time-doctor-3", 0)
    dock_inc = company("DockYard, Inc", "dockyard-inc", 1)  # a tie: the oldest stays
    company("DockYard, Inc.", "dockyard-inc-2", 1)
    company("Apple", "apple", 1)
    company("Applied", "applied", 0)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Company_ = apps.get_model("postings", "Company")
    Alias = apps.get_model("postings", "CompanyAlias")

    assert dict(Company_.objects.values_list("name", "key")) == {
        "Time Doctor": "timedoctor",
        "DockYard, Inc.": "dockyard",
        "Apple": "apple",
        "Applied": "applied",
    }
    survivors = dict(Company_.objects.values_list("name", "pk"))
    assert survivors["Time Doctor"] == slug_doctor.pk
    assert survivors["DockYard, Inc."] == dock_inc.pk
    assert Company_.objects.get(pk=slug_doctor.pk).postings.count() == 3
    assert set(Alias.objects.values_list("name", "slug", "company")) == {
        ("Time Doctor", "time-doctor-2", slug_doctor.pk),
        ("time doctor", "time-doctor-3", slug_doctor.pk),
        ("DockYard, Inc.", "dockyard-inc-2", dock_inc.pk),
    }
    assert found("doctor") == set(
        OldPosting.objects.filter(company=slug_doctor).values_list("pk", flat=True)
    )

    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
