"""Background tasks of the dialogue (django-tasks; ``manage.py db_worker`` runs them)."""

from django_tasks import task

from portal.dialogue import services
from portal.retries import retried_task


@retried_task()
def notify_followers(
    *, thread_id: int, actor_id: int, kind: str, text: str, url: str, tell_region: bool = False
) -> int:
    return services.notify_followers(
        thread_id=thread_id,
        actor_id=actor_id,
        kind=kind,
        text=text,
        url=url,
        tell_region=tell_region,
    )


@task()
def send_digests() -> int:
    """Queued every hour by ``manage.py run_scheduler``; a missed hour is caught up next time."""
    return services.send_digests()
