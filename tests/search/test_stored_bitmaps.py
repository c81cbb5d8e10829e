"""The stored bitmaps of the index's common tokens, on either database (SQLite: one row per
token, :mod:`~search.engines.database.token_bitmaps`; PostgreSQL: rows of chunks,
:mod:`~search.engines.database.token_chunks`): exact after a rebuild and after every later
write. That a search answers the same from them as from the full-text index is
``test_query_bitmaps``; what each vendor's storage does on its own is ``test_token_bitmaps``
and ``test_token_chunks``. ``small_chunks`` (conftest) makes PostgreSQL's chunks 8 documents
wide, so that the test corpus spans several."""

import datetime

import pytest

from search.engines.database import DatabaseEngine, token_bitmaps
from search.models import IndexedDocument
from tests.search import corpus
from tests.search.stored_bitmaps import assert_exact, document_counts, stored

pytestmark = pytest.mark.django_db


def test_a_rebuild_stores_exactly_the_bitmaps_of_the_common_tokens(monkeypatch, small_chunks):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    DatabaseEngine().rebuild(corpus.documents())
    found = assert_exact()
    common = {token for token, count in document_counts().items() if count >= 3}
    assert set(found) == common
    assert "vätg" in found and "batteri" not in found  # a stem in four, one in two


def test_writes_set_and_clear_the_bits_of_the_tokens_they_change(small_chunks):
    engine = DatabaseEngine()
    documents = corpus.documents()
    engine.rebuild(documents)
    first = documents[0]
    vatgas_before = stored()["vätg"]
    # Rewritten under the same key with other words and a new date, one deleted, new ones
    # (on PostgreSQL the last in a chunk past the last one).
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
    found = assert_exact()
    assert all(not bitmap >> gone & 1 for bitmap in found.values())
    ids = dict(IndexedDocument.objects.values_list("key", "pk"))
    assert not vatgas_before >> ids[first.key] & 1
    added = 1 << ids[first.key] | 1 << ids["analysis-950"]
    assert found["vätg"] == (vatgas_before | added) & ~(1 << gone)

    # Three new documents in one write: a token's bits change by several at once (on
    # PostgreSQL two of them share a chunk, whose row is read and written back once).
    engine.upsert([corpus.document(960 + n, title="Vätgas", summary="Vätgas.") for n in range(3)])
    found = assert_exact()
    ids = dict(IndexedDocument.objects.values_list("key", "pk"))
    assert all(found["vätg"] >> ids[f"analysis-{960 + n}"] & 1 for n in range(3))
