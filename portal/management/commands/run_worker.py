"""``manage.py run_worker``: django-tasks-db's ``db_worker`` that survives a database hiccup.

``db_worker`` exits when claiming a task fails, for example with SQLite's "database is
locked" while a long import holds the write lock past the busy timeout. Under ``make serve``
honcho then stops every process, so one busy moment took the whole site down (seen in
``make loadtest``'s import scenario). This command runs the same worker and starts it again
after a database error; a stop signal still ends it normally. Same options as ``db_worker``.
"""

import logging
import time

from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

logger = logging.getLogger(__name__)

RESTART_PAUSE_SECONDS = 2.0


class Command(DatabaseWorkerCommand):
    help = "Kör bakgrundskön (db_worker) och startar om den efter ett databasfel."

    def handle(self, *args, **options) -> None:
        while True:
            try:
                return super().handle(*args, **options)
            except DatabaseError as error:
                logger.warning(
                    "Background worker stopped by a database error (%s); restarting", error
                )
                connections.close_all()
                time.sleep(RESTART_PAUSE_SECONDS)
