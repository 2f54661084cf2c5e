from django.urls import path

from . import views
from .cache import cached_page, filter_and_page_query, page_query

app_name = "postings"

urlpatterns = [
    path("", cached_page(views.posting_list, query=filter_and_page_query), name="list"),
    path("jobs/<slug:slug>/", cached_page(views.posting_detail), name="detail"),
    path("jobs/<slug:slug>/preview/", views.posting_preview, name="preview"),
    path("companies/", cached_page(views.company_list, query=page_query), name="companies"),
    path(
        "companies/<slug:slug>/",
        cached_page(views.company_detail, query=page_query),
        name="company",
    ),
    path("archive/", cached_page(views.archive, query=page_query), name="archive"),
    path("tags/", cached_page(views.tag_list), name="tags"),
    path("healthz", views.healthz, name="healthz"),
]
