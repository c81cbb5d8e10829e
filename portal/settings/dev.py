"""Local development: ``make run``. Debug on, a fixed insecure key unless one is given."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY") or "django-insecure-local-development-only-do-not-deploy"

# runserver alone (``make run``) has no worker process: run tasks at once, in the request.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
