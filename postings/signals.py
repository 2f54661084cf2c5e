"""Keep the search index in step with tags and company names, whatever path changed them.

Posting.save() and the importer index the posting itself; deletes are handled by the database (a
trigger, on SQLite and PostgreSQL alike). What is left are changes that reach a posting's
search document without saving the posting: its tags (the admin inline, taggit's managers in
the shell or the importer) and renames of its company or of a tag.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import writer
from .models import Company, Posting, Tag, TaggedPosting


@receiver(m2m_changed, sender=TaggedPosting)
def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # tag.posting_set.add(...): `instance` is the tag
        Posting.objects.filter(tagged_items__tag=instance).reindex()
    else:
        Posting.objects.filter(pk=instance.pk).reindex()


@receiver(post_save, sender=TaggedPosting)
@receiver(post_delete, sender=TaggedPosting)
def tagged_item_changed(sender, instance, **kwargs):
    if not writer.writing():  # which indexes the posting itself, once
        Posting.objects.filter(pk=instance.content_object_id).reindex()


@receiver(post_save, sender=Company)
def company_saved(sender, instance, created, **kwargs):
    # Only the name is in the search documents: other changes leave them as they are.
    if not created and instance.renamed:
        Posting.objects.filter(company=instance).reindex()


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance, created, **kwargs):
    if not created and instance.renamed:
        Posting.objects.filter(tagged_items__tag=instance).reindex()
