"""Search while others write: reads never wait for the write lock, and a write reaches every
process by replaying the change log, not by reloading the whole index."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connections, transaction

from search import services
from search.engines.database import DatabaseEngine
from search.models import IndexedDocument
from search.params import SearchParams
from tests.search import corpus
from tests.subprocesses import shared_database_url

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def _keys(q: str) -> set[str]:
    return {hit.key for hit in services.run_search(params=SearchParams(q=q)).result.hits}


@pytest.mark.sqlite_only
def test_a_search_answers_while_another_connection_holds_the_write_lock():
    DatabaseEngine().rebuild(corpus.documents())
    locked = threading.Event()
    release = threading.Event()
    failures: list[BaseException] = []

    def writer():
        # Its own thread is its own connection: BEGIN IMMEDIATE takes the write lock.
        try:
            with transaction.atomic():
                IndexedDocument.objects.filter(key="analysis-1").update(title="Låst av en skrivare")
                locked.set()
                release.wait(timeout=60)
        except BaseException as error:  # reported to the test below
            failures.append(error)
            locked.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert locked.wait(timeout=60)
        # Before the fix the search began with BEGIN IMMEDIATE and failed with "database is
        # locked" after the busy timeout.
        assert "analysis-1" in _keys("kompetensförsörjningen")
    finally:
        release.set()
        thread.join()
    assert not failures


# The second process: answers "search WORD" with the keys found and its cache's counters.
SECOND_PROCESS = """
import json, sys
import django
django.setup()
from search import services
from search.engines.database import bitmaps
from search.params import SearchParams
for line in sys.stdin:
    result = services.run_search(params=SearchParams(q=line.split(" ", 1)[1].strip())).result
    print(json.dumps({
        "keys": sorted(hit.key for hit in result.hits),
        "full_loads": bitmaps.cache.full_loads,
        "rows_read": bitmaps.cache.rows_read,
    }), flush=True)
"""


class SecondProcess:
    def __init__(self):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": shared_database_url(),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", SECOND_PROCESS],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def search(self, q: str) -> dict:
        self.process.stdin.write(f"search {q}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the second process ended"
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture
def second_process():
    process = SecondProcess()
    yield process
    process.close()


def test_a_write_reaches_another_process_without_reloading_the_index(second_process):
    engine = DatabaseEngine()
    documents = corpus.documents()
    engine.rebuild(documents)
    first = second_process.search("vätgas")
    assert first["full_loads"] == 1 and first["rows_read"] == len(documents)

    engine.upsert([corpus.document(900, title="Fjärrvärmetekniker i norr", region="25")])
    after_write = second_process.search("fjärrvärmetekniker")
    assert after_write["keys"] == ["analysis-900"]
    # Only the written document's row was read: no reload of the index.
    assert after_write["full_loads"] == 1
    assert after_write["rows_read"] == len(documents) + 1

    engine.upsert([corpus.document(900, title="Solcellsmontör i norr", region="25")])
    engine.delete([documents[0].key])
    after_more = second_process.search("solcellsmontör")
    assert after_more["keys"] == ["analysis-900"]
    assert second_process.search("fjärrvärmetekniker")["keys"] == []
    assert documents[0].key not in second_process.search("kompetensförsörjningen")["keys"]
    assert after_more["full_loads"] == 1
    assert after_more["rows_read"] == len(documents) + 2

    engine.rebuild(documents)
    after_rebuild = second_process.search("solcellsmontör")
    assert after_rebuild["keys"] == [] and after_rebuild["full_loads"] == 2


def test_facet_counts_follow_replayed_writes_and_deletes():
    engine = DatabaseEngine()
    documents = corpus.documents()
    engine.rebuild(documents)

    def region_counts() -> dict[str, int]:
        return services.run_search(params=SearchParams(q="")).result.facets["region"]

    before = region_counts()
    engine.upsert([corpus.document(1, title=documents[0].title, region="25")])
    after = region_counts()
    assert after.get("25", 0) == before.get("25", 0) + 1
    assert after.get("22", 0) == before.get("22", 0) - 1
    engine.delete([documents[0].key])
    assert region_counts().get("25", 0) == before.get("25", 0)
