"""Retries with backoff for background tasks.

django-tasks runs a task once and records FAILED when it raises; it has no retries of its
own. A task declared with :func:`retried_task` re-enqueues itself when it fails, later each
time (:data:`RETRY_DELAYS`), and stays FAILED once the last attempt failed. Every attempt is
its own task result: a failed attempt that scheduled another one ends with
:class:`RetryScheduled` (its traceback holds the original error), the last one with the
original error, so ``manage.py tasks_status`` can tell "will be retried" from "gave up".
"""

import datetime
import functools
import logging
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

# Waits before the 2nd, 3rd, ... attempt: about three and a half hours from first to last
# attempt covers an SMTP server's maintenance window without hammering it.
RETRY_DELAYS = (
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=3),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# The keyword argument that carries the attempt number into the queued task.
ATTEMPT_KWARG = "retry_attempt"


class RetryScheduled(Exception):
    """This attempt failed and a later attempt is queued (the cause is chained)."""


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait after failed attempt number ``attempt`` (1-based)."""
    return RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]


def _schedule_retry(queued: Task, args: tuple, kwargs: dict, attempt: int) -> bool:
    """Queue attempt ``attempt + 1`` after its delay; False if the backend cannot wait.

    The immediate backend (tests, ``make run``) runs a task inside the request and cannot
    defer one, so there a failure is only logged and recorded, never retried on the spot.
    """
    if not queued.get_backend().supports_defer:
        return False
    later = queued.using(run_after=timezone.now() + retry_delay(attempt))
    later.enqueue(*args, **{**kwargs, ATTEMPT_KWARG: attempt + 1})
    return True


def retried_task(**task_options: Any) -> Callable[[Callable[..., Any]], Task]:
    """Like ``django_tasks.task``, plus up to :data:`MAX_ATTEMPTS` attempts with backoff."""

    def decorate(function: Callable[..., Any]) -> Task:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            attempt = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return function(*args, **kwargs)
            except Exception as error:
                if attempt >= MAX_ATTEMPTS or not _schedule_retry(queued, args, kwargs, attempt):
                    raise
                logger.warning(
                    "Task %s failed (attempt %d of %d), retrying in %s: %r",
                    function.__qualname__,
                    attempt,
                    MAX_ATTEMPTS,
                    retry_delay(attempt),
                    error,
                )
                raise RetryScheduled(
                    f"Attempt {attempt} of {MAX_ATTEMPTS} failed; attempt {attempt + 1} queued "
                    f"in {retry_delay(attempt)}: {error!r}"
                ) from error

        queued = task(**task_options)(run)
        return queued

    return decorate
