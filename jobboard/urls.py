from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from postings.feeds import PostingAtomFeed, PostingFeed
from postings.sitemaps import SITEMAPS

admin.site.site_header = "Job board administration"
admin.site.site_title = "Job board admin"

feeds = (
    [
        path("jobs.rss", PostingFeed(), name="rss"),
        path("jobs.atom", PostingAtomFeed(), name="atom"),
    ],
    "feeds",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("feeds/", include(feeds)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("", include("postings.urls")),
]
