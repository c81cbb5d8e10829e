from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "portal.dialogue"
    label = "dialogue"
    verbose_name = "Dialog"
    default_auto_field = "django.db.models.BigAutoField"
