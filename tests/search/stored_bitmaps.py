"""The stored bitmaps of the index's common tokens as tests read them, on either database
(SQLite: one row per token, :mod:`~search.engines.database.token_bitmaps`; PostgreSQL: rows of
chunks, :mod:`~search.engines.database.token_chunks`), and the full-text index's answer to
compare them with."""

from django.db import connection

from search.engines.database import postgresql, sqlite, token_bitmaps, token_chunks
from search.engines.database.tables import LIVE

# Per vendor, as the engine reads them: the stored bitmaps of the tokens asked for (those that
# are common), and the bitmaps of any tokens from the full-text index.
READ_STORED = {"sqlite": token_bitmaps.read, "postgresql": token_chunks.read}
READ_INDEX = {"sqlite": sqlite.rare_bitmaps, "postgresql": postgresql.rare_bitmaps}


def stored() -> dict[str, int]:
    """Every stored bitmap, by token."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT token FROM {LIVE.token_bitmap}")
        tokens = [row[0] for row in cursor.fetchall()]
        return READ_STORED[connection.vendor](cursor, tokens)


def from_index(tokens) -> dict[str, int]:
    """The bitmaps of ``tokens`` as the full-text index answers (FTS5, or the GIN index)."""
    with connection.cursor() as cursor:
        return READ_INDEX[connection.vendor](cursor, list(tokens))


def assert_exact() -> dict[str, int]:
    """Every stored bitmap equals the full-text index's answer; returns them."""
    found = stored()
    assert found, "no stored bitmaps"
    assert found == from_index(found)
    return found


def _sqlite_counts(cursor) -> dict[str, int]:
    cursor.execute("CREATE VIRTUAL TABLE temp.test_vocab USING fts5vocab(main, search_fts, row)")
    cursor.execute("SELECT term, doc FROM temp.test_vocab")
    counts = dict(cursor.fetchall())
    cursor.execute("DROP TABLE temp.test_vocab")
    return counts


def _postgresql_counts(cursor) -> dict[str, int]:
    # https://www.postgresql.org/docs/15/textsearch-features.html#TEXTSEARCH-STATISTICS
    cursor.execute("SELECT word, ndoc FROM ts_stat('SELECT match_vector FROM search_pg_match')")
    return dict(cursor.fetchall())


def document_counts() -> dict[str, int]:
    """How many documents hold each token of the full-text index."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgresql_counts(cursor)
        return _sqlite_counts(cursor)
