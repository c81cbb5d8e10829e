from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Sök"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signals

        signals.connect()
