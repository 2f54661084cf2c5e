from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Job board administration"
admin.site.site_title = "Job board admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("postings.urls")),
]
