"""What ``manage.py run_scheduler`` queues on every round (hourly by default)."""

from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from portal import task_queue
from portal.dialogue import tasks as dialogue_tasks
from portal.tasks import prune_task_results
from search import tasks as search_tasks


def scheduled() -> tuple[Task, ...]:
    """Tasks that are cheap when there is nothing to do and safe to run twice."""
    if task_queue.keeps_a_queue():
        return (dialogue_tasks.send_digests, search_tasks.send_search_alerts, prune_task_results)
    # Without a queue there are no stored results to prune.
    return (dialogue_tasks.send_digests, search_tasks.send_search_alerts)


def enqueue_due() -> list[str]:
    """Queue each scheduled task unless a run of it is still waiting; say what was done.

    A stopped worker therefore never finds a pile of identical digest runs when it restarts.
    """
    lines = []
    for due in scheduled():
        if (
            task_queue.keeps_a_queue()
            and DBTaskResult.objects.ready().filter(task_path=due.module_path).exists()
        ):
            lines.append(f"{due.name}: väntar redan i kön, köas inte igen.")
            continue
        due.enqueue()
        lines.append(f"{due.name}: köad.")
    return lines
