from django.urls import path

from . import views

app_name = "postings"

urlpatterns = [
    path("", views.posting_list, name="list"),
    path("jobs/<str:slug>/", views.posting_detail, name="detail"),
    path("jobs/<str:slug>/preview/", views.posting_preview, name="preview"),
    path("companies/", views.company_list, name="companies"),
    path("companies/<str:slug>/", views.company_detail, name="company"),
    path("archive/", views.archive, name="archive"),
    path("tags/", views.tag_list, name="tags"),
    path("healthz", views.healthz, name="healthz"),
]
