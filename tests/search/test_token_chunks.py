"""PostgreSQL's stored token bitmaps (in chunks): exact after a rebuild and after every later
write (that a search answers the same from them as from the GIN index: ``test_query_bitmaps``),
and a token that became common after the rebuild is read from the index."""

import datetime
import threading

import pytest
from django.db import connection

from search import services
from search.engines.database import DatabaseEngine, token_bitmaps, token_chunks
from search.engines.database.postgresql import rare_bitmaps
from search.engines.database.tables import LIVE
from search.models import IndexedDocument
from search.params import SearchParams
from tests.search import corpus

pytestmark = [pytest.mark.django_db, pytest.mark.postgres_only]


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of 8 documents, so the test corpus spans several."""
    monkeypatch.setattr(token_chunks, "CHUNK_BYTES", 1)
    monkeypatch.setattr(token_chunks, "CHUNK_IDS", 8)


def _rows() -> dict[tuple[str, int], bytes]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, chunk, bits FROM {LIVE.token_bitmap}")
        return {(name, chunk): bytes(bits) for name, chunk, bits in cursor.fetchall()}


def _stored() -> dict[str, int]:
    names = {name for name, _ in _rows()}
    with connection.cursor() as cursor:
        return token_chunks.read(cursor, names)


def _from_gin(names) -> dict[str, int]:
    with connection.cursor() as cursor:
        return rare_bitmaps(cursor, list(names))


def _document_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT match_vector FROM search_pg_match')")
        return dict(cursor.fetchall())


def _assert_exact() -> dict[str, int]:
    stored = _stored()
    assert stored, "no stored bitmaps"
    assert stored == _from_gin(stored)
    return stored


def test_a_rebuild_stores_exactly_the_bitmaps_of_the_common_tokens(monkeypatch, small_chunks):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    DatabaseEngine().rebuild(corpus.documents())
    stored = _assert_exact()
    common = {name for name, count in _document_counts().items() if count >= 3}
    assert set(stored) == common
    assert "vätg" in stored and "batteri" not in stored  # a stem in four, one in two
    rows = _rows()
    assert all(any(bits) for bits in rows.values()), "an all-zero chunk was stored"
    assert len({chunk for _, chunk in rows}) > 1, "the corpus spans several chunks"


def test_writes_set_and_clear_the_bits_of_the_tokens_they_change(small_chunks):
    engine = DatabaseEngine()
    documents = corpus.documents()
    engine.rebuild(documents)
    first = documents[0]
    vatgas_before = _stored()["vätg"]
    chunks_before = {chunk for name, chunk in _rows() if name == "vätg"}
    # Rewritten under the same key with other words and a new date, one deleted, one new
    # (in a chunk past the last one).
    engine.upsert(
        [
            corpus.document(
                1,
                title="Vätgas i norr",
                summary="Vätgas och batterier.",
                published=first.published + datetime.timedelta(days=3),
            ),
            *(corpus.document(900 + n, title="Rapport", summary="Om annat.") for n in range(8)),
            corpus.document(950, title="Vätgas", summary="Ny rapport om vätgas."),
        ]
    )
    gone = IndexedDocument.objects.get(key=documents[-1].key).pk
    engine.delete([documents[-1].key])
    stored = _assert_exact()
    assert all(not bitmap >> gone & 1 for bitmap in stored.values())
    ids = dict(IndexedDocument.objects.values_list("key", "pk"))
    assert not vatgas_before >> ids[first.key] & 1
    added = 1 << ids[first.key] | 1 << ids["analysis-950"]
    assert stored["vätg"] == (vatgas_before | added) & ~(1 << gone)
    new_chunk = ids["analysis-950"] // token_chunks.CHUNK_IDS
    assert new_chunk not in chunks_before
    assert ("vätg", new_chunk) in _rows()

    # Three new documents in one write: two of them share a chunk, whose rows change by
    # several bits at once.
    engine.upsert([corpus.document(960 + n, title="Vätgas", summary="Vätgas.") for n in range(3)])
    stored = _assert_exact()
    ids = dict(IndexedDocument.objects.values_list("key", "pk"))
    assert all(stored["vätg"] >> ids[f"analysis-{960 + n}"] & 1 for n in range(3))


def test_a_token_that_was_rare_at_the_rebuild_stays_read_from_the_index(monkeypatch):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    engine = DatabaseEngine()
    engine.rebuild(corpus.documents())
    engine.upsert([corpus.document(900 + n, title="Zeppelinare") for n in range(4)])
    assert "zeppelin" not in _stored()
    assert _from_gin(["zeppelin"])["zeppelin"].bit_count() == 4
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
    _assert_exact()
    assert set(IndexedDocument.objects.values_list("key", flat=True)) >= {
        "analysis-10",
        "analysis-11",
        "analysis-20",
        "analysis-21",
    }
