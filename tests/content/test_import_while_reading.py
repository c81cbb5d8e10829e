"""The bulk import never keeps readers waiting, and they see all of it or none of it (issue 12).

Before: the import wrote everything in one transaction. On SQLite that held the database's
write lock for the whole run (a search waited 72 s during a 1,000-record import and then
answered 500 "database is locked"). Now it writes in short chunks, stages new pages
unpublished and makes them live in one short last step; a failure removes what it wrote.

The import runs in its own thread (its own database connection, as another process would)
and stops at chosen records inside an open write transaction; the test reads meanwhile.
"""

import queue
import sqlite3
import threading
from pathlib import Path

import pytest
from django.db import connection, connections
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from content.importer import import_publications
from content.models import AnalysisPage, CompetenceNeedPage, DocumentText
from search.models import IndexedDocument
from tests.content.test_import import analysis, need
from tests.content.test_import_chunks import write_manifest
from tests.pdfs import text_pdf

pytestmark = pytest.mark.django_db(transaction=True)

FINISHED = object()


class ImportInThread:
    """``import_publications`` in a thread that stops after each record until told to go on.

    ``pauses()`` yields the record number each time the import stands still, inside its open
    write transaction; the import goes on when the loop asks for the next one.
    """

    def __init__(self, directory: Path, **options):
        self.directory = directory
        self.options = options
        self.stopped: queue.Queue = queue.Queue()
        self.go_on: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.summary = None
        self.backend_pid: int | None = None
        self.thread = threading.Thread(target=self._run)

    def _progress(self, done: int, total: int) -> None:
        if connection.vendor == "postgresql" and self.backend_pid is None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                self.backend_pid = cursor.fetchone()[0]
        self.stopped.put(done)
        self.go_on.get(timeout=120)

    def _run(self) -> None:
        try:
            self.summary = import_publications(
                self.directory, progress=self._progress, **self.options
            )
        except BaseException as error:  # reported to the test
            self.error = error
        finally:
            connections.close_all()
            self.stopped.put(FINISHED)

    def pauses(self):
        self.thread.start()
        try:
            while (done := self.stopped.get(timeout=120)) is not FINISHED:
                yield done
                self.go_on.put(True)
        finally:
            self.go_on.put(True)
            self.thread.join(timeout=120)


@pytest.fixture
def chunks_of_two(monkeypatch):
    monkeypatch.setattr("content.importer.CHUNK_RECORDS", 2)
    monkeypatch.setattr("content.importer.CHUNK_SECONDS", 3600)


def six_records(tmp_path: Path) -> Path:
    records = []
    for number in range(1, 4):
        records += [
            analysis(f"a{number}", attachments=[f"rapport-{number}.pdf"]),
            need(f"n{number}", analyses=[f"a{number}"]),
        ]
    files = {f"rapport-{number}.pdf": text_pdf([f"Rapport {number}"]) for number in range(1, 4)}
    return write_manifest(tmp_path, records, files)


def write_lock_is_free() -> bool:
    """Whether another connection could begin writing to the SQLite database now."""
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        return True
    except sqlite3.OperationalError as error:
        assert "locked" in str(error)
        return False
    finally:
        other.close()


def table_locks_of(pid: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT mode FROM pg_locks WHERE pid = %s AND locktype = 'relation'", [pid]
        )
        return {mode for (mode,) in cursor.fetchall()}


def test_pages_and_searches_answer_while_the_import_holds_a_write_transaction(
    portal_site, client, tmp_path, chunks_of_two
):
    running = ImportInThread(six_records(tmp_path))
    answers = {}
    for done in running.pauses():
        if done != 3:
            continue
        if connection.vendor == "sqlite":
            # The import is inside a chunk's BEGIN IMMEDIATE: nobody else may write now...
            assert not write_lock_is_free()
        else:
            # ...and on PostgreSQL it holds row locks only, no table lock a reader waits for.
            assert table_locks_of(running.backend_pid) <= {
                "AccessShareLock",
                "RowShareLock",
                "RowExclusiveLock",
            }
        # ...yet readers get their answers (before: "database is locked" after the timeout).
        for url in ("/", "/regioner/", "/sok/?q=analys", "/api/search/?q=analys", "/health/"):
            answers[url] = client.get(url, follow=True).status_code
        assert not AnalysisPage.objects.filter(external_id__in=["a1", "a2"], live=True).exists()
    assert running.error is None
    assert answers and set(answers.values()) == {200}, answers
    assert AnalysisPage.objects.live().filter(external_id__startswith="a").count() == 3


def test_readers_see_none_of_the_import_or_all_of_it(portal_site, tmp_path, chunks_of_two):
    running = ImportInThread(six_records(tmp_path))
    imported = ["a1", "n1", "a2", "n2", "a3", "n3"]

    def pages(model, **filters) -> int:
        return model.objects.filter(external_id__in=imported, **filters).count()

    seen, committed = [], []
    for _record in running.pauses():
        seen.append(pages(AnalysisPage, live=True) + pages(CompetenceNeedPage, live=True))
        # What the chunks before this one wrote is committed (staged, unpublished): the
        # import's transactions end chunk by chunk, not at the end of the import.
        committed.append(
            pages(AnalysisPage, live=False, import_checksum__gt="")
            + pages(CompetenceNeedPage, live=False, import_checksum__gt="")
        )
    assert running.error is None
    # One look after every record of every chunk (the last one just before they go live).
    assert seen == [0] * 6
    assert committed == [0, 0, 2, 2, 4, 4]
    assert pages(AnalysisPage, live=True) + pages(CompetenceNeedPage, live=True) == 6


def footprint() -> dict[str, int]:
    """How much of everything an import writes the database holds."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page history": PageLogEntry.objects.count(),
        "admin search": IndexEntry.objects.count(),
        "references": ReferenceIndex.objects.count(),
        "documents": get_document_model().objects.count(),
        "document texts": DocumentText.objects.count(),
        "search index": IndexedDocument.objects.count(),
    }


class LateFailure(Exception):
    pass


@pytest.mark.parametrize("fails_in", ["the last chunk", "going live"])
def test_an_import_failing_late_leaves_nothing_behind(
    portal_site, tmp_path, chunks_of_two, monkeypatch, fails_in
):
    before = footprint()
    from content.importer import Writer

    if fails_in == "going live":
        go_live = Writer._go_live

        def fail_after_going_live(writer):
            go_live(writer)
            raise LateFailure

        monkeypatch.setattr(Writer, "_go_live", fail_after_going_live)
        progress = {}
    else:

        def fail_in_last_chunk(done: int, total: int) -> None:
            if done == total:
                raise LateFailure

        progress = {"progress": fail_in_last_chunk}

    with pytest.raises(LateFailure):
        import_publications(six_records(tmp_path), **progress)

    assert footprint() == before
    assert not AnalysisPage.objects.filter(external_id__in=["a1", "a2", "a3"]).exists()
    media = Path(get_document_model()._meta.get_field("file").storage.location)
    assert not list((media / "documents" / "import").glob("*"))


def test_a_failed_reimport_puts_the_changed_live_pages_back(
    portal_site, tmp_path, chunks_of_two, monkeypatch
):
    from content.importer import Writer

    directory = write_manifest(tmp_path, [analysis("a1"), analysis("a2")])
    import_publications(directory)
    page = AnalysisPage.objects.get(external_id="a1")
    before = footprint()
    last_entry = PageLogEntry.objects.order_by("pk").last().pk
    write_manifest(
        tmp_path,
        [analysis("a1", title="Ny titel", region="09"), analysis("a2"), analysis("a3")],
    )

    def fail(writer):
        raise LateFailure

    monkeypatch.setattr(Writer, "_go_live", fail)
    with pytest.raises(LateFailure):
        import_publications(directory)

    restored = AnalysisPage.objects.get(pk=page.pk)
    assert (restored.title, restored.region.code, restored.live) == (page.title, "22", True)
    assert restored.url == page.url
    assert restored.latest_revision_id == page.latest_revision_id
    assert restored.live_revision_id == page.live_revision_id
    assert not restored.has_unpublished_changes
    assert not AnalysisPage.objects.filter(external_id="a3").exists()
    # The change was live for a moment and was taken back: the history says so, and only that.
    added = PageLogEntry.objects.filter(pk__gt=last_entry)
    assert set(added.values_list("page_id", flat=True)) == {page.pk}
    assert set(added.values_list("action", flat=True)) == {
        "wagtail.move",
        "wagtail.rename",
        "wagtail.publish",
    }
    after = footprint()
    del after["page history"], before["page history"]
    assert after == before
