"""Counts of tags, places and job types within a result set, for the list's facet links."""

from dataclasses import dataclass

from django.db.models import Count, Q

from .classify import CONTRACT_LABELS, LEVEL_LABELS
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


def choice_facets(postings, selected):
    """Remote, level and contract counts: closed vocabularies, so one query counts them all."""
    counts = postings.order_by().aggregate(
        remote=Count("pk", filter=Q(remote=True)),
        **{f"level:{v}": Count("pk", filter=Q(level=v)) for v in LEVEL_LABELS},
        **{f"contract:{v}": Count("pk", filter=Q(contract=v)) for v in CONTRACT_LABELS},
    )

    def facets(key, labels):
        return [
            Facet(value, label, counts[f"{key}:{value}"], value in selected[key])
            for value, label in labels.items()
            if counts[f"{key}:{value}"] or value in selected[key]
        ]

    return {
        "remote_count": counts["remote"],
        "level_facets": facets("level", LEVEL_LABELS),
        "contract_facets": facets("contract", CONTRACT_LABELS),
    }
