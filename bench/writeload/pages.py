"""Inside Django, in this process: Django set up on the database under load, and the pages
wrk cycles over, read from it (`pick_pages`), with what the report says of the database and
the live postings an edit may pick."""

import math
import os
import sys
from urllib.parse import quote, urlencode


def setup_django(env):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jobboard.settings"
    import django

    django.setup()


def pick_pages():
    """About 60 pages a visitor would open, from the database; and what the report says of it."""
    from django.db import connection
    from django.db.models import Count

    from bench.measure import database_version
    from postings import pagination
    from postings.models import Company, Place, Posting, Tag

    per_page = pagination.PER_PAGE

    live = Posting.objects.live()
    live_count = live.count()
    if not live_count:
        sys.exit(f"{connection.settings_dict['NAME']}: no live postings to load and edit")

    def ranked(queryset, field="slug"):
        rows = queryset.values_list(field).annotate(n=Count("pk")).order_by("-n", field)
        return [value for value, _ in rows if value]

    tags = ranked(Tag.objects.filter(tagged_postings__content_object__in=live))
    countries = ranked(Place.objects.filter(kind="country", postings__in=live))
    types = ranked(live, "job_type")
    levels = ranked(live, "level")
    contracts = ranked(live, "contract")
    companies = list(
        Company.objects.hiring().order_by("-live_count", "slug").values_list("slug", flat=True)[:2]
    )
    newest = list(live.order_by("-posted_at", "-pk").values_list("slug", flat=True))
    details = newest[:: max(1, len(newest) // 8)][:8]
    # The deepest page the list serves (past the results window it asks to narrow the list).
    deepest = math.ceil(min(live_count, pagination.WindowPaginator.window) / per_page)
    page_numbers = [n for n in sorted({2, 3, 10, 100, deepest // 2, deepest}) if 1 < n <= deepest]

    def at(values, *indexes):
        """The values at these ranks (negative from the end), each once, when there."""
        chosen = [values[i] for i in indexes if -len(values) <= i < len(values)]
        return list(dict.fromkeys(chosen))

    def listing(**params):
        return "/?" + urlencode(params, doseq=True)

    t1, t2, t3, t4 = (tags + [None] * 4)[:4]  # too few tags: the pages naming none drop out
    rare = at(tags, len(tags) // 4, len(tags) // 2, (3 * len(tags)) // 4, -1)
    searches = [
        "kubernetes",
        "remote",
        "python or golang",
        "senior engineer",
        '"product manager"',
        "python -senior",
        "data",
        "design",
        "sales",
        "platf",
    ]
    pages = [
        "/",
        *(listing(tag=tag) for tag in at(tags, 0, 1, 2, 3, 4) + rare),
        *(listing(tag=pair) for pair in ([t1, t2], [t1, t3], [t2, t4]) if all(pair)),
        *(
            listing(tag=tag, remote=1, type=job_type)
            for tag, job_type in zip(at(tags, 0, 1, 2), at(types, 0, 0, 1), strict=False)
        ),
        *(listing(location=country) for country in at(countries, 0, 1, 2, len(countries) // 2)),
        *(listing(tag=t1, location=country) for country in at(countries, 0) if t1),
        *(listing(location=country, remote=1) for country in at(countries, 1)),
        *(listing(level=level) for level in at(levels, 0, 1, -1)),
        *(listing(level=lv, type=jt) for lv, jt in zip(levels[:1], types[:1], strict=False)),
        *(listing(contract=contract) for contract in at(contracts, 0, 1, -1)),
        *(listing(type=job_type) for job_type in at(types, 0, -1)),
        listing(remote=1),
        listing(sort="featured"),
        *(listing(page=n) for n in page_numbers),
        *([listing(tag=t1, page=2)] if t1 else []),
        *(listing(q=q) for q in searches),
        *([listing(q="engineer", tag=t1, remote=1)] if t1 else []),
        *(f"/jobs/{quote(slug)}/" for slug in details),
        "/tags/",
        "/companies/",
        "/companies/?page=2",
        *(f"/companies/{quote(slug)}/" for slug in companies),
        "/archive/",
        "/feeds/jobs.rss",
        *([f"/feeds/jobs.rss?{urlencode({'tag': t1})}"] if t1 else []),
        "/feeds/jobs.atom",
    ]
    database = {
        "vendor": connection.vendor,
        "server_version": database_version(connection),
        "postings": Posting.objects.count(),
        "live": live_count,
    }
    return list(dict.fromkeys(pages)), database, list(live.values_list("pk", flat=True))
