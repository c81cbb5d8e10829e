from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Innehåll och klassificeringar"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import signals  # noqa: F401  (connects the receivers)
