"""Merging companies that are one employer: the admin's action. Migration 0009 does the same
for the duplicates that existed before company keys, with the models of its time."""

from django.db import transaction

from .companies import company_key
from .models import Company, CompanyAlias, Posting


@transaction.atomic
def merge_companies(survivor: Company, others) -> int:
    """Fold `others` into `survivor`; return how many postings moved.

    Their postings, recruiters and earlier names become the survivor's; their own names and
    slugs are kept as its aliases (imports of those spellings land on the survivor and the old
    pages redirect to its page), and they are deleted. The survivor keeps its name and slug.
    """
    others = [company for company in others if company.pk != survivor.pk]
    if not others:
        return 0
    ids = [company.pk for company in others]
    moved = list(Posting.objects.filter(company__in=ids).values_list("pk", flat=True))
    Posting.objects.filter(pk__in=moved).update(company=survivor)
    recruiters = Company.recruiters.through.objects.filter(company__in=ids)
    survivor.recruiters.add(*recruiters.values_list("user", flat=True))
    CompanyAlias.objects.filter(company__in=ids).update(company=survivor)
    CompanyAlias.objects.bulk_create(
        [
            CompanyAlias(
                name=company.name,
                key=company_key(company.name),
                slug=company.slug,
                company=survivor,
            )
            for company in others
        ],
        ignore_conflicts=True,  # a name already recorded
    )
    Company.objects.filter(pk__in=ids).delete()
    Posting.objects.filter(pk__in=moved).reindex()  # their documents name the company
    return len(moved)
