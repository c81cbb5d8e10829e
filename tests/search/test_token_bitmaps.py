"""SQLite's stored token bitmaps, one row per token: a write changes bits in place and
rewrites a bitmap only when a new document outgrows its room. That they are exact after a
rebuild and after every write, on either database, is ``test_stored_bitmaps``."""

import pytest
from django.db import connection

from search.engines.database import DatabaseEngine, token_bitmaps
from tests.search import corpus
from tests.search.stored_bitmaps import assert_exact

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]


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
    assert_exact()
