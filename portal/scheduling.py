"""What ``manage.py run_scheduler`` queues on every round (hourly by default)."""

from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from portal import task_queue
from portal.dialogue import tasks as dialogue_tasks

# Tasks that are cheap to run when there is nothing to do and safe to run twice.
SCHEDULED: tuple[Task, ...] = (dialogue_tasks.send_digests,)


def enqueue_due() -> list[str]:
    """Queue each scheduled task unless a run of it is still waiting; say what was done.

    A stopped worker therefore never finds a pile of identical digest runs when it restarts.
    """
    lines = []
    for scheduled in SCHEDULED:
        if (
            task_queue.keeps_a_queue()
            and DBTaskResult.objects.ready().filter(task_path=scheduled.module_path).exists()
        ):
            lines.append(f"{scheduled.name}: väntar redan i kön, köas inte igen.")
            continue
        scheduled.enqueue()
        lines.append(f"{scheduled.name}: köad.")
    return lines
