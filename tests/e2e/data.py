"""A realistic board for the browser tests: enough live postings for two pages of results,
every filter with something to find, and the long words and wide content that break layouts.

Every end-to-end test runs on a database that is emptied after it (the live server needs real
transactions), so each test builds what it uses with `make_board()`, in about a second.
"""

from datetime import UTC, datetime, timedelta
from importlib import import_module

from django.contrib.auth.models import Group, Permission

from postings.models import RECRUITERS, Posting, Tag, TaggedPosting
from tests.factories import CompanyFactory, PostingFactory

START = datetime(2025, 3, 1, 9, tzinfo=UTC)

# Filled up by LONG_TAIL so that the live list runs to a second page (PER_PAGE is 25).
LIVE_COUNT = 36

# tag python + location berlin + remote + type software matches exactly these two; each
# decoy below fails exactly one of the four filters.
COMBINED_MATCHES = ["Senior Django Developer", "Data Platform Engineer"]

# The longest words: title, company and location; its body has a wide table and long code.
LONG_TITLE = "Kubernetes/Infrastructure-Automation-Engineer (PlatformReliabilityEngineering)"

BODY = """\
## About the role

You will own **{title}** work end to end: design, build, ship and run it.

- Review pull requests and mentor two junior engineers
- Keep our p95 latency under 200 ms
- Write things down

| Level | Base salary (EUR) | Equity | Home-office allowance | On-call rotation |
| --- | --- | --- | --- | --- |
| Engineer II | 70,000–85,000 | 0.05% | 1,200 per year | One week in six |
| Senior engineer | 85,000–105,000 | 0.10% | 1,200 per year | One week in eight |

```
$ curl -s https://api.example.com/v1/jobs?page=1&per_page=100&include=company,tags,places | jq .
```

Read more at https://careers.example.com/teams/platform-infrastructure-and-developer-experience/roles
"""

LONG_TAIL = [
    # (title, location, tags, job type)
    ("Site Reliability Engineer", "Remote", ["go", "kubernetes", "aws"], "software"),
    ("Backend Engineer", "Toronto, ON, Canada", ["go", "postgresql"], "software"),
    ("Machine Learning Engineer", "San Francisco, CA", ["python", "pytorch"], "software"),
    ("Android Developer", "Paris, France", ["kotlin", "android"], "software"),
    ("QA Automation Engineer", "Remote-EMEA", ["playwright", "typescript"], "software"),
    ("Engineering Manager", "London, United Kingdom", ["leadership"], "software"),
    ("Content Marketing Lead", "Remote", ["marketing", "seo"], "marketing"),
    ("Technical Recruiter", "New York, NY", ["recruiting"], "other"),
]


def make_board():
    """The postings, by title, plus the companies; the archived one is closed."""
    acme = CompanyFactory(name="Acme Robotics", website="https://acme.example/")
    globex = CompanyFactory(name="Globex")
    initech = CompanyFactory(name="Initech")
    hooli = CompanyFactory(name="Hooli")
    umbrella = CompanyFactory(
        name="Umbrella Health Diagnostics & Telemedicine Solutions GmbH",
        website="https://umbrella-health-diagnostics-and-telemedicine.example/careers/",
    )
    named = [
        (
            "Senior Django Developer",
            acme,
            "Remote or Berlin, Germany",
            ["python", "django", "postgresql"],
            "software",
        ),
        (
            "Data Platform Engineer",
            hooli,
            "Berlin, Germany (Remote)",
            ["python", "airflow"],
            "software",
        ),
        # Decoys for the combined filter, one condition short each.
        ("Python Developer", globex, "Berlin, Germany", ["python"], "software"),
        ("Python Trainer", initech, "Remote or Berlin, Germany", ["python"], "education"),
        # Remote, but not from Berlin ("Remote-EMEA" would be: Berlin is in Europe).
        ("Django Developer", globex, "Remote (US only)", ["python", "django"], "software"),
        ("Go Developer", acme, "Remote or Berlin, Germany", ["go"], "software"),
        # Long words and names: the phone layout must wrap them, not scroll sideways.
        (
            LONG_TITLE,
            umbrella,
            "Frankfurt am Main, Hessen, Germany - Remote OK",
            ["kubernetes", "infrastructure-as-code", "ui/ux"],
            "software",
        ),
        ("Product Designer", initech, "London, GB - Remote OK", ["figma", "ui/ux"], "design"),
        ("Customer Support Specialist", umbrella, "Remote", ["customersupport"], "support"),
    ]
    companies = [acme, globex, initech, hooli, umbrella]
    while len(named) < LIVE_COUNT:
        n = len(named)
        title, location, names, job_type = LONG_TAIL[n % len(LONG_TAIL)]
        named.append((f"{title} {n}", companies[n % 5], location, names, job_type))

    postings, links = {}, []
    for n, (title, company, location, names, job_type) in enumerate(named):
        postings[title] = posting = PostingFactory(
            title=title,
            company=company,
            location=location,
            job_type=job_type,
            summary=f"{company.name} is hiring: {title}.",
            body=BODY.format(title=title),
            posted_at=START - timedelta(hours=n),  # newest first, as listed here
            url=f"https://jobs.example.com/{company.slug}/{n}",
            apply_url=f"https://jobs.example.com/{company.slug}/{n}/apply",
        )
        links += [(posting, name) for name in names]
    postings["Legacy COBOL Maintainer"] = archived = PostingFactory(
        title="Legacy COBOL Maintainer",
        company=initech,
        location="Columbus, OH",
        archived=True,
        posted_at=START - timedelta(days=30),
    )
    links.append((archived, "cobol"))
    tags = {name: Tag.objects.create(name=name) for name in dict.fromkeys(n for _, n in links)}
    # Linked in one go and indexed once: tagging posting by posting reindexes a posting per
    # tag, which made this the slowest part of the browser tests.
    TaggedPosting.objects.bulk_create(
        TaggedPosting(content_object=posting, tag=tags[name]) for posting, name in links
    )
    Posting.objects.reindex()
    return postings


def newest_first(postings):
    live = [p for p in postings.values() if p.is_live]
    return [p.title for p in sorted(live, key=lambda p: p.posted_at, reverse=True)]


def recruiters_group():
    """The Recruiters group with the permissions migration 0006 gives it: emptying the test
    database between tests removes the group (the permissions themselves come back)."""
    migration = import_module("postings.migrations.0006_recruiter_groups")
    group, _ = Group.objects.get_or_create(name=RECRUITERS)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="postings", codename__in=migration.RECRUITER_PERMISSIONS
        )
    )
    return group
