from datetime import UTC, datetime, timedelta

import factory

from postings.models import Company, Posting, Status


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Company {n}")
    website = "https://example.com/"


class PostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Posting
        skip_postgeneration_save = True

    class Params:
        archived = factory.Trait(status=Status.ARCHIVED)
        draft = factory.Trait(status=Status.DRAFT)

    title = factory.Sequence(lambda n: f"Engineer {n}")
    status = Status.PUBLISHED
    company = factory.SubFactory(CompanyFactory)
    url = factory.Sequence(lambda n: f"https://jobs.example.com/{n}")
    apply_url = factory.LazyAttribute(lambda p: p.url + "#apply")
    location = "Berlin"
    job_type = "software"
    body = "We build **things**."
    # Distinct, increasing dates so "newest first" is well defined in tests.
    posted_at = factory.Sequence(lambda n: datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=n))

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if create and names:
            self.tags.set(names)


def posting_form_data(posting, **changes):
    """The POST data of the admin's posting change form, as it shows `posting`, plus changes."""
    data = {
        "title": posting.title,
        "company": posting.company_id,
        "url": posting.url,
        "apply_url": posting.apply_url,
        "summary": posting.summary,
        "body": posting.body,
        "location": posting.location,
        "job_type": posting.job_type,
        "status": posting.status,
        "posted_at_0": posting.posted_at.strftime("%Y-%m-%d"),
        "posted_at_1": posting.posted_at.strftime("%H:%M:%S"),
        "expires_at_0": "",
        "expires_at_1": "",
        "featured": posting.featured,
        "salary_min": "",
        "salary_max": "",
        "salary_currency": "",
        "salary_period": "",
        "tagged_items-TOTAL_FORMS": "0",
        "tagged_items-INITIAL_FORMS": "0",
        "tagged_items-MIN_NUM_FORMS": "0",
        "tagged_items-MAX_NUM_FORMS": "1000",
    }
    return data | changes
