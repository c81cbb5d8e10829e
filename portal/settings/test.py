"""Settings for the pytest suite (``make test``).

The database still comes from DATABASE_URL, so the same suite runs on SQLite (default) and on
PostgreSQL (CI sets DATABASE_URL to a local cluster).
"""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789abcdef"
ALLOWED_HOSTS = ["*"]

# Hashing with PBKDF2 dominates the runtime of tests that log users in; MD5 is fine here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Messages go through the queue (run at once, below) to django.core.mail.outbox, where tests
# read them. Django's test set-up replaces EMAIL_BACKEND with locmem; tests/conftest.py puts
# the queued backend back, so the suite sends mail the way production does.
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Tasks run inside the request that queued them; tests of the real queue override TASKS.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Uploaded files of one run never mix with the developer's media folder.
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Transactional tests that write from several threads at once (the dialogue's concurrency
# test) need a database each thread opens on its own connection: SQLite's in-memory test
# database is one shared-cache connection, so the SQLite test database is a file instead.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="portal-test-db-")) / "test.sqlite3")
    }

# A connection kept open past its test (a live server's thread) would hold the test database
# open when pytest-django drops it.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Each test starts with an empty cache; the cross-process tests use the database cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# The page cache is off so that other tests' query counts and pages are their own; the tests of
# the page cache (tests/portal/test_page_cache.py) turn it on.
PORTAL_PAGE_CACHE_SECONDS = 0
# Imports in tests run alone; tests/content/test_import_lets_writers_in.py sets a pause.
PORTAL_IMPORT_CHUNK_PAUSE_SECONDS = 0
# call_command("import_publications") would lower the test process's own priority.
PORTAL_IMPORT_NICENESS = 0
