"""SQLite: the bitmaps of the index's common tokens, stored, so no search walks a long doclist.

FTS5 finds the documents holding a token by walking the token's doclist. For a rare token that
is cheap; for a common one (held by most documents) collecting the ids costs about 15 ms per
100,000 documents, and FTS5's ``bm25()`` walks every phrase's whole doclist once more to count
its documents. Both grow with the index. Here every token held by at least 1/64 of the
documents (where a bitmap of N/8 bytes is smaller than the token's ids as 8-byte integers)
has its bitmap in ``search_token_bitmap``: bit *i* set = document *i* holds the token. Reading
one is a primary-key lookup of N/8 bytes (and some zero bytes of room for new documents,
:func:`_with_room`); rarer tokens are read from FTS5 at a cost bounded
by N/64 ids (:class:`search.engines.database.sqlite.TokenReader`).

Invariant: a token's stored bitmap holds exactly the documents that hold the token. A rebuild
computes all of them at the end (:func:`save`); every later write sets and clears the bits of
the tokens it adds and removes (:func:`apply`). A token that becomes common after a rebuild
has no bitmap and is read from FTS5 (correct, only slower) until the next rebuild.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from search.engines.database.bitmaps import from_bytes, to_bytes
from search.engines.database.rows import chunks

TABLE = "search_token_bitmap"
# A token is common, and stored, when at least 1/COMMON_SHARE of the documents hold it.
COMMON_SHARE = 64
# Bound parameters per statement (SQLite allows 32,766 since 3.32; Debian ships newer).
BATCH = 500
# The least room a stored bitmap keeps for new documents: 4,096 of them.
ROOM_BYTES = 512
Tokens = Iterable[tuple[int, Iterable[str]]]  # (document id, its tokens)


def common_threshold(documents: int) -> int:
    """How many documents must hold a token for its bitmap to be stored."""
    return max(documents // COMMON_SHARE, 1)


def read(cursor, tokens: Iterable[str]) -> dict[str, int]:
    """The stored bitmaps of those of ``tokens`` that are common."""
    return {token: from_bytes(bits) for token, bits in _read_bytes(cursor, tokens).items()}


def _read_bytes(cursor, tokens: Iterable[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for batch in chunks(tokens, BATCH):
        marks = ", ".join(["%s"] * len(batch))
        cursor.execute(f"SELECT token, bits FROM {TABLE} WHERE token IN ({marks})", batch)
        found.update(cursor.fetchall())
    return found


def save(cursor, bitmaps: Mapping[str, int], *, table: str = TABLE) -> None:
    _save_bytes(
        cursor, {token: _with_room(to_bytes(bitmap)) for token, bitmap in bitmaps.items()}, table
    )


def _save_bytes(cursor, bitmaps: Mapping[str, bytes], table: str = TABLE) -> None:
    cursor.executemany(
        f"INSERT OR REPLACE INTO {table} (token, bits) VALUES (%s, %s)", list(bitmaps.items())
    )


def _with_room(raw: bytes | bytearray, needed: int = 0) -> bytes:
    """``raw`` with zero bytes after it for the documents to come, at least ``needed`` long.

    Bits are changed in place (:func:`apply`), which cannot make a stored value longer: a new
    document beyond the end rewrites the whole bitmap. The room (an eighth more, at least
    ROOM_BYTES) saves that rewrite for the next thousands of new documents. Trailing zero
    bytes read as the same bitmap (``from_bytes`` is little-endian).
    """
    length = max(len(raw), needed)
    return bytes(raw) + bytes(length + max(length // 8, ROOM_BYTES) - len(raw))


def net_changes(*, added: Tokens, removed: Tokens) -> tuple[dict, dict]:
    """The bits a write sets and clears, per token: {token: [document id, ...]} each.

    A document rewritten under the same id keeps the tokens its old and new text share: their
    bits are neither cleared nor set, so a rewrite touches only the tokens that changed.
    """
    before: dict[int, set[str]] = defaultdict(set)
    after: dict[int, set[str]] = defaultdict(set)
    for ident, tokens in removed:
        before[ident].update(tokens)
    for ident, tokens in added:
        after[ident].update(tokens)
    setting: dict[str, list[int]] = defaultdict(list)
    clearing: dict[str, list[int]] = defaultdict(list)
    for ident in before.keys() | after.keys():
        for token in after[ident] - before[ident]:
            setting[token].append(ident)
        for token in before[ident] - after[ident]:
            clearing[token].append(ident)
    return setting, clearing


def apply(cursor, *, added: Tokens, removed: Tokens) -> None:
    """Keep the stored bitmaps exact after a write: (document id, its tokens) added, removed.

    Tokens without a stored bitmap are left alone (they are read from FTS5).
    """
    setting, clearing = net_changes(added=added, removed=removed)
    tokens = list(setting.keys() | clearing.keys())
    # SQLite's incremental blob I/O: each changed bit costs a read and a write of one byte,
    # where reading and rewriting the whole bitmap cost most of a write at 100,000 documents.
    # https://docs.python.org/3/library/sqlite3.html#sqlite3.Connection.blobopen
    database = cursor.db.connection
    for batch in chunks(tokens, BATCH):
        marks = ", ".join(["%s"] * len(batch))
        cursor.execute(
            f"SELECT rowid, token, length(bits) FROM {TABLE} WHERE token IN ({marks})", batch
        )
        for rowid, token, length in cursor.fetchall():
            cleared = [ident for ident in clearing.get(token, ()) if ident >> 3 < length]
            added_ids = setting.get(token, [])
            if added_ids and max(added_ids) >> 3 >= length:
                _grow(cursor, rowid, length=max(added_ids) // 8 + 1, clear=cleared, set_=added_ids)
                continue
            with database.blobopen(TABLE, "bits", rowid) as blob:
                change_bits(blob, clear=cleared, set_=added_ids)


def _grow(cursor, rowid: int, *, length: int, clear: list[int], set_: list[int]) -> None:
    """Rewrites a bitmap that a new document outgrew, with room for the next ones."""
    cursor.execute(f"SELECT bits FROM {TABLE} WHERE rowid = %s", [rowid])
    bits = bytearray(_with_room(cursor.fetchone()[0], length))
    change_bits(bits, clear=clear, set_=set_)
    cursor.execute(f"UPDATE {TABLE} SET bits = %s WHERE rowid = %s", [bytes(bits), rowid])


def change_bits(bits, *, clear: list[int], set_: list[int]) -> None:
    """Clears, then sets, bits in ``bits``: a bytearray or an open blob, indexed by byte."""
    for ident in clear:
        bits[ident >> 3] &= ~(1 << (ident & 7)) & 0xFF
    for ident in set_:
        bits[ident >> 3] |= 1 << (ident & 7)
