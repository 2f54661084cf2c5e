from django.db import models
from django.urls import reverse
from taggit.models import TagBase, TaggedItemBase

from ..tags import normalize_tag, tag_slug
from .renames import TracksRenames


class Tag(TracksRenames, TagBase):
    class Meta:
        ordering = ["name"]

    def save(self, *args, **kwargs):
        # Tags created from the Tag admin obey the same rules as imported ones.
        self.name = normalize_tag(self.name)
        super().save(*args, **kwargs)
        self.name_saved()

    def slugify(self, tag, i=None):
        slug = tag_slug(tag)
        return f"{slug}_{i}" if i is not None else slug

    def get_absolute_url(self):
        return reverse("postings:list") + f"?tag={self.slug}"


class TaggedPosting(TaggedItemBase):
    """The tag join with a real foreign key, so tag filters are plain indexed joins."""

    content_object = models.ForeignKey(
        "Posting", on_delete=models.CASCADE, related_name="tagged_items"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_postings")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tag", "content_object"], name="unique_posting_tag")
        ]

    def __str__(self):
        return f"{self.tag} on posting {self.content_object_id}"
