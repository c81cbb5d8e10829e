"""PostgreSQL: the bitmaps of the index's common tokens, stored in chunks of 8,192 documents.

A GIN index answers which documents hold a token, but collecting a common token's ids means
visiting every matching row of the heap: 13 ms for a word held by most of 100,000 documents,
growing with the index (:mod:`.query_bitmaps` explains how searches use the bitmaps instead).
As on SQLite (:mod:`.token_bitmaps`), a token held by at least 1/64 of the documents is common.

A whole bitmap in one PostgreSQL row would make every write copy it (an update writes a new
version of the row: N/8 bytes, 12.5 KB at 100,000 documents, for each of the few hundred
common tokens a document holds). So a bitmap is stored as rows of (token, chunk, bits): bits
of ``CHUNK_BYTES`` bytes for the documents ``chunk * CHUNK_IDS`` to ``(chunk + 1) *
CHUNK_IDS - 1``. A write changes one short row per common token it touches, whatever the size
of the index; reading a bitmap reads N / CHUNK_IDS rows. All-zero chunks are not stored.

Invariant: a token's chunks hold exactly the documents that hold the token. A token is
common when it has at least one row; a rebuild stores every common token (:func:`save`), and
every later write sets and clears the bits of the common tokens it adds and removes
(:func:`apply`). A token that becomes common after a rebuild has no rows and is read from
the GIN index (correct, only slower) until the next rebuild.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping

import psycopg

from search.engines.database.bitmaps import from_bytes, to_bytes
from search.engines.database.tables import LIVE
from search.engines.database.token_bitmaps import Tokens, change_bits, net_changes

CHUNK_BYTES = 1024
CHUNK_IDS = CHUNK_BYTES * 8


def read(cursor, tokens: Iterable[str]) -> dict[str, int]:
    """The stored bitmaps of those of ``tokens`` that are common."""
    cursor.execute(
        f"SELECT token, chunk, bits FROM {LIVE.token_bitmap} WHERE token = ANY(%s) "
        "ORDER BY token, chunk",
        [list(tokens)],
    )
    parts: dict[str, list[tuple[int, bytes]]] = defaultdict(list)
    for token, chunk, bits in cursor.fetchall():
        parts[token].append((chunk, bits))
    found = {}
    for token, chunks in parts.items():
        whole = bytearray(CHUNK_BYTES * (chunks[-1][0] + 1))
        for chunk, bits in chunks:
            whole[chunk * CHUNK_BYTES : chunk * CHUNK_BYTES + len(bits)] = bits
        found[token] = from_bytes(whole)
    return found


def split(bitmap: int) -> list[tuple[int, bytes]]:
    """A bitmap as its (chunk, bits) rows, all-zero chunks left out."""
    raw = to_bytes(bitmap)
    rows = []
    for chunk in range((len(raw) + CHUNK_BYTES - 1) // CHUNK_BYTES):
        bits = raw[chunk * CHUNK_BYTES : (chunk + 1) * CHUNK_BYTES].ljust(CHUNK_BYTES, b"\0")
        if any(bits):
            rows.append((chunk, bits))
    return rows


def save(cursor, bitmaps: Mapping[str, int], *, table: str) -> None:
    """Stores the whole bitmaps of new common tokens (a rebuild's, into its new table)."""
    tokens, numbers, values = [], [], []
    for token, bitmap in bitmaps.items():
        for chunk, bits in split(bitmap):
            tokens.append(token)
            numbers.append(chunk)
            values.append(bits)
    cursor.execute(
        f"INSERT INTO {table} (token, chunk, bits) "
        "SELECT * FROM unnest(%s::text[], %s::integer[], %s::bytea[])",
        [tokens, numbers, values],
    )


def apply(cursor, *, added: Tokens, removed: Tokens) -> None:
    """Keep the stored bitmaps exact after a write: (document id, its tokens) added, removed.

    Tokens without stored rows are left alone (they are read from the GIN index): the
    statements below change only rows that exist, and add a chunk only for a token that has
    others. A row that changes by one bit (a write of one document) is changed in SQL with
    ``set_bit``, so its bytes never travel; a row that changes by several (a chunk of an
    import) is read, changed here and written back once. Writers queue on the index's state
    row before they write anything (``DatabaseEngine._lock_state``), so no two writers change
    these rows at once and their locks cannot deadlock.
    """
    setting, clearing = net_changes(added=added, removed=removed)
    changes: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for value, per_token in ((0, clearing), (1, setting)):
        for token, ids in per_token.items():
            for ident in ids:
                changes[(token, ident // CHUNK_IDS)].append((ident % CHUNK_IDS, value))
    if not changes:
        return
    table = LIVE.token_bitmap
    # Binary parameters and results: Django's cursor binds on the client, which would spell
    # each chunk as hex in the SQL text for the server to parse.
    cursor = psycopg.Cursor(cursor.connection)
    # A set bit may fall in a chunk the token has no row for yet (a new document past the
    # last one, or a chunk that held none of the token's documents).
    new = sorted({key for key, bits in changes.items() if any(value for _, value in bits)})
    cursor.execute(
        f"INSERT INTO {table} (token, chunk, bits) "
        "SELECT k.token, k.chunk, %s FROM unnest(%s::text[], %s::integer[]) AS k(token, chunk) "
        f"WHERE EXISTS (SELECT FROM {table} t WHERE t.token = k.token) "
        "ON CONFLICT (token, chunk) DO NOTHING",
        [bytes(CHUNK_BYTES), [key[0] for key in new], [key[1] for key in new]],
    )
    single = [(key, bits[0]) for key, bits in changes.items() if len(bits) == 1]
    if single:
        cursor.execute(
            f"UPDATE {table} t SET bits = set_bit(t.bits, c.bit, c.value) "
            "FROM unnest(%s::text[], %s::integer[], %s::integer[], %s::integer[]) "
            "AS c(token, chunk, bit, value) WHERE t.token = c.token AND t.chunk = c.chunk",
            [
                [key[0] for key, _ in single],
                [key[1] for key, _ in single],
                [bit for _, (bit, _) in single],
                [value for _, (_, value) in single],
            ],
        )
    several = {key: bits for key, bits in changes.items() if len(bits) > 1}
    if several:
        _rewrite(cursor, table, several)


def _rewrite(cursor, table: str, changes: dict[tuple[str, int], list[tuple[int, int]]]) -> None:
    """Reads the rows of ``changes``, changes their bits and writes each back once."""
    keys = sorted(changes)
    cursor.execute(
        f"SELECT t.token, t.chunk, t.bits FROM {table} t "
        "JOIN unnest(%s::text[], %s::integer[]) AS k(token, chunk) "
        "ON t.token = k.token AND t.chunk = k.chunk FOR UPDATE OF t",
        [[key[0] for key in keys], [key[1] for key in keys]],
        binary=True,
    )
    changed = []
    for token, chunk, stored in cursor.fetchall():
        bits = bytearray(bytes(stored).ljust(CHUNK_BYTES, b"\0"))
        updates = changes[(token, chunk)]
        change_bits(
            bits,
            clear=[bit for bit, value in updates if not value],
            set_=[bit for bit, value in updates if value],
        )
        changed.append((token, chunk, bytes(bits)))
    cursor.execute(
        f"UPDATE {table} t SET bits = c.bits "
        "FROM unnest(%s::text[], %s::integer[], %s::bytea[]) AS c(token, chunk, bits) "
        "WHERE t.token = c.token AND t.chunk = c.chunk",
        [[row[0] for row in changed], [row[1] for row in changed], [row[2] for row in changed]],
    )
