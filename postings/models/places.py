from django.db import models
from django.db.models import Prefetch
from django.urls import reverse

from .. import gazetteer


class PlaceKind(models.TextChoices):
    # The gazetteer's kinds, which the rows copy.
    CITY = gazetteer.CITY, "City"
    REGION = gazetteer.REGION, "Region"
    COUNTRY = gazetteer.COUNTRY, "Country"
    CONTINENT = gazetteer.CONTINENT, "Continent"


class Place(models.Model):
    """A city, region, country or continent of the gazetteer (postings/gazetteer.py): the
    places postings name, and the places that contain them."""

    key = models.CharField(max_length=100, unique=True, editable=False)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=10, choices=PlaceKind.choices, default=PlaceKind.CITY)
    country_code = models.CharField("ISO country code", max_length=2, blank=True)
    continent = models.CharField(max_length=2, blank=True, help_text="GeoNames' code.")
    geonames_id = models.PositiveIntegerField("GeoNames id", null=True, blank=True)
    parent = models.ForeignKey(
        # A place in use is protected by its postings' links (PostingPlace.place), not here.
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("postings:list") + f"?location={self.slug}"

    def lineage(self):
        """This place and the places containing it, nearest first (parents select_related)."""
        place, chain = self, []
        while place is not None:
            chain.append(place)
            place = place.parent
        return chain

    @property
    def region(self):
        return next((p for p in self.lineage() if p.kind == PlaceKind.REGION), None)


class PlaceAlias(models.Model):
    """A slug that named a place before the gazetteer did ("new-york"): its links redirect."""

    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta:
        verbose_name_plural = "place aliases"

    def __str__(self):
        return f"{self.slug} -> {self.place}"


# A city's region, country and continent: a place's whole lineage in one join.
LINEAGE = "place__parent__parent__parent"


class PostingPlaceQuerySet(models.QuerySet):
    def named(self):
        """The places postings name themselves, each with the places containing it."""
        return self.filter(named=True).select_related(LINEAGE).order_by("remote", "pk")


class PostingPlace(models.Model):
    """A posting is in, or open to remote applicants from, this place: the places it names
    and every place containing them, so that `location=germany` finds Berlin's postings with
    one indexed lookup. The table keeps the name Django gave the plain many-to-many."""

    posting = models.ForeignKey("Posting", on_delete=models.CASCADE, related_name="place_links")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="posting_links")
    remote = models.BooleanField(default=False, help_text="Where applicants may live.")
    named = models.BooleanField(default=False, help_text="Named by the posting itself.")

    objects = PostingPlaceQuerySet.as_manager()

    class Meta:
        db_table = "postings_posting_places"
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "place", "remote"], name="unique_posting_place"
            )
        ]
        indexes = [models.Index(fields=["place", "posting"], name="posting_place_by_place")]

    def __str__(self):
        return f"posting {self.posting_id} {'open to' if self.remote else 'in'} {self.place}"


PLACED_KINDS = [PlaceKind.CITY, PlaceKind.REGION, PlaceKind.COUNTRY]


def named_places():
    """The places a posting names itself, with the places containing them."""
    return Prefetch("place_links", queryset=PostingPlace.objects.named(), to_attr="named_links")
