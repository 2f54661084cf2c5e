"""Fill a database with generated postings fast, for benchmarks (not for real imports).

It parses the generated files with the real parser and derives each posting's fields with the
real `Posting.derive()`, then writes with bulk_create instead of one save per posting, and
indexes for search in batches.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from bench.generate import posting_texts
from postings.importers import parse_posting
from postings.models import Company, Place, Posting, Status, Tag, TaggedPosting
from postings.tags import tag_slug


def bulk_load(count, seed=1, batch_size=1000, progress=print):
    companies = {c.name.lower(): c for c in Company.objects.all()}
    tags = {t.name: t for t in Tag.objects.all()}
    places = {p.slug: p for p in Place.objects.all()}
    batch = []
    for n, (_title, text) in enumerate(posting_texts(count, seed), start=1):
        batch.append(parse_posting(text))
        if len(batch) == batch_size or n == count:
            with transaction.atomic():
                write_batch(batch, companies, tags, places)
            progress(f"  loaded {n:,} of {count:,}")
            batch = []


def write_batch(datas, companies, tags, places):
    new_companies = {}
    for data in datas:
        key = data.company_name.lower()
        if key not in companies and key not in new_companies:
            number = len(companies) + len(new_companies)
            slug = f"{slugify(data.company_name)[:70] or 'company'}-{number}"
            new_companies[key] = Company(name=data.company_name, slug=slug)
    for company in Company.objects.bulk_create(new_companies.values()):
        companies[company.name.lower()] = company

    postings, place_names = [], []
    for data in datas:
        posting = Posting(
            url=data.url,
            title=data.title,
            company=companies[data.company_name.lower()],
            apply_url=data.apply_url,
            location=data.location,
            job_type=data.job_type,
            summary=data.summary,
            featured=data.featured,
            status=Status.ARCHIVED if data.archived else Status.PUBLISHED,
            body=data.body,
            posted_at=data.posted_at,
            source_hash=data.source_hash,
            imported_at=timezone.now(),
        )
        place_names.append(posting.derive())
        postings.append(posting)
    Posting.objects.bulk_create(postings)

    missing_tags = {n for d in datas for n in d.tags if n not in tags}
    for tag in Tag.objects.bulk_create(Tag(name=n, slug=tag_slug(n)) for n in missing_tags):
        tags[tag.name] = tag
    TaggedPosting.objects.bulk_create(
        TaggedPosting(content_object=posting, tag=tags[name])
        for posting, data in zip(postings, datas, strict=True)
        for name in data.tags
    )

    missing_places = {slugify(n, allow_unicode=True): n for names in place_names for n in names}
    new_places = [Place(slug=s, name=n) for s, n in missing_places.items() if s not in places]
    for place in Place.objects.bulk_create(new_places):
        places[place.slug] = place
    Posting.places.through.objects.bulk_create(
        Posting.places.through(posting=posting, place=places[slug])
        for posting, names in zip(postings, place_names, strict=True)
        for slug in dict.fromkeys(slugify(n, allow_unicode=True) for n in names)
    )
    Posting.objects.filter(pk__in=[p.pk for p in postings]).reindex()
