"""The state of the background task queue, for ``manage.py tasks_status``.

Only the database backend keeps tasks to look at; with the immediate backend (``make run``,
tests) a task has already run when ``enqueue`` returns, so there is never anything waiting.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, Min, Q, When
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from portal.retries import ATTEMPT_KWARG, RetryScheduled

RETRY_SCHEDULED_PATH = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def keeps_a_queue() -> bool:
    return isinstance(task_backends["default"], DatabaseBackend)


@dataclass(frozen=True)
class QueuedTask:
    id: str
    name: str
    attempt: int
    status: str
    run_after: datetime.datetime | None
    finished_at: datetime.datetime | None
    retried: bool
    error: str


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _describe(row: DBTaskResult) -> QueuedTask:
    run_after = row.task_result.task.run_after if row.status == "READY" else None
    return QueuedTask(
        id=str(row.id),
        name=row.task_name,
        attempt=int(row.args_kwargs.get("kwargs", {}).get(ATTEMPT_KWARG, 1)),
        status=row.status,
        run_after=run_after,
        finished_at=row.finished_at,
        retried=row.exception_class_path == RETRY_SCHEDULED_PATH,
        error=_last_line(row.traceback) or row.exception_class_path,
    )


def counts() -> dict[str, int]:
    ready = DBTaskResult.objects.ready().count()
    failed = DBTaskResult.objects.failed()
    return {
        "väntar": ready,
        "schemalagda senare": DBTaskResult.objects.filter(status="READY").count() - ready,
        "körs": DBTaskResult.objects.running().count(),
        "klara": DBTaskResult.objects.successful().count(),
        "misslyckade, nytt försök köat": failed.filter(
            exception_class_path=RETRY_SCHEDULED_PATH
        ).count(),
        "misslyckade, gav upp": failed.exclude(exception_class_path=RETRY_SCHEDULED_PATH).count(),
    }


def queued(*, limit: int) -> list[QueuedTask]:
    """Tasks waiting to run (now or after a retry's backoff), the soonest first."""
    rows = DBTaskResult.objects.filter(Q(status="READY") | Q(status="RUNNING"))
    return [_describe(row) for row in rows.order_by("run_after", "enqueued_at")[:limit]]


def failed(*, limit: int) -> list[QueuedTask]:
    """The latest failed attempts, newest first, each marked retried or given up."""
    rows = DBTaskResult.objects.failed().order_by("-finished_at")[:limit]
    return [_describe(row) for row in rows]


def oldest_waiting_task_age(*, now: datetime.datetime) -> float | None:
    """Seconds the oldest task that is due has waited for a worker; None if none waits."""
    # A task enqueued "to run after" a moment (a retry with backoff) waits from that moment.
    due = (
        DBTaskResult.objects.ready()
        .annotate(
            due_at=Case(
                When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after")
            )
        )
        .aggregate(oldest=Min("due_at"))["oldest"]
    )
    return None if due is None else max(0.0, (now - due).total_seconds())
