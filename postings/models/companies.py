from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify

from ..companies import KEY_LENGTH, company_key
from ..derive import SLUG_LENGTH
from .renames import TracksRenames
from .roles import sees_everything


class CompanyQuerySet(models.QuerySet):
    def editable_by(self, user):
        if sees_everything(user):
            return self
        return self.filter(recruiters=user) if user.is_authenticated else self.none()

    def with_live_counts(self):
        live = (
            apps.get_model("postings", "Posting")
            .objects.live()
            .filter(company=OuterRef("pk"))
            .order_by()
            .values("company")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(live_count=Coalesce(Subquery(live), 0))

    def hiring(self):
        """Companies with at least one live posting, with their counts."""
        return self.with_live_counts().filter(live_count__gt=0)

    def named(self, name):
        """The company of this name however spelled, or the one it was merged into; or None."""
        key = company_key(name)
        return self.filter(key=key).first() or self.filter(aliases__key=key).first()


class Company(TracksRenames, models.Model):
    name = models.CharField(max_length=200, unique=True)
    # One company per employer: every spelling of its name has this key (postings/companies.py).
    key = models.CharField(max_length=KEY_LENGTH, unique=True, editable=False)
    slug = models.SlugField(max_length=SLUG_LENGTH, unique=True)
    website = models.URLField(max_length=500, blank=True)
    logo_url = models.URLField("logo URL", max_length=500, blank=True)
    recruiters = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="recruiter_companies",
        help_text="Staff accounts that manage this company's postings.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Company, self.name, fallback="company")
        self.key = company_key(self.name)
        written = kwargs.get("update_fields")
        if written is not None and "name" in written:
            kwargs["update_fields"] = {*written, "key"}
        super().save(*args, **kwargs)
        if written is None or "name" in written:
            self.name_saved()

    def get_absolute_url(self):
        return reverse("postings:company", args=[self.slug])

    def clean(self):
        same = Company.objects.exclude(pk=self.pk).named(self.name)
        if same is not None:
            raise ValidationError({"name": f"{same} is this company, spelled differently."})


class CompanyAlias(models.Model):
    """An earlier name of a company, merged into it: imports of that spelling land on the
    company, and the old slug's page redirects to the company's."""

    name = models.CharField(max_length=200, unique=True)
    key = models.CharField(max_length=KEY_LENGTH, db_index=True, editable=False)
    slug = models.SlugField(max_length=SLUG_LENGTH, blank=True)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="aliases")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "company aliases"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = company_key(self.name)
        super().save(*args, **kwargs)


def unique_slug(model, text, fallback):
    base = slugify(text)[: SLUG_LENGTH - 4].strip("-") or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
