"""PostgreSQL's stored token bitmaps in chunks: a bitmap is stored as rows of its non-empty
chunks, a new document past the last chunk gets a row, a token that became common after the
rebuild is read from the index, and two writers queue instead of deadlocking. That the stored
bitmaps are exact after a rebuild and after every write, on either database, is
``test_stored_bitmaps``."""

import threading

import pytest
from django.db import connection

from search import services
from search.engines.database import DatabaseEngine, token_bitmaps, token_chunks
from search.engines.database.tables import LIVE
from search.models import IndexedDocument
from search.params import SearchParams
from tests.search import corpus
from tests.search.stored_bitmaps import assert_exact, from_index, stored

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


def _rows() -> dict[tuple[str, int], bytes]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, chunk, bits FROM {LIVE.token_bitmap}")
        return {(name, chunk): bytes(bits) for name, chunk, bits in cursor.fetchall()}


def test_a_rebuild_stores_a_bitmap_as_rows_of_its_non_empty_chunks(monkeypatch, small_chunks):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    DatabaseEngine().rebuild(corpus.documents())
    assert_exact()
    rows = _rows()
    assert all(any(bits) for bits in rows.values()), "an all-zero chunk was stored"
    assert len({chunk for _, chunk in rows}) > 1, "the corpus spans several chunks"


def test_a_document_past_the_last_chunk_gets_a_row_of_its_own(small_chunks):
    engine = DatabaseEngine()
    engine.rebuild(corpus.documents())
    chunks_before = {chunk for token, chunk in _rows() if token == "vätg"}
    engine.upsert(
        [
            *(corpus.document(900 + n, title="Rapport", summary="Om annat.") for n in range(8)),
            corpus.document(950, title="Vätgas", summary="Ny rapport om vätgas."),
        ]
    )
    new = IndexedDocument.objects.get(key="analysis-950").pk
    assert new // token_chunks.CHUNK_IDS not in chunks_before
    assert ("vätg", new // token_chunks.CHUNK_IDS) in _rows()
    assert assert_exact()["vätg"] >> new & 1


def test_a_token_that_was_rare_at_the_rebuild_stays_read_from_the_index(monkeypatch):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    engine = DatabaseEngine()
    engine.rebuild(corpus.documents())
    engine.upsert([corpus.document(900 + n, title="Zeppelinare") for n in range(4)])
    assert "zeppelin" not in stored()
    assert from_index(["zeppelin"])["zeppelin"].bit_count() == 4
    params = SearchParams(q="zeppelinare", filters={}, sort="relevance", page=1, page_size=20)
    assert services.run_search(params=params).result.count == 4


@pytest.mark.django_db(transaction=True)
def test_two_writers_of_several_chunks_queue_instead_of_deadlocking(monkeypatch):
    """Writer A writes "Alfa" then "Beta", writer B "Beta" then "Alfa", one chunk each at a
    time, each waiting for the other between its chunks: had B started before A finished, each
    would hold the token row the other needs next. B waits for A instead, from its start."""
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 1)
    engine = DatabaseEngine()
    engine.rebuild(
        [corpus.document(1, title="Alfa", summary="Alfa."), corpus.document(2, title="Beta")]
    )
    monkeypatch.setattr("search.engines.database.CHUNK", 1)
    done = {name: [threading.Event(), threading.Event()] for name in "AB"}
    calls = {"A": 0, "B": 0}
    apply = token_chunks.apply

    def pausing_apply(cursor, *, added, removed):
        apply(cursor, added=added, removed=removed)
        name = threading.current_thread().name
        other = "B" if name == "A" else "A"
        done[name][calls[name]].set()
        done[other][calls[name]].wait(timeout=3)
        calls[name] += 1

    monkeypatch.setattr(token_chunks, "apply", pausing_apply)
    errors = []

    def write(titles: list[str], first: int) -> None:
        try:
            engine.upsert(
                [corpus.document(first + n, title=title) for n, title in enumerate(titles)]
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    writers = [
        threading.Thread(target=write, args=(["Alfa", "Beta"], 10), name="A"),
        threading.Thread(target=write, args=(["Beta", "Alfa"], 20), name="B"),
    ]
    writers[0].start()
    assert done["A"][0].wait(timeout=60), "writer A never reached its first token row"
    writers[1].start()
    for writer in writers:
        writer.join(timeout=60)
        assert not writer.is_alive(), f"writer {writer.name} still runs after 60 s"
    assert errors == []
    assert_exact()
    assert set(IndexedDocument.objects.values_list("key", flat=True)) >= {
        "analysis-10",
        "analysis-11",
        "analysis-20",
        "analysis-21",
    }
