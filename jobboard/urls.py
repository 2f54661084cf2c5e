from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import TemplateView

from jobboard.security import SignInForm
from postings.cache import cached_page, filter_query, sitemap_query
from postings.feeds import PostingAtomFeed, PostingFeed
from postings.sitemaps import SITEMAPS


def favicon(request):
    # Pages name their icon; a feed or file opened in a browser asks /favicon.ico instead.
    return redirect(static("favicon.svg"), permanent=True)


admin.site.site_header = "Job board administration"
admin.site.site_title = "Job board admin"
admin.site.login_form = SignInForm

feeds = (
    [
        path("jobs.rss", cached_page(PostingFeed(), query=filter_query), name="rss"),
        path("jobs.atom", cached_page(PostingAtomFeed(), query=filter_query), name="atom"),
    ],
    "feeds",
)

# The admin's own templates render these pages; give them the admin's title too.
admin_branding = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}

urlpatterns = [
    path("admin/", admin.site.urls),
    # Where the one-time link printed by `add_recruiter` leads: choose a password, then log in.
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=admin_branding),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=admin_branding),
        name="password_reset_complete",
    ),
    path("feeds/", include(feeds)),
    path(
        "sitemap.xml",
        cached_page(sitemap, query=sitemap_query),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    path("favicon.ico", favicon),
    path("", include("postings.urls")),
]

# A database failure raised outside the views (saving a session, say) is a 503 too.
handler500 = "jobboard.database.server_error"
