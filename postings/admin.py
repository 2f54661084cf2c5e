"""The admin, as configuration. Who sees what is decided in one place: the `editable_by(user)`
QuerySet methods. Superusers and moderators see everything; a recruiter sees, changes, acts on,
searches, autocompletes and exports only the postings of their own companies."""

import csv
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .importers import MAX_TAGS
from .merging import merge_companies
from .models import Company, Posting, Status, Tag, TaggedPosting, sees_everything

# Django 6's default, adopted now: a URL typed without a scheme means https.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ScopedAdmin(admin.ModelAdmin):
    """Rows outside the user's scope do not exist for them: 404, never a redirect or a 403
    page that would confirm the row is there."""

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("No such object, or not yours to manage.")
        return obj


class MergeForm(forms.Form):
    survivor = forms.ModelChoiceField(
        queryset=Company.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="The company that stays",
    )

    def __init__(self, companies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = companies
        self.fields["survivor"].label_from_instance = lambda company: (
            f"{company} ({company.posting_count} posting(s), /companies/{company.slug}/)"
        )


@admin.register(Company)
class CompanyAdmin(ScopedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "website", "posting_count", "updated_at"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["recruiters"]
    readonly_fields = ["earlier_names"]
    actions = ["merge"]

    def get_queryset(self, request):
        # Aggregating queries drop Meta.ordering; autocomplete pagination needs an order.
        return (
            super().get_queryset(request).annotate(posting_count=Count("postings")).order_by("name")
        )

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # Only those who manage everyone decide who recruits for a company.
        if not request.user.has_perm("auth.change_user"):
            fields = [f for f in fields if f != "recruiters"]
        return fields

    @admin.display(description="postings", ordering="posting_count")
    def posting_count(self, company):
        return company.posting_count

    @admin.display(description="earlier names (merged into this company)")
    def earlier_names(self, company):
        aliases = company.aliases.all() if company.pk else []
        return (
            ", ".join(
                f"{alias.name} (/companies/{alias.slug}/)" if alias.slug else alias.name
                for alias in aliases
            )
            or "–"
        )

    def has_merge_permission(self, request):
        return sees_everything(request.user)

    @admin.action(description="Merge selected companies", permissions=["merge"])
    def merge(self, request, queryset):
        """Ask which company stays, then fold the others into it (postings/merging.py)."""
        queryset = queryset.order_by("-posting_count", "pk")  # the likely survivor first
        companies = list(queryset)
        if len(companies) < 2:
            self.message_user(request, "Select two companies or more to merge.", messages.ERROR)
            return None
        form = MergeForm(queryset, request.POST if "post" in request.POST else None)
        if not form.is_valid():
            form.fields["survivor"].initial = companies[0].pk
            context = {
                **self.admin_site.each_context(request),
                "title": "Merge companies",
                "opts": self.opts,
                "form": form,
                "companies": companies,
            }
            return TemplateResponse(request, "admin/postings/company/merge.html", context)
        survivor = form.cleaned_data["survivor"]
        others = [company for company in companies if company.pk != survivor.pk]
        names = ", ".join(company.name for company in others)
        self.log_deletions(request, others)
        moved = merge_companies(survivor, others)
        self.log_change(request, survivor, f"Merged {names} into it.")
        self.message_user(
            request, f"Merged {names} into {survivor}; moved {moved} posting(s).", messages.SUCCESS
        )
        return None


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


class TagFormSet(BaseInlineFormSet):
    default_error_messages = {"too_many_forms": "A posting can have at most %(num)d tags."}


class TaggedPostingInline(admin.TabularInline):
    model = TaggedPosting
    formset = TagFormSet
    autocomplete_fields = ["tag"]
    extra = 1
    max_num = MAX_TAGS  # as many as an imported file keeps
    verbose_name = "tag"
    verbose_name_plural = "tags"

    def get_formset(self, request, obj=None, **kwargs):
        # Refuse more, whatever the POST data claims, rather than ignore them silently.
        return super().get_formset(request, obj, validate_max=True, **kwargs)


NEEDS_LOCATION = (
    "Needs a location: name the city, region or country of the job (for example "
    "“Berlin, Germany”), or say it is remote (“Remote - US”), so that candidates and "
    "Google's job search can find it."
)


class NeedsLocationFilter(admin.SimpleListFilter):
    title = "location"
    parameter_name = "location"

    def lookups(self, request, model_admin):
        return [("missing", "needs a location")]

    def queryset(self, request, queryset):
        return queryset.needs_location() if self.value() == "missing" else queryset


@admin.register(Posting)
class PostingAdmin(ScopedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "company", "status", "job_type", "remote", "posted_at", "expires_at"]
    list_filter = [
        "status",
        NeedsLocationFilter,
        "job_type",
        "remote",
        ("company", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["company"]
    search_fields = ["title", "company__name", "location", "url"]
    autocomplete_fields = ["company"]
    date_hierarchy = "posted_at"
    inlines = [TaggedPostingInline]
    actions = ["publish", "archive", "extend_expiry", "export_csv"]
    derived = [
        "slug",
        "level",
        "contract",
        "rendered_body",
        "created_at",
        "updated_at",
        "imported_at",
        "edited_at",
    ]
    readonly_fields = ["preview", "remote", "place_names", *derived]
    fieldsets = [
        (None, {"fields": ["title", "company", "url", "apply_url", "summary", "body", "preview"]}),
        ("Where and what", {"fields": ["location", "remote", "place_names", "job_type"]}),
        ("Salary", {"fields": ["salary_min", "salary_max", "salary_currency", "salary_period"]}),
        ("Publishing", {"fields": ["status", "posted_at", "expires_at", "featured"]}),
        ("Derived", {"classes": ["collapse"], "fields": derived}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A recruiter cannot name another company, whatever the form or the POST data says.
        if db_field.name == "company":
            kwargs["queryset"] = Company.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # Remembered so that the importer never overwrites this edit without being told to.
        obj.edited_at = timezone.now()
        super().save_model(request, obj, form, change)
        self.ask_for_a_location(request, obj)

    def ask_for_a_location(self, request, posting):
        if Posting.objects.filter(pk=posting.pk).needs_location().exists():
            self.message_user(request, NEEDS_LOCATION, messages.WARNING)

    def view_on_site(self, posting):
        return posting.get_absolute_url() if posting.status != Status.DRAFT else None

    @admin.display(description="preview")
    def preview(self, posting):
        if not posting.pk:
            return "Save the posting to preview it."
        return format_html(
            '<a href="{}" target="_blank">See it as candidates will</a>', posting.get_preview_url()
        )

    @admin.display(description="places (derived from the location)")
    def place_names(self, posting):
        names = "; ".join(
            ("remote from " if link.remote else "")
            + " › ".join(place.name for place in link.place.lineage())
            for link in posting.place_links.named()
        )
        return names or ("anywhere (remote)" if posting.remote else "–")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":  # a POST asks once the posting is saved (save_model)
            self.ask_for_a_location(request, self.get_object(request, object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="body as candidates see it")
    def rendered_body(self, posting):
        # Sanitized when the posting was saved; safe to show as HTML.
        return mark_safe(posting.body_html)  # noqa: S308

    def set_status(self, request, queryset, status, verb):
        count = queryset.update(status=status, edited_at=timezone.now())
        self.log_bulk_change(request, queryset, f"{verb} (bulk action)")
        self.message_user(request, f"{verb} {count} posting(s).", messages.SUCCESS)

    def log_bulk_change(self, request, queryset, message):
        for posting in queryset:
            self.log_change(request, posting, message)

    @admin.action(description="Publish selected postings", permissions=["change"])
    def publish(self, request, queryset):
        self.set_status(request, queryset, Status.PUBLISHED, "Published")

    @admin.action(description="Archive selected postings", permissions=["change"])
    def archive(self, request, queryset):
        self.set_status(request, queryset, Status.ARCHIVED, "Archived")

    @admin.action(description="Extend expiry by 30 days", permissions=["change"])
    def extend_expiry(self, request, queryset):
        # From the current expiry if it is still ahead, else from today.
        now = timezone.now()
        month = timedelta(days=30)
        running = queryset.filter(expires_at__gt=now)
        count = running.update(expires_at=F("expires_at") + month, edited_at=now)
        count += queryset.exclude(pk__in=running.values("pk")).update(
            expires_at=now + month, edited_at=now
        )
        self.log_bulk_change(request, queryset, "Extended expiry by 30 days (bulk action)")
        self.message_user(request, f"Extended {count} posting(s) by 30 days.", messages.SUCCESS)

    @admin.action(description="Export selected postings as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="postings.csv"'
        writer = csv.writer(response)
        columns = ["title", "company", "status", "location", "job_type", "posted_at", "url"]
        writer.writerow(columns)
        for posting in queryset.select_related("company"):
            row = [
                posting.title,
                posting.company.name,
                posting.status,
                posting.location,
                posting.job_type,
                posting.posted_at.isoformat(),
                posting.url,
            ]
            writer.writerow([spreadsheet_safe(value) for value in row])
        return response


def spreadsheet_safe(value):
    # Posting text is untrusted: a cell starting with "=" would run as a spreadsheet formula.
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
