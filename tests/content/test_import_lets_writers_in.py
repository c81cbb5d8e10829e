"""On SQLite a writer that waits for the lock gets it between two of the import's chunks.

Before (issue 12, the load test's import scenario): the import began its next chunk right
after each commit. A member or an editor waiting for SQLite's write lock sleeps and tries
again (the busy handler, no queue), so the import won the lock again nearly every time; posts
and publishing waited until their busy timeout ended in "database is locked". Now the import
leaves the lock free for PORTAL_IMPORT_CHUNK_PAUSE_SECONDS after each commit.

The proof is an order, not a time: the second writer starts while the import is inside a
chunk, and inside its own write transaction it counts what the import had committed by then.
It must find exactly the chunks before the one it waited for, not the whole import.
"""

import threading

import pytest
from django.db import connection, transaction

from content.importer import import_publications
from content.models import AnalysisPage, CompetenceNeedPage
from tests.content.test_import import analysis, need
from tests.content.test_import_chunks import write_manifest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

IMPORTED = ["a1", "n1", "a2", "n2", "a3", "n3"]


def filled_pages() -> int:
    """Records whose content the import has committed (staged or live)."""
    return sum(
        model.objects.filter(external_id__in=IMPORTED, import_checksum__gt="").count()
        for model in (AnalysisPage, CompetenceNeedPage)
    )


class SecondWriter:
    """A member signing up, on a connection of its own, while the import runs."""

    def __init__(self):
        self.about_to_write = threading.Event()
        self.seen_filled: int | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        try:
            self.about_to_write.set()
            # BEGIN IMMEDIATE: waits here while the import's chunk holds the write lock.
            with transaction.atomic():
                UserFactory(username="andra-skrivaren")
                self.seen_filled = filled_pages()
        except BaseException as error:  # reported to the test
            self.error = error
        finally:
            connection.close()


# PostgreSQL locks rows, not the database: no writer waits for the import there.
@pytest.mark.sqlite_only
def test_a_waiting_writer_commits_between_two_import_chunks(
    portal_site, tmp_path, settings, monkeypatch
):
    monkeypatch.setattr("content.importer.CHUNK_RECORDS", 2)
    monkeypatch.setattr("content.importer.CHUNK_SECONDS", 3600)
    # Generous, so that a loaded machine still wakes the waiting thread within the pause.
    settings.PORTAL_IMPORT_CHUNK_PAUSE_SECONDS = 1.0
    records = []
    for number in range(1, 4):
        records += [analysis(f"a{number}"), need(f"n{number}", analyses=[f"a{number}"])]
    writer = SecondWriter()

    def progress(done: int, total: int) -> None:
        # Record 1 of the content chunks: the import holds the write lock right now.
        if done == 1:
            writer.thread.start()
            assert writer.about_to_write.wait(timeout=60)

    summary = import_publications(write_manifest(tmp_path, records), progress=progress)
    writer.thread.join(timeout=120)

    assert writer.error is None
    # It wrote after the chunk of records 1 and 2 committed and before the next one began
    # (before: after the last chunk, 6, or not at all).
    assert writer.seen_filled == 2
    assert summary.created == 6
    assert AnalysisPage.objects.live().filter(external_id__in=IMPORTED).count() == 3
    assert CompetenceNeedPage.objects.live().filter(external_id__in=IMPORTED).count() == 3
