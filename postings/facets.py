"""Counts of tags, places and job types within a result set, for the list's facet links."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .models import Place, Tag, job_type_label


@dataclass
class Facet:
    slug: str
    label: str
    count: int
    selected: bool


def tag_facets(postings, selected=(), limit=25):
    tags = (
        Tag.objects.filter(tagged_postings__content_object__in=postings.order_by().values("pk"))
        .annotate(count=Count("tagged_postings"))
        .order_by("-count", "name")[:limit]
    )
    return [Facet(t.slug, t.name, t.count, t.slug in selected) for t in tags]


def place_facets(postings, selected=(), limit=25):
    places = (
        Place.objects.filter(postings__in=postings.order_by().values("pk"))
        .annotate(count=Count("postings"))
        .order_by("-count", "name")[:limit]
    )
    return [Facet(p.slug, p.name, p.count, p.slug in selected) for p in places]


def type_facets(postings, selected=()):
    rows = (
        postings.exclude(job_type="")
        .order_by()
        .values("job_type")
        .annotate(count=Count("pk"))
        .order_by("-count", "job_type")
    )
    return [
        Facet(r["job_type"], job_type_label(r["job_type"]), r["count"], r["job_type"] in selected)
        for r in rows
    ]


def remote_count(postings):
    return postings.order_by().aggregate(n=Count("pk", filter=Q(remote=True)))["n"]
