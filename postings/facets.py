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
    pk: int | None = None  # of the tag or place


def summary(postings, selected):
    """Every number the list shows beside its results: the total and each facet's counts."""
    return {
        **counts(postings, selected),
        "tag_facets": tag_facets(postings, selected["tag"]),
        "place_facets": place_facets(postings, selected["location"]),
    }


def tag_facets(postings, selected=(), limit=25):
    return linked_facets(Tag, "tagged_postings__content_object", postings, selected, limit)


def place_facets(postings, selected=(), limit=25):
    return linked_facets(Place, "postings", postings, selected, limit)


def linked_facets(model, link, postings, selected, limit):
    """The `limit` tags or places most linked to `postings`, with their counts."""
    rows = (
        model.objects.filter(**{f"{link}__in": postings.order_by().values("pk")})
        .annotate(count=Count(link.split("__")[0]))
        .order_by("-count", "name")[:limit]
    )
    return [Facet(row.slug, row.name, row.count, row.slug in selected, row.pk) for row in rows]


def counts(postings, selected):
    """The total, and the job type, remote, level and contract facets, in one query.

    Grouping by job type (a free vocabulary) with conditional counts for the closed ones, then
    summing the groups, gives every number the list needs besides tags and places, the total
    that the paginator would otherwise count again included.
    """
    closed = {
        "remote": Count("pk", filter=Q(remote=True)),
        **{f"level:{v}": Count("pk", filter=Q(level=v)) for v in LEVEL_LABELS},
        **{f"contract:{v}": Count("pk", filter=Q(contract=v)) for v in CONTRACT_LABELS},
    }
    rows = list(postings.order_by().values("job_type").annotate(n=Count("pk"), **closed))
    totals = {key: sum(row[key] for row in rows) for key in ["n", *closed]}

    def facets(key, labels):
        return [
            Facet(value, label, totals[f"{key}:{value}"], value in selected[key])
            for value, label in labels.items()
            if totals[f"{key}:{value}"] or value in selected[key]
        ]

    types = sorted((row for row in rows if row["job_type"]), key=lambda r: (-r["n"], r["job_type"]))
    return {
        "total": totals["n"],
        "remote_count": totals["remote"],
        "type_facets": [
            Facet(
                r["job_type"],
                job_type_label(r["job_type"]),
                r["n"],
                r["job_type"] in selected["type"],
            )
            for r in types
        ],
        "level_facets": facets("level", LEVEL_LABELS),
        "contract_facets": facets("contract", CONTRACT_LABELS),
    }
