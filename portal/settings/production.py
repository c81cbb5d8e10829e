"""Production. Refuses to start without SECRET_KEY; passes ``manage.py check --deploy``."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY saknas: sätt miljövariabeln SECRET_KEY innan portalen startas i produktion."
    )

DEBUG = env.bool("DEBUG", default=False)
# Turns on the system checks of portal.checks (no MFA opt-out, no wildcard host).
PORTAL_IS_PRODUCTION = True

# Behind a TLS-terminating proxy (the normal deployment) everything is HTTPS-only. Only the
# local production stack (``make serve`` on 127.0.0.1) sets PORTAL_HTTPS=0 to speak plain HTTP.
PORTAL_HTTPS = env("PORTAL_HTTPS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = PORTAL_HTTPS
SESSION_COOKIE_SECURE = PORTAL_HTTPS
CSRF_COOKIE_SECURE = PORTAL_HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if PORTAL_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PORTAL_HTTPS
SECURE_HSTS_PRELOAD = PORTAL_HTTPS
if not PORTAL_HTTPS:
    # The deploy checks that ask for HTTPS-only settings, which plain local HTTP turns off.
    SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W008", "security.W012", "security.W016"]
# Wagtail's preview views set SAMEORIGIN on their own responses
# (wagtail.utils.decorators.xframe_options_sameorigin_override), so DENY stays safe here.
X_FRAME_OPTIONS = "DENY"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names, gzip/brotli copies and far-future cache headers, served by whitenoise.
        "BACKEND": "portal.storage.PortalStaticFilesStorage",
    },
}
