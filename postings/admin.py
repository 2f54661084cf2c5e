from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.safestring import mark_safe

from .models import Company, Posting, Tag, TaggedPosting

# Django 6's default, adopted now: a URL typed without a scheme means https.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "website", "posting_count", "updated_at"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Aggregating queries drop Meta.ordering; autocomplete pagination needs an order.
        return (
            super().get_queryset(request).annotate(posting_count=Count("postings")).order_by("name")
        )

    @admin.display(description="postings", ordering="posting_count")
    def posting_count(self, company):
        return company.posting_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "posting_count"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(posting_count=Count("tagged_postings"))
            .order_by("name")
        )

    @admin.display(description="postings", ordering="posting_count")
    def posting_count(self, tag):
        return tag.posting_count


class TaggedPostingInline(admin.TabularInline):
    model = TaggedPosting
    autocomplete_fields = ["tag"]
    extra = 1
    verbose_name = "tag"
    verbose_name_plural = "tags"


@admin.register(Posting)
class PostingAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "company", "job_type", "remote", "featured", "archived", "posted_at"]
    list_filter = ["job_type", "archived", "remote", ("company", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["company"]
    search_fields = ["title", "company__name", "location", "url"]
    autocomplete_fields = ["company"]
    date_hierarchy = "posted_at"
    inlines = [TaggedPostingInline]
    actions = ["archive", "unarchive"]
    readonly_fields = ["slug", "remote", "place_names", "rendered_body", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "company", "url", "apply_url", "summary", "body"]}),
        ("Where and what", {"fields": ["location", "remote", "place_names", "job_type"]}),
        ("Publishing", {"fields": ["posted_at", "expires_at", "featured", "archived"]}),
        (
            "Derived",
            {
                "classes": ["collapse"],
                "fields": ["slug", "rendered_body", "created_at", "updated_at"],
            },
        ),
    ]

    @admin.display(description="places (derived from the location)")
    def place_names(self, posting):
        return ", ".join(place.name for place in posting.places.all()) or "–"

    @admin.display(description="body as candidates see it")
    def rendered_body(self, posting):
        # Sanitized when the posting was saved; safe to show as HTML.
        return mark_safe(posting.body_html)  # noqa: S308

    @admin.action(description="Archive selected postings", permissions=["change"])
    def archive(self, request, queryset):
        count = queryset.update(archived=True)
        self.message_user(request, f"Archived {count} posting(s).", messages.SUCCESS)

    @admin.action(description="Unarchive selected postings", permissions=["change"])
    def unarchive(self, request, queryset):
        count = queryset.update(archived=False)
        self.message_user(request, f"Unarchived {count} posting(s).", messages.SUCCESS)
