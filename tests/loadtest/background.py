"""Writers that run beside the load test's users: the editor, the bulk import and the reindex.

``python -m tests.loadtest.background editor SECONDS`` publishes a new revision of a need page
every few seconds, through the same ``save_revision().publish()`` that the admin's publish
button calls (the admin's page form is built by JavaScript, which locust does not run), so
publish signals, the search index and cached pages see what an editor's publishing causes.
``import DIR`` writes a 1,000-record manifest and imports it with ``import_publications``.
Run with the server's DATABASE_URL. Prints one JSON line with what it did.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

import django


def editor(seconds: float, pause: float = 3.0) -> dict:
    from content.models import CompetenceNeedPage

    pages = list(CompetenceNeedPage.objects.live().values_list("pk", flat=True))
    published, durations = 0, []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = CompetenceNeedPage.objects.get(pk=random.choice(pages)).specific
        page.summary = f"{page.summary.split(' [rev')[0]} [rev {published}]"
        started = time.monotonic()
        page.save_revision().publish()
        durations.append(time.monotonic() - started)
        published += 1
        time.sleep(pause)
    return {"published": published, "max_publish_seconds": max(durations, default=0.0)}


def bulk_import(directory: Path, records: int = 1000) -> dict:
    from django.core.management import call_command

    from tests.benchmarks.bench_publishing import build_manifest

    directory.mkdir(parents=True, exist_ok=True)
    count = build_manifest(directory, records)
    started = time.monotonic()
    call_command("import_publications", str(directory))
    return {"records": count, "import_seconds": round(time.monotonic() - started, 1)}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    job, argument = sys.argv[1], sys.argv[2]
    if job == "editor":
        print(json.dumps(editor(float(argument))))
    elif job == "import":
        print(json.dumps(bulk_import(Path(argument))))
    else:
        sys.exit(f"okänt jobb {job}")
