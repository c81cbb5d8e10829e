"""Benchmark of the anonymous page cache (portal.page_cache): queries and time per page view.

Run with ``.venv/bin/python -m tests.benchmarks.bench_page_cache`` (``make bench`` runs it too).
Builds the demo site (as ``make setup`` does) in a fresh SQLite database in a temporary folder
unless ``--database-url`` names another, then asks for each page in-process with Django's test
client: with the page cache off, and with it on (one first visit, then hits). Prints a table
and writes bench-results/page_cache.json. Timings depend on the machine's load.
"""

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP_COMMANDS = (
    ("migrate", "--noinput", "-v0"),
    ("createcachetable",),
    ("load_reference_data",),
    ("sync_organisations",),
    ("load_demo_content",),
    ("load_demo_dialogue",),
    ("reindex",),
)


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    os.environ["DEBUG"] = "False"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()


def pages() -> dict[str, str]:
    from content.models import CompetenceNeedPage, PublicationListingPage

    need = CompetenceNeedPage.objects.live().public().order_by("pk").first()
    listing = PublicationListingPage.objects.live().order_by("pk")[1]
    return {
        "home": "/",
        "need page": need.url,
        "listing": listing.url,
        "search page": "/sok/?q=undersk%C3%B6terska",
    }


def measure(url: str, repeats: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    times, queries, statuses = [], [], set()
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = Client().get(url)
            times.append(time.perf_counter() - started)
        queries.append(len(captured))
        statuses.add(response.get("X-Cache", "-"))
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "queries": max(queries),
        "x_cache": sorted(statuses),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeats", type=int, default=20)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-page-cache-"))
    setup_django(arguments.database_url or f"sqlite:///{folder / 'bench.sqlite3'}")
    from django.core.management import call_command
    from django.test.utils import override_settings, setup_test_environment

    for command in SETUP_COMMANDS:
        call_command(*command)
    setup_test_environment()
    results = {}
    for name, url in pages().items():
        with override_settings(PORTAL_PAGE_CACHE_SECONDS=0):
            uncached = measure(url, arguments.repeats)
        with override_settings(PORTAL_PAGE_CACHE_SECONDS=300):
            measure(url, 1)  # the first visit fills the cache
            cached = measure(url, arguments.repeats)
        results[name] = {"url": url, "uncached": uncached, "cached": cached}
    header = ("page", "uncached ms", "queries", "cached ms", "queries")
    print("{:<12} {:>11} {:>7} {:>9} {:>7}  X-Cache".format(*header))
    for name, result in results.items():
        uncached, cached = result["uncached"], result["cached"]
        print(
            f"{name:<12} {uncached['median_ms']:>11} {uncached['queries']:>7} "
            f"{cached['median_ms']:>9} {cached['queries']:>7}  {','.join(cached['x_cache'])}"
        )
    out = ROOT / "bench-results" / "page_cache.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
