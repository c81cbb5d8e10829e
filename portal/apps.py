from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Kompetensförsörjningsportalen"

    def ready(self) -> None:
        # Registers the system checks of production settings (portal.checks).
        from portal import (
            checks,  # noqa: F401
            page_cache,
        )

        page_cache.connect()
