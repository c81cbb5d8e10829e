"""System checks that refuse unsafe production settings.

They run with every ``manage.py`` command (``check``, ``migrate``, ``runserver``), so a
deployment that turns MFA off or accepts any host name stops before it serves anything.
Other settings modules (dev, test, the local demo of ``make run``) are left alone.
"""

from django.conf import settings
from django.core.checks import Error, register


@register()
def production_settings(app_configs=None, **kwargs) -> list[Error]:
    if not getattr(settings, "PORTAL_IS_PRODUCTION", False):
        return []
    errors = []
    if not settings.PORTAL_MFA_REQUIRED:
        errors.append(
            Error(
                "PORTAL_MFA_REQUIRED är avstängt i produktion.",
                hint=(
                    "Redaktörer, kuratorer och superanvändare måste använda "
                    "tvåstegsverifiering i produktion: ta bort PORTAL_MFA_REQUIRED=0 "
                    "ur miljön (0 är bara till för den lokala demon)."
                ),
                id="portal.E001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS innehåller '*' i produktion.",
                hint=(
                    "Ange portalens egna värdnamn, till exempel "
                    "ALLOWED_HOSTS=kompetensportalen.se,www.kompetensportalen.se, så att "
                    "förfalskade Host-huvuden inte kan styra länkar i e-post och omdirigeringar."
                ),
                id="portal.E002",
            )
        )
    return errors
