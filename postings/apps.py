from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "postings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the search index receivers)

        post_migrate.connect(restore_search_trigger, sender=self)


def restore_search_trigger(sender, using, plan=None, **kwargs):
    from .search import ensure_delete_trigger

    ensure_delete_trigger(using)
