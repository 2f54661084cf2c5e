"""A recruiter signs in to the admin, writes a posting with tags, publishes it, and candidates
find it on the board."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from postings.models import Tag
from tests.e2e.data import recruiters_group
from tests.factories import CompanyFactory, PostingFactory

PASSWORD = "correct horse battery staple"
TITLE = "Staff Robotics Engineer"


def choose(page, field, typed, option):
    """Pick `option` in one of the admin's autocomplete (select2) fields, typing to search."""
    page.locator(f"{field} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    choices = page.locator(".select2-results__option")
    expect(choices).to_have_text([option])  # only what this recruiter may choose
    choices.first.click()


def test_recruiter_publishes_a_posting_that_candidates_then_find(page):
    acme = CompanyFactory(name="Acme Robotics")
    CompanyFactory(name="Acme Rivals")  # another company: never offered to this recruiter
    for name in ["python", "robotics"]:
        Tag.objects.create(name=name)
    PostingFactory(title="Warehouse Lead", company=acme, tags=["logistics"])
    jane = get_user_model().objects.create_user(
        "jane", email="jane@acme.example", password=PASSWORD, is_staff=True
    )
    jane.groups.add(recruiters_group())
    acme.recruiters.add(jane)

    page.goto("/")
    page.get_by_role("link", name="Recruiters sign in here").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill("jane")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.locator("#postings-posting").get_by_role("link", name="Postings").click()
    page.get_by_role("link", name="Add posting").click()
    page.get_by_label("Title").fill(TITLE)
    choose(page, "#id_company", "acme", "Acme Robotics")
    page.get_by_label("Source URL").fill("https://acme.example/careers/staff-robotics-engineer")
    page.get_by_label("Apply URL").fill(
        "https://acme.example/careers/staff-robotics-engineer/apply"
    )
    page.get_by_label("Body (Markdown)").fill("Build **robots** that sort parcels.")
    page.get_by_label("Location").fill("Remote or Berlin, Germany")
    page.get_by_label("Job type").fill("software")
    choose(page, "#id_tagged_items-0-tag", "pyth", "python")
    page.get_by_role("button", name="Add another tag").click()
    choose(page, "#id_tagged_items-1-tag", "robo", "robotics")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A draft: candidates do not see it yet.
    page.goto("/?q=parcels")
    expect(page.get_by_test_id("result-count")).to_have_text("No jobs match for “parcels”")

    page.go_back()
    page.get_by_role("checkbox", name=re.compile(TITLE)).check()
    page.get_by_role("combobox", name="Action").select_option(label="Publish selected postings")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 posting(s).")

    page.get_by_role("link", name="View site").click()
    card = page.get_by_test_id("posting").first  # the newest, at the top
    expect(card.get_by_role("heading")).to_have_text(TITLE)
    card.get_by_role("link", name="#robotics").click()
    expect(page.get_by_test_id("result-count")).to_have_text("1 job")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="Acme Robotics", exact=True)).to_be_visible()
    expect(page.locator(".posting-body strong")).to_have_text("robots")
    tags = page.get_by_role("list", name="Tags").get_by_role("link")
    assert sorted(tags.all_inner_texts()) == ["#python", "#robotics"]
    page.watched.assert_clean()
