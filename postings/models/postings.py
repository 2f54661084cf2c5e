from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager

from ..budget import TooComplex, bounded, isolated
from ..classify import CONTRACT_LABELS, LEVEL_LABELS, SCHEMA_EMPLOYMENT_TYPES
from ..derive import SLUG_LENGTH, derive_fields, job_type_label, slug_candidates
from ..locations import parse_location
from ..places import remote_continents
from ..search import index_postings, search
from ..validators import validate_apply_url, validate_currency
from ..writer import PostingWriter
from .companies import Company
from .places import PLACED_KINDS, Place, PostingPlace, named_places
from .roles import sees_everything
from .tags import TaggedPosting

MAX_BODY_LENGTH = 50_000  # characters; real postings stay under 20 KB
RELATED_CANDIDATES = 200


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "an hour"
    DAY = "day", "a day"
    MONTH = "month", "a month"
    YEAR = "year", "a year"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


def live_q():
    """The one rule for what candidates see: published and not expired."""
    return Q(status=Status.PUBLISHED) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    )


class PostingQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live_q())

    def closed(self):
        """Archived or expired postings: their pages stay up, marked as closed."""
        return self.public().exclude(live_q())

    def public(self):
        """Every posting with a public page: live or closed, never a draft."""
        return self.exclude(status=Status.DRAFT)

    def editable_by(self, user):
        """The postings this user may see and change in the admin."""
        if sees_everything(user):
            return self
        return self.filter(company__recruiters=user) if user.is_authenticated else self.none()

    def for_cards(self):
        return self.select_related("company").prefetch_related("tags")

    def for_detail(self):
        """Company, tags and places: what a detail page and a search document both show."""
        return self.select_related("company").prefetch_related("tags", named_places())

    def needs_location(self):
        """Postings Google cannot place: on-site, with no city, region or country."""
        located = PostingPlace.objects.filter(
            posting=OuterRef("pk"), remote=False, place__kind__in=PLACED_KINDS
        )
        return self.filter(remote=False).exclude(Exists(located))

    def search(self, text):
        """Full-text search, best matches first; see postings/search/query.py for the syntax."""
        return search(self, text)

    def reindex(self):
        """Rewrite the search documents of these postings."""
        index_postings(self.for_detail())


class Posting(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=SLUG_LENGTH + 41, unique=True, editable=False)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="postings")
    url = models.URLField(
        "source URL",
        max_length=1000,
        unique=True,
        error_messages={"unique": "Another posting already has this source URL."},
        help_text="The posting's page at the source; its identity when files are re-imported.",
    )
    apply_url = models.CharField(
        "apply URL",
        max_length=1000,
        validators=[validate_apply_url],
        help_text="An http(s) address or a mailto: link.",
    )
    host = models.URLField("source site", max_length=500, blank=True)
    location = models.CharField(
        max_length=300, blank=True, help_text="As written by the employer; shown to candidates."
    )
    remote = models.BooleanField(default=False, editable=False)
    places = models.ManyToManyField(
        Place, through=PostingPlace, blank=True, related_name="postings", editable=False
    )
    # Continents (gazetteer.CONTINENT_BITS) a remote posting is open to as a whole: all of
    # them when it can be done from anywhere. Lets a place filter find it without a join.
    remote_continents = models.PositiveSmallIntegerField(default=0, editable=False)
    job_type = models.CharField(max_length=50, blank=True, db_index=True)
    level = models.CharField(
        max_length=20, choices=LEVEL_LABELS.items(), blank=True, editable=False, db_index=True
    )
    contract = models.CharField(
        max_length=20, choices=CONTRACT_LABELS.items(), blank=True, editable=False, db_index=True
    )
    posted_at = models.DateTimeField(default=timezone.now)
    summary = models.CharField(max_length=500, blank=True)
    featured = models.IntegerField(default=0, help_text="Higher is more prominent.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    expires_at = models.DateTimeField(null=True, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(
        max_length=3, blank=True, validators=[validate_currency], help_text="ISO 4217, e.g. EUR."
    )
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod.choices, blank=True)
    body = models.TextField(
        "body (Markdown)", blank=True, validators=[MaxLengthValidator(MAX_BODY_LENGTH)]
    )
    body_html = models.TextField(editable=False, blank=True)
    # The importer's memory: the hash of the file last imported, when, and when someone last
    # edited the posting in the admin, so a re-import never silently overwrites an edit.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    tags = TaggableManager(through=TaggedPosting, blank=True)

    objects = PostingQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        # Partial indexes on the live rows, in the list's sort orders (read backwards for
        # "newest first"), with expires_at included so that counting live rows never reads
        # the table. Their condition is the same SQL as live()'s, so both databases use them.
        indexes = [
            models.Index(
                fields=["posted_at", "id", "expires_at"],
                condition=Q(status=Status.PUBLISHED),
                name="posting_live_newest",
            ),
            models.Index(
                fields=["featured", "posted_at", "id", "expires_at"],
                condition=Q(status=Status.PUBLISHED),
                name="posting_live_featured",
            ),
            # A job type filter walks its postings newest first and stops after a page; with
            # only an index on the type, SQLite sorted all of them (a second at 100,000).
            models.Index(
                fields=["job_type", "posted_at", "id"],
                condition=Q(status=Status.PUBLISHED),
                name="posting_live_type",
            ),
            # The next expiry is half of the catalogue state (postings/cache.py).
            models.Index(
                fields=["expires_at"],
                condition=Q(status=Status.PUBLISHED, expires_at__isnull=False),
                name="posting_live_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.title} at {self.company}" if self.company_id else self.title

    def save(self, *args, **kwargs):
        # The importer's path too: derive, save, link the places, index.
        def save(posting):
            models.Model.save(posting, *args, **kwargs)

        PostingWriter().write([(self, None, None)], save=save)

    def get_absolute_url(self):
        return reverse("postings:detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.expires_at and self.posted_at and self.expires_at <= self.posted_at:
            errors["expires_at"] = "The expiry date must come after the posting date."
        low, high = self.salary_min, self.salary_max
        if low is not None and high is not None and low > high:
            errors["salary_max"] = "The maximum salary cannot be below the minimum."
        if low is not None or high is not None:
            if not self.salary_currency:
                errors["salary_currency"] = "Give the currency of the salary."
            if not self.salary_period:
                errors["salary_period"] = "Give the period the salary is paid for."
        # Rendered in a child process that no body, however hostile, can hold for long, and
        # kept for save(). A body over the limit has its own error and is not rendered.
        if len(self.body or "") <= MAX_BODY_LENGTH:
            inputs = self.derivation_inputs()
            try:
                self._checked = inputs, isolated(derive_fields, *inputs)
            except TooComplex as error:
                errors["body"] = str(error)
        if errors:
            raise ValidationError(errors)

    def derivation_inputs(self):
        return (self.title, self.body, self.job_type)

    def derive(self, derived=None):
        """Set the derived fields (once per write, never per request); return the location.

        `derived` is what derive_fields() already computed for this text, elsewhere (the
        importer prepares postings in worker processes).
        """
        if not self.slug:
            self.slug = posting_slug(self.title, self.company.name, self.url)
        if derived is None:
            inputs = self.derivation_inputs()
            checked_inputs, checked = getattr(self, "_checked", (None, None))
            derived = checked if checked_inputs == inputs else bounded(derive_fields, *inputs)
        self.body_html = derived.body_html
        self.level = derived.level
        self.contract = derived.contract
        # Read here, not with the rest: the gazetteer is too big for the admin's child process.
        location = parse_location(self.location)
        self.remote = location.remote
        self.remote_continents = remote_continents(location)
        return location

    def related(self):
        """Live postings sharing the most tags with this one, or from the same company.

        Candidates are bounded (the newest postings carrying one of these tags, and the
        company's newest), so a popular tag never means ranking tens of thousands of rows.
        """
        tag_ids = [tag.pk for tag in self.tags.all()]
        newest_by_tag = (
            TaggedPosting.objects.filter(tag_id__in=tag_ids)
            .order_by("-content_object_id")
            .values("content_object_id")[:RELATED_CANDIDATES]
        )
        newest_of_company = (
            Posting.objects.filter(company_id=self.company_id)
            .order_by("-pk")
            .values("pk")[:RELATED_CANDIDATES]
        )
        # One UNION of both candidate lists: with an OR of two IN lists, PostgreSQL scanned
        # the whole table. A compound member may not be sliced itself, hence the wrapping.
        candidates = (
            Posting.objects.filter(pk__in=newest_by_tag)
            .order_by()
            .values("pk")
            .union(Posting.objects.filter(pk__in=newest_of_company).order_by().values("pk"))
        )
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids))
        return (
            Posting.objects.live()
            .exclude(pk=self.pk)
            .filter(pk__in=candidates)
            .annotate(shared_tags=shared)
            .select_related("company")
            .order_by("-shared_tags", "-posted_at", "-pk")
        )

    def get_preview_url(self):
        return reverse("postings:preview", args=[self.slug])

    @property
    def has_salary(self):
        return self.salary_min is not None or self.salary_max is not None

    @property
    def salary_text(self):
        """ "EUR 50,000–70,000 a year", "from USD 40 an hour", "up to GBP 3,000 a month"."""
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return ""
        if low is not None and high is not None and low != high:
            amount = f"{low:,}–{high:,}"
        else:
            amount = f"{low if low is not None else high:,}"
        prefix = "from " if high is None else "up to " if low is None else ""
        return f"{prefix}{self.salary_currency} {amount} {self.get_salary_period_display()}"

    @property
    def employment_type(self):
        """schema.org's name for the contract, for the JobPosting markup."""
        return SCHEMA_EMPLOYMENT_TYPES.get(self.contract, "")

    @property
    def job_type_label(self):
        return job_type_label(self.job_type)

    @property
    def is_live(self):
        # The same rule as live_q(), for one posting already in memory.
        return self.status == Status.PUBLISHED and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


def posting_slug(title, company_name, url):
    """A readable slug, derived from the source URL so every machine gives the same one.

    Six hex digits of the URL's hash keep it short; the rare clash takes more of them.
    """
    *shorter, whole = slug_candidates(title, company_name, url)
    for slug in shorter:
        if not Posting.objects.filter(slug=slug).exists():
            return slug
    return whole
