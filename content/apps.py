from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Innehåll och klassificeringar"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import need_status, selectors, signals  # noqa: F401  (signals: receivers)

        need_status.register_evidence(selectors.needs_followed_up_by_results)
