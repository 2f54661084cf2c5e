from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "postings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401  (connects the search index receivers)

        post_migrate.connect(restore_sqlite_triggers, sender=self)


def restore_sqlite_triggers(sender, using, plan=None, **kwargs):
    # SQLite migrations that alter a table rebuild it and drop its triggers: put them back.
    from .catalogue.ddl import ensure_sqlite_triggers
    from .search import ensure_delete_trigger

    ensure_delete_trigger(using)
    ensure_sqlite_triggers(using)
