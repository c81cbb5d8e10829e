"""A full rebuild fills new tables beside the live ones and swaps them in: searches see the old
index until the swap, writes made meanwhile are kept (however many), a failure leaves the old
index, and a second rebuild started meanwhile fails clearly instead of breaking the first."""

import datetime
import threading

import pytest
from django.db import connections

from search import services
from search.documents import SearchDocument
from search.engines.database import DatabaseEngine, backend
from search.engines.database.rebuild_lock import RebuildInProgress
from search.params import SearchParams
from tests.search.corpus import document


def _doc(pk: int, summary: str) -> SearchDocument:
    published = datetime.date(2025, 1, 1) + datetime.timedelta(days=pk)
    return document(pk, "result", title=f"Resultat {pk}", summary=summary, published=published)


def _keys(q: str) -> set[str]:
    params = SearchParams(q=q, filters={}, sort="relevance", page=1, page_size=50)
    return {hit.key for hit in services.run_search(params=params).result.hits}


@pytest.fixture
def old_index(monkeypatch):
    monkeypatch.setattr("search.engines.database.CHUNK", 2)
    engine = DatabaseEngine()
    engine.rebuild([_doc(1, "Vätgas i industrin."), _doc(2, "Vätgas och batterier.")])
    return engine


def _new_documents(count: int):
    return [_doc(pk, f"Vätgas, nytt dokument {pk}.") for pk in range(10, 10 + count)]


@pytest.mark.django_db
def test_a_rebuild_fills_every_chunk_in_order(old_index):
    assert old_index.rebuild(_new_documents(5)) == 5
    assert _keys("vätgas") == {f"result-{pk}" for pk in range(10, 15)}


@pytest.mark.django_db
def test_a_source_failing_midway_leaves_the_old_index(old_index):
    def documents():
        yield from _new_documents(5)
        raise RuntimeError("källan gick inte att läsa")

    with pytest.raises(RuntimeError):
        old_index.rebuild(documents())
    assert _keys("vätgas") == {"result-1", "result-2"}


@pytest.mark.django_db
def test_preparing_a_chunk_failing_leaves_the_old_index(old_index, monkeypatch):
    vendor = type(backend())
    prepare = vendor.prepare
    calls = []

    def failing_on_the_second_chunk(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise ValueError("trasigt dokument")
        return prepare(self, rows)

    monkeypatch.setattr(vendor, "prepare", failing_on_the_second_chunk)
    with pytest.raises(ValueError):
        old_index.rebuild(_new_documents(5))
    assert _keys("vätgas") == {"result-1", "result-2"}


@pytest.mark.django_db
def test_searches_answer_from_the_old_index_until_the_swap(old_index):
    seen_during = []

    def documents():
        for new in _new_documents(5):
            yield new
            seen_during.append(_keys("vätgas"))

    old_index.rebuild(documents())
    assert seen_during and all(keys == {"result-1", "result-2"} for keys in seen_during)
    assert _keys("vätgas") == {f"result-{pk}" for pk in range(10, 15)}


@pytest.mark.django_db
def test_writes_made_during_a_rebuild_are_kept(old_index):
    def documents():
        new = _new_documents(5)
        yield from new[:3]
        # Chunks of two: result-10 and result-11 are stored in the new tables already.
        old_index.upsert([_doc(11, "Solceller på taken."), _doc(50, "Fjärrvärme i staden.")])
        old_index.delete(["result-10"])
        yield from new[3:]

    assert old_index.rebuild(documents()) == 5
    assert _keys("solceller") == {"result-11"}
    assert _keys("fjärrvärme") == {"result-50"}
    assert _keys("vätgas") == {"result-12", "result-13", "result-14"}
    assert _keys("staden") == {"result-50"}


@pytest.mark.django_db
def test_writes_during_a_rebuild_outlive_the_log_pruning(old_index, monkeypatch):
    # The log prunes back to LOG_KEEP changes once it holds twice as many; six writes during
    # the rebuild would otherwise drop the first ones before the swap replays them.
    monkeypatch.setattr("search.engines.database.LOG_KEEP", 2)
    written = [_doc(pk, f"Fjärrvärme nummer {pk}.") for pk in range(60, 66)]

    def documents():
        yield from _new_documents(3)
        for new in written:
            old_index.upsert([new])
        yield from _new_documents(5)[3:]

    old_index.rebuild(documents())
    assert _keys("fjärrvärme") == {document.key for document in written}


@pytest.mark.django_db
def test_a_second_rebuild_while_one_runs_fails_clearly(old_index):
    errors: list[BaseException] = []

    def second_rebuild():
        # Its own thread is its own connection, as another process's rebuild would be.
        try:
            DatabaseEngine().rebuild([_doc(90, "Vätgas från den andra ombyggnaden.")])
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    def documents():
        yield from _new_documents(3)
        thread = threading.Thread(target=second_rebuild)
        thread.start()
        thread.join()
        yield from _new_documents(5)[3:]

    assert old_index.rebuild(documents()) == 5
    assert len(errors) == 1 and isinstance(errors[0], RebuildInProgress)
    assert "pågår redan" in str(errors[0])
    # The first rebuild's tables were left alone, and the lock went with it.
    assert _keys("vätgas") == {f"result-{pk}" for pk in range(10, 15)}
    assert old_index.rebuild([_doc(91, "Vätgas igen.")]) == 1


@pytest.mark.sqlite_only
@pytest.mark.django_db
def test_a_sqlite_rebuild_leaves_one_merged_segment_and_the_usual_merge_settings(old_index):
    """The load defers FTS5's merges (start_rebuild); the end merges every segment, in steps,
    and gives the swapped-in table FTS5's usual settings back for later writes."""
    old_index.rebuild(_new_documents(9))  # 5 chunks of 2: at least one segment each
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(DISTINCT segid) FROM search_fts_idx")
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT k, v FROM search_fts_config WHERE k IN ('automerge', 'crisismerge')")
        assert dict(cursor.fetchall()) == {"automerge": 4, "crisismerge": 16}
    assert _keys("vätgas") == {f"result-{pk}" for pk in range(10, 19)}
