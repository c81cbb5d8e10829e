"""``manage.py run_worker`` starts the worker again after a database error instead of exiting."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.management.commands import db_worker

from portal.management.commands import run_worker


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_database_error_restarts_the_worker_and_a_normal_stop_ends_it(monkeypatch):
    runs = []

    def run(self):
        runs.append(self)
        if len(runs) == 1:
            raise OperationalError("database is locked")
        # The second worker returns, as it does after a stop signal.

    monkeypatch.setattr(db_worker.Worker, "run", run)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)
    monkeypatch.setattr(run_worker, "RESTART_PAUSE_SECONDS", 0)

    call_command("run_worker", "--batch", "--no-startup-delay")

    assert len(runs) == 2


def test_other_errors_are_not_swallowed(monkeypatch):
    def run(self):
        raise RuntimeError("programmeringsfel")

    monkeypatch.setattr(db_worker.Worker, "run", run)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)

    with pytest.raises(RuntimeError):
        call_command("run_worker", "--batch", "--no-startup-delay")
