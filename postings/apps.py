from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "postings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index receivers)
