"""Settings shared by every environment.

All configuration comes from the environment. Every variable the portal reads is declared,
with its type and default, in the ``env`` block below and listed in README.md; nothing else in
the code base reads ``os.environ`` for configuration.
"""

from email.utils import getaddresses
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# --- Environment (the one place every variable is declared) ---------------------------------
env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    DATABASE_CONN_MAX_AGE=(int, 60),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "Kompetensförsörjningsportalen <noreply@kompetensportalen.se>"),
    SEARCH_ENGINE=(str, "database"),
    ELASTICSEARCH_URL=(str, ""),
    SEARCH_INDEX_PREFIX=(str, "portal"),
    SEARCH_ELASTICSEARCH_REPLICAS=(int, 1),
    PORTAL_BASE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static")),
    PORTAL_ADMIN_USERNAME=(str, "admin"),
    PORTAL_ADMIN_EMAIL=(str, "admin@example.se"),
    PORTAL_ADMIN_PASSWORD=(str, "kompetens-demo-2026"),
    PORTAL_STRICT_TESTS=(bool, False),
    PORTAL_MFA_REQUIRED=(bool, True),
    PORTAL_DIALOGUE_POSTS_PER_10_MINUTES=(int, 10),
    CACHE_URL=(str, "dbcache://portal_cache"),
    REDIS_URL=(str, ""),
    ADMINS=(list, []),
    LOG_LEVEL=(str, "INFO"),
    SENTRY_DSN=(str, ""),
    SENTRY_ENVIRONMENT=(str, "production"),
    PORTAL_SERVE_MEDIA=(bool, True),
    PORTAL_HTTPS=(bool, True),
    PORTAL_HEALTH_MAX_QUEUE_AGE=(int, 300),
    PORTAL_PAGE_CACHE_SECONDS=(int, 300),
    PORTAL_IMPORT_CHUNK_PAUSE_SECONDS=(float, 0.2),
    PORTAL_IMPORT_NICENESS=(int, 10),
)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
DATABASES = {"default": env.db_url_config(env("DATABASE_URL"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing at once with "database is locked" when
    # two requests write at the same moment (Django's documented advice for SQLite).
    # WAL lets readers go on while one writer writes, and synchronous=NORMAL is safe in WAL
    # mode (https://www.sqlite.org/wal.html, https://www.sqlite.org/pragma.html#pragma_synchronous).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    # A new PostgreSQL connection per request (Django's default, CONN_MAX_AGE=0) cost 15-25 ms
    # of every uncached request on the load test's machine: a server process forked, a SCRAM
    # handshake, Django's session set-up. Each web process keeps its connection instead,
    # checked before each reuse, so that a restarted database server fails no request
    # (https://docs.djangoproject.com/en/5.2/ref/databases/#persistent-connections).
    DATABASES["default"].setdefault("CONN_MAX_AGE", env("DATABASE_CONN_MAX_AGE"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
vars().update(env.email_url_config(env("EMAIL_URL")))
# Mail is queued as a background task (portal.outgoing_mail) so that a failing mail server never
# fails a request; the task delivers through the backend EMAIL_URL names.
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 - set from EMAIL_URL just above
EMAIL_BACKEND = "portal.outgoing_mail.QueuedEmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SEARCH_ENGINE = env("SEARCH_ENGINE")
if SEARCH_ENGINE not in {"database", "elasticsearch"}:
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE must be 'database' or 'elasticsearch', not {SEARCH_ENGINE!r}"
    )
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# Elasticsearch index names start with this, one value per environment (portal-prod, ...).
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX")
# Replica shards of each new Elasticsearch index: 1 survives losing a node; a single-node
# cluster needs 0 (with 1 its health stays yellow, the replica having nowhere to go).
SEARCH_ELASTICSEARCH_REPLICAS = env("SEARCH_ELASTICSEARCH_REPLICAS")
if SEARCH_ELASTICSEARCH_REPLICAS < 0:
    raise ImproperlyConfigured(
        f"SEARCH_ELASTICSEARCH_REPLICAS must be 0 or more, not {SEARCH_ELASTICSEARCH_REPLICAS}"
    )
WAGTAILADMIN_BASE_URL = env("PORTAL_BASE_URL")
MEDIA_ROOT = env("MEDIA_ROOT")
STATIC_ROOT = env("STATIC_ROOT")
# The local administrator that ``make run`` creates (manage.py ensure_local_admin).
LOCAL_ADMIN = {
    "username": env("PORTAL_ADMIN_USERNAME"),
    "email": env("PORTAL_ADMIN_EMAIL"),
    "password": env("PORTAL_ADMIN_PASSWORD"),
}
# Who gets a mail with the traceback of a 500: "Namn <adress>" entries, comma-separated.
ADMINS = getaddresses(env("ADMINS"))
MANAGERS = ADMINS
# Media files (image renditions, uploads) are served by the portal itself unless a front web
# server serves MEDIA_ROOT at MEDIA_URL (then set PORTAL_SERVE_MEDIA=0).
PORTAL_SERVE_MEDIA = env("PORTAL_SERVE_MEDIA")
# /health/ answers 503 when the oldest task waiting for the worker is older than this (seconds).
PORTAL_HEALTH_MAX_QUEUE_AGE = env("PORTAL_HEALTH_MAX_QUEUE_AGE")
# How long anonymous pages stay in the shared page cache (portal.page_cache); any change they
# show empties it sooner. 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = env("PORTAL_PAGE_CACHE_SECONDS")
if PORTAL_PAGE_CACHE_SECONDS < 0:
    raise ImproperlyConfigured(
        f"PORTAL_PAGE_CACHE_SECONDS must be 0 or more, not {PORTAL_PAGE_CACHE_SECONDS}"
    )
# On SQLite the bulk import leaves the write lock free this long between two of its write
# transactions, so that members and editors waiting for it get their turn (content.importer).
PORTAL_IMPORT_CHUNK_PAUSE_SECONDS = env("PORTAL_IMPORT_CHUNK_PAUSE_SECONDS")
# manage.py import_publications runs at this niceness, below the web workers' 0.
PORTAL_IMPORT_NICENESS = env("PORTAL_IMPORT_NICENESS")
# Tests that need a missing service (PostgreSQL, Chromium, axe-core) fail instead of skipping.
PORTAL_STRICT_TESTS = env("PORTAL_STRICT_TESTS")
# Editors, curators and superusers must have MFA before any admin page; only an explicit
# PORTAL_MFA_REQUIRED=0 (the local demo of ``make run``) turns that off.
PORTAL_MFA_REQUIRED = env("PORTAL_MFA_REQUIRED")
# How many dialogue contributions one user may post in ten minutes (portal.dialogue).
DIALOGUE_POSTS_PER_10_MINUTES = env("PORTAL_DIALOGUE_POSTS_PER_10_MINUTES")

# --- Applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "portal",
    "content",
    "search",
    "accounts",
    "portal.dialogue",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the application, before sessions and auth do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the shared cache, before sessions and auth do any work.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Admin pages without their templates' indentation (a third of the need form's bytes).
    "portal.compact_html.CompactAdminHtmlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_navigation",
                "accounts.context_processors.account_links",
                "portal.dialogue.context_processors.notifications",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Background tasks (django-tasks) ----------------------------------------------------------
# Tasks wait in the database until ``manage.py db_worker`` runs them (``make serve`` starts it).
# Development (``make run``) and the tests run them at once instead, see dev.py and test.py.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# ``manage.py run_scheduler`` queues the dialogue digests this often.
DIGEST_SCHEDULE_SECONDS = 60 * 60

# --- Language: the public portal and the admin are in Swedish --------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
# The portal's own wording of allauth's messages (docs/glossary.md) and the Swedish Wagtail lacks;
# Django reads LOCALE_PATHS before the apps' catalogues, so these win.
LOCALE_PATHS = [BASE_DIR / "locale"]
FORM_RENDERER = "portal.forms.PortalFormRenderer"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A file missing from the manifest is looked up by its content instead of failing the page
# (production's portal.storage.PortalStaticFilesStorage also survives an uncollected file).
WHITENOISE_MANIFEST_STRICT = False

# --- Cache: shared by every worker process (allauth's rate limits and sessions rely on it) ---
# The database cache needs no server (``manage.py createcachetable``, run by ``make serve``);
# REDIS_URL, when set, wins over CACHE_URL.
CACHES = {"default": env.cache_url_config(env("REDIS_URL") or env("CACHE_URL"))}
# Anonymous pages (portal.page_cache) in the same server but apart from the rate limits, so that
# many pages never crowd those out: a table of their own on the database cache (created by
# the same createcachetable), a key prefix on Redis.
CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["pages"] |= {
        "LOCATION": f"{CACHES['default']['LOCATION']}_pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }

# --- Logging: one line per request (gunicorn's access log) and per error, to stdout ---------
LOG_LEVEL = env("LOG_LEVEL")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "line",
            "stream": "ext://sys.stdout",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # django.request logs every 5xx with its traceback (and 4xx as warnings).
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "WARNING",
            "propagate": False,
        },
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # Task start/finish lines belong to the worker (db_worker raises this to INFO there).
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Error reporting: Sentry only when SENTRY_DSN is set --------------------------------------
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )

# Page models with StreamFields exceed Django's default of 1,000 form fields in the editor.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Kompetensförsörjningsportalen"
# Slugs are ASCII ("larlingsnatverk", not "lärlingsnätverk"): they end up in links and e-mail.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Editors discuss in the review workflow and the dialogue, not in page comments; each edit form
# carried the comment machinery (about 10 KB) for nobody.
WAGTAILADMIN_COMMENTS_ENABLED = False
# An approved review publishes with the workflow's authority: editors have no publish
# permission of their own, and good examples still need a curator (content.workflow_publishing).
WAGTAIL_FINISH_WORKFLOW_ACTION = "content.workflow_publishing.publish_approved_revision"
# Wagtail's own search backend serves the admin only; public search lives in the search app.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# --- Accounts: django-allauth (accounts/ holds the adapter, forms and MFA enforcement) -------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
# Wagtail's own login form would skip allauth's MFA step, so the admin sends people through
# allauth (accounts.views.admin_login forwards anonymous visitors to account_login).
WAGTAILADMIN_LOGIN_URL = "accounts:admin_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "accounts.adapters.PortalAccountAdapter"
ACCOUNT_FORMS = {
    "login": "accounts.forms.PortalLoginForm",
    "signup": "accounts.forms.PortalSignupForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_DISPLAY = "accounts.selectors.account_display_name"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kompetensförsörjningsportalen] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Five wrong passwords for one address lock it for five minutes; ten a minute per IP.
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/10s/key",
    "change_password": "5/m/user",
}
MFA_ADAPTER = "accounts.adapters.PortalMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kompetensförsörjningsportalen"
# Accept the code of the previous and next 30-s period too: a code typed in the last seconds of
# its period otherwise arrives expired. RFC 6238 §5.2 recommends at most one step of slack.
# https://datatracker.ietf.org/doc/html/rfc6238#section-5.2
MFA_TOTP_TOLERANCE = 1

# --- Security headers (portal.security_headers) ----------------------------------------------
# Kept in one block so that the rest of the settings can change without touching it.
from csp.constants import NONE, SELF  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "portal.security_headers.SecurityHeadersMiddleware",
)
# Public pages: only the portal's own static scripts and styles, no inline code at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # allauth shows the TOTP set-up QR code as a data: URI.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin only (path-scoped by the middleware): inline scripts it still renders
# (explorer, inline panels, date widgets), <style> elements its editors' scripts inject
# (Draftail, the table block), blob: upload previews, and framing its own page preview. The
# browser test tests/browser/test_content_security_policy.py fails without each of the first two.
PORTAL_ADMIN_CSP_REPLACE = {
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
# Nothing on the portal uses these browser features; fullscreen stays for its own pages.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# The admin would otherwise load avatars from gravatar.com and poll releases.wagtail.org: both
# third-party requests that the policy refuses (and that leak who uses the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Sitemap (portal.urls: /sitemap.xml, /robots.txt) -----------------------------------------
INSTALLED_APPS += ["django.contrib.sitemaps", "wagtail.contrib.sitemaps"]
