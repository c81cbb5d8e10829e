"""Writers that run beside the load test's users: the editor, the bulk import and the reindex.

``python -m tests.loadtest.background editor SECONDS`` publishes a new revision of a need page
every few seconds, through the same ``save_revision().publish()`` that the admin's publish
button calls (the admin's page form is built by JavaScript, which locust does not run), so
publish signals, the search index and cached pages see what an editor's publishing causes.
A publish that fails ("database is locked" after the busy timeout) is counted and the editor
goes on, as a person would press the button again. ``drain SECONDS`` waits until the worker
has no task left that is due. ``import DIR [RECORDS]`` writes a manifest
of RECORDS records (1,000) and imports it with ``import_publications``. Run with the server's
DATABASE_URL. Prints one JSON line with what it did.
"""

import json
import os
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import django


def editor(seconds: float, pause: float = 3.0) -> dict:
    from django.db import OperationalError

    from content.models import CompetenceNeedPage

    pages = list(CompetenceNeedPage.objects.live().values_list("pk", flat=True))
    published, failed, locked, durations = 0, 0, 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            page = CompetenceNeedPage.objects.get(pk=random.choice(pages)).specific
            page.summary = f"{page.summary.split(' [rev')[0]} [rev {published}]"
            page.save_revision().publish()
            published += 1
        except OperationalError as error:
            failed += 1
            locked += "database is locked" in str(error)
        durations.append(time.monotonic() - started)
        time.sleep(pause)
    return {
        "published": published,
        "failed": failed,
        "database_locked": locked,
        "max_publish_seconds": round(max(durations, default=0.0), 2),
    }


def bulk_import(directory: Path, records: int) -> dict:
    from content.importer import import_publications
    from content.management.commands.import_publications import lower_priority
    from tests.benchmarks.bench_publishing import build_manifest

    lower_priority()  # as manage.py import_publications runs

    directory.mkdir(parents=True, exist_ok=True)
    count = build_manifest(directory, records)
    started = time.monotonic()
    with timed_import_transactions() as slowest:
        summary = import_publications(directory)
    return {
        "records": count,
        "import_seconds": round(time.monotonic() - started, 1),
        "transactions": summary.transactions,
        "longest_transaction_seconds": round(summary.longest_transaction, 2),
        "slowest_transactions": slowest,
    }


@contextmanager
def timed_import_transactions(keep: int = 5):
    """The import's slowest write transactions, each with its step (``_create``, ``_fill``,
    ``_go_live``, ``_announce``, …) and its time from before its BEGIN (so with the pause that
    precedes it on SQLite) to after its commit's callbacks."""
    from content.importer import Writer

    step = ["?"]
    durations: list[tuple[float, str]] = []
    originals = {name: getattr(Writer, name) for name in ("_transaction", *STEPS)}

    def stepping(name):
        def run(self, *args, **kwargs):
            step[0] = name
            return originals[name](self, *args, **kwargs)

        return run

    @contextmanager
    def timed(self):
        began = time.monotonic()
        with originals["_transaction"](self):
            yield
        durations.append((time.monotonic() - began, step[0]))

    slowest: list[dict] = []
    for name in STEPS:
        setattr(Writer, name, stepping(name))
    Writer._transaction = timed
    try:
        yield slowest
    finally:
        for name, original in originals.items():
            setattr(Writer, name, original)
        slowest += [
            {"step": name, "seconds": round(seconds, 2)}
            for seconds, name in sorted(durations, reverse=True)[:keep]
        ]


STEPS = ("_create", "_fill", "_publish_change", "_go_live", "_announce")


def drain(timeout: float) -> dict:
    """Wait until the worker has done every task that is due (the demo load queues thousands).

    The first scenario otherwise measures the worker's start-up backlog (search and reference
    index tasks of the freshly seeded demo) as much as the site: PostgreSQL's first mix of
    2026-12-04 ran while 1,900 such tasks were worked off.
    """
    from django.utils import timezone

    from portal import task_queue

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if task_queue.oldest_waiting_task_age(now=timezone.now()) is None:
            break
        time.sleep(1)
    return {
        "waited_seconds": round(time.monotonic() - started, 1),
        "drained": task_queue.oldest_waiting_task_age(now=timezone.now()) is None,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    job, argument = sys.argv[1], sys.argv[2]
    if job == "editor":
        print(json.dumps(editor(float(argument))))
    elif job == "drain":
        print(json.dumps(drain(float(argument))))
    elif job == "import":
        records = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
        print(json.dumps(bulk_import(Path(argument), records)))
    else:
        sys.exit(f"okänt jobb {job}")
