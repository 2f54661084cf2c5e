"""The sitemap: the live postings, the companies hiring, and the pages that list them.

Archived and expired postings stay reachable by their links but are left out, so that search
engines spend their visits on jobs one can still apply for.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from .models import Company, Posting


class PostingSitemap(Sitemap):
    def items(self):
        return Posting.objects.live().only("slug", "updated_at")

    def lastmod(self, posting):
        return posting.updated_at


class CompanySitemap(Sitemap):
    def items(self):
        newest_change = (
            Posting.objects.live()
            .filter(company=OuterRef("pk"))
            .order_by("-updated_at")
            .values("updated_at")[:1]
        )
        return Company.objects.hiring().annotate(postings_updated_at=Subquery(newest_change))

    def lastmod(self, company):
        # A company's page shows its own details and its live postings: either can change it.
        return max(company.updated_at, company.postings_updated_at or company.updated_at)


class StaticSitemap(Sitemap):
    def items(self):
        return ["postings:list", "postings:companies", "postings:tags"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticSitemap,
    "postings": PostingSitemap,
    "companies": CompanySitemap,
}
