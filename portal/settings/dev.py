"""Local development: ``make run``. Debug on, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY") or "django-insecure-local-development-only-do-not-deploy"

# ``make run`` serves without a worker process, so tasks (text extraction, notifications,
# e-mail) run right after the request that queued them; ``make serve`` uses the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A template or CSS edit shows on the next reload: the page cache is off under ``make run``
# unless PORTAL_PAGE_CACHE_SECONDS is given (``make serve`` keeps the 300 s default).
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=0)
