"""Background tasks of search (django-tasks; ``manage.py db_worker`` runs them)."""

from django_tasks import task

from search import alerts


@task()
def send_search_alerts() -> int:
    """Queued every hour by ``manage.py run_scheduler``; a missed hour is caught up next time."""
    return alerts.send_search_alerts()
