"""Site-wide background tasks."""

import io

from django.core.management import call_command
from django_tasks import task

# Finished tasks keep their arguments, and a queued e-mail is its whole text (sign-in codes,
# password reset links), so successful results go after a day; failures stay a month for
# ``manage.py tasks_status``.
KEEP_SUCCESSFUL_DAYS = 1
KEEP_FAILED_DAYS = 30


@task()
def prune_task_results() -> str:
    out = io.StringIO()
    call_command(
        "prune_db_task_results",
        "--min-age-days",
        str(KEEP_SUCCESSFUL_DAYS),
        "--failed-min-age-days",
        str(KEEP_FAILED_DAYS),
        stdout=out,
    )
    return out.getvalue().strip()
