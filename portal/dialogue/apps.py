from django.apps import AppConfig


class DialogueConfig(AppConfig):
    name = "portal.dialogue"
    label = "dialogue"
    verbose_name = "Dialog"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from content import need_status
        from portal.dialogue import selectors

        need_status.register_evidence(selectors.need_evidence)
