"""SQLite's stored token bitmaps: exact after a rebuild and after every later write (that a
search answers the same from them as from FTS5: ``test_query_bitmaps``)."""

import datetime

import pytest
from django.db import connection

from search.engines.database import DatabaseEngine, token_bitmaps
from search.engines.database.bitmaps import from_bytes
from search.engines.database.sqlite import fts_bitmap
from search.models import IndexedDocument
from tests.search import corpus

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]


def _stored() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, bits FROM {token_bitmaps.TABLE}")
        return {token: from_bytes(bits) for token, bits in cursor.fetchall()}


def _from_fts(token: str) -> int:
    with connection.cursor() as cursor:
        return fts_bitmap(cursor, f'"{token}"')


def _document_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE VIRTUAL TABLE temp.test_vocab USING fts5vocab(main, search_fts, row)"
        )
        cursor.execute("SELECT term, doc FROM temp.test_vocab")
        counts = dict(cursor.fetchall())
        cursor.execute("DROP TABLE temp.test_vocab")
        return counts


def test_a_rebuild_stores_exactly_the_bitmaps_of_the_common_tokens(monkeypatch):
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 3)
    DatabaseEngine().rebuild(corpus.documents())
    stored = _stored()
    common = {token for token, count in _document_counts().items() if count >= 3}
    assert set(stored) == common
    assert "vätg" in stored and "batteri" not in stored  # a stem in four, one in two
    for name, bitmap in stored.items():
        assert bitmap == _from_fts(name), name


def test_writes_set_and_clear_the_bits_of_the_tokens_they_change():
    engine = DatabaseEngine()
    documents = corpus.documents()
    engine.rebuild(documents)
    first = documents[0]
    vatgas_before = _stored()["vätg"]
    # Rewritten under the same key with other words and a new date, one deleted, one new.
    engine.upsert(
        [
            corpus.document(
                1,
                title="Vätgas i norr",
                summary="Vätgas och batterier.",
                published=first.published + datetime.timedelta(days=3),
            ),
            corpus.document(900, title="Vätgas", summary="Ny rapport om vätgas."),
        ]
    )
    gone = IndexedDocument.objects.get(key=documents[-1].key).pk
    engine.delete([documents[-1].key])
    stored = _stored()
    for name, bitmap in stored.items():
        assert bitmap == _from_fts(name), name
        assert not bitmap >> gone & 1, name
    ids = dict(IndexedDocument.objects.values_list("key", "pk"))
    assert not vatgas_before >> ids[first.key] & 1
    added = 1 << ids[first.key] | 1 << ids["analysis-900"]
    assert stored["vätg"] == (vatgas_before | added) & ~(1 << gone)


def _lengths() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, length(bits) FROM {token_bitmaps.TABLE}")
        return dict(cursor.fetchall())


def test_a_write_changes_bits_in_place_and_rewrites_a_bitmap_only_past_its_room(monkeypatch):
    engine = DatabaseEngine()
    with monkeypatch.context() as rebuild_without_room:
        # Stored as the rebuild computed them, without room: the next new document outgrows
        # every bitmap it is in.
        rebuild_without_room.setattr(
            token_bitmaps, "_with_room", lambda raw, needed=0: bytes(raw).ljust(needed, b"\0")
        )
        engine.rebuild(corpus.documents())
    exact = _lengths()

    # Nine new documents: the last is at least one byte past the end of "vätg"'s bitmap.
    engine.upsert(
        [
            corpus.document(900 + n, title="Vätgas", summary="Ny rapport om vätgas.")
            for n in range(9)
        ]
    )
    grown = _lengths()
    engine.upsert([corpus.document(950, title="Vätgas", summary="Ny rapport om vätgas.")])

    assert grown["vätg"] >= exact["vätg"] + token_bitmaps.ROOM_BYTES, "grown with room"
    assert _lengths() == grown, "the next document fits in the room: bits changed in place"
    for name, bitmap in _stored().items():
        assert bitmap == _from_fts(name), name
