"""SQLite: FTS5 over stems computed in Python, and stored bitmaps of the common tokens.

The table ``search_fts`` has one column per weighted field, ``pairs`` and ``tiers``
(:mod:`.terms`: word pairs for phrases; the title, summary and attachment-only tier tokens).
Filters are not in it: they are matched over the facet bitmaps (:mod:`.bitmaps`). Its rowid
is the publication day << 32 | the document id (:func:`fts_rowid`), so rowid order is date
order.

A search never asks FTS5 to walk a common token's whole doclist, which costs time in
proportion to the index (:mod:`.token_bitmaps`). Each token of the query is a bitmap over
document ids, stored for common tokens and read from FTS5 for rare ones, and the query is
matched and split into ranking tiers over them (:mod:`.query_bitmaps`, shared with
PostgreSQL). Within a tier, SQLite scores the newest ``WINDOW`` matches in Python
(:func:`scores`): for each query alternative a document holds, the alternative's IDF times
the weight of the best field holding it (title 10, summary 4, body 2, attachment only 1: the
tier tokens tell which). It counts no term frequencies: FTS5's own ``bm25()`` would, but it
also walks the doclist of every phrase of the query to count its documents, on every search.
https://www.sqlite.org/fts5.html#the_bm25_function
"""

import datetime
import json
import math
import re
from dataclasses import dataclass

import numpy
from django.db import connection, transaction
from django.utils import timezone

from search import swedish
from search.engines.database import token_bitmaps
from search.engines.database.bitmaps import Bitmaps, parse_ids
from search.engines.database.query_bitmaps import WINDOW, QueryBitmaps, TokenReader, tier_tokens
from search.engines.database.rows import IndexRow, StoredRow, chunks
from search.engines.database.tables import LIVE, REPLACED, Tables
from search.engines.database.terms import (
    ATTACHMENT_TIER,
    SUMMARY_TIER,
    TITLE_TIER,
    alternatives,
    analyse_document,
)

# The recency boost re-orders the best-scored matches of each ranking tier in Python
# (PostgreSQL applies it in SQL).
RERANK_WINDOW = 100
# FTS5 rowid = publication day << ID_BITS | document id: rowid order is date order.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
# The weight of the best field holding a query alternative.
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT, ATTACHMENT_WEIGHT = 10.0, 4.0, 2.0, 1.0
# bm25 weights for title suggestions (title, summary, body, attachment, pairs, tiers).
SUGGEST_WEIGHTS = "10.0, 4.0, 2.0, 1.0, 0.0, 0.0"
# FTS5 settings of a rebuild's load (see SQLiteBackend.start_rebuild): the crisis merge
# threshold (FTS5 allows at most 1,999), and the pages one merge statement writes at most
# (4 KB pages: about 20 MB, a few tenths of a second).
LOAD_CRISISMERGE = 1000
MERGE_PAGES = 5000


def recency_factor(published: datetime.date, today: datetime.date) -> float:
    """Up to +20 % for today's items, halving every year (the same curve as PostgreSQL's)."""
    return 1 + 0.2 * 0.5 ** (max((today - published).days, 0) / 365)


def fts_bitmap(cursor, expression: str, *, table: str = LIVE.fts) -> int:
    """The documents an FTS5 MATCH expression finds, as a bitmap over document ids."""
    # One string instead of a row per match: fetching many rows costs more than parsing.
    cursor.execute(f"SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s", [expression])
    return Bitmaps.from_ids(parse_ids(cursor.fetchone()[0]) & ID_MASK)


def rare_bitmaps(cursor, tokens: list[str]) -> dict[str, int]:
    """The bitmaps of rare ``tokens``, from FTS5."""
    # Stems, pairs and tier tokens are letters, digits and underscores: quoting them makes a
    # one-token FTS5 phrase.
    return {token: fts_bitmap(cursor, f'"{token}"') for token in tokens}


def scores(query: QueryBitmaps, ids: numpy.ndarray) -> numpy.ndarray:
    """Per document of ``ids``: for each alternative it holds, IDF x best field weight."""
    total = max(query.maps.all.bit_count(), 1)
    result = numpy.zeros(len(ids))
    for term in alternatives(query.parsed):
        bitmap = query.term(term)
        present = Bitmaps.member(bitmap, ids) if bitmap else None
        if present is None or not present.any():
            continue
        weight = numpy.full(len(ids), BODY_WEIGHT)
        # Weakest first: a stronger field overrides.
        for prefix, value in [
            (ATTACHMENT_TIER, ATTACHMENT_WEIGHT),
            (SUMMARY_TIER, SUMMARY_WEIGHT),
            (TITLE_TIER, TITLE_WEIGHT),
        ]:
            # A term with a bitmap has content stems, so each tier has tokens.
            tier = query.reader.all_of(tier_tokens(term, prefix))
            weight[Bitmaps.member(tier, ids)] = value
        result += present * weight * math.log(1 + total / bitmap.bit_count())
    return result


FTS_COLUMNS = ["rowid", "title", "summary", "body", "attachment", "pairs", "tiers"]
LEXICON_COLUMNS = ["stem", "folded", "reversed_stem", "reversed_folded"]


@dataclass(frozen=True)
class Prepared:
    stale: list[StoredRow]
    rows: list[tuple]  # the full-text rows, in FTS_COLUMNS order
    values: str  # the same as JSON
    lexicon: str  # JSON: new lexicon rows, in LEXICON_COLUMNS order


def _json(rows: list[tuple]) -> str:
    # Dates and datetimes as Django's SQLite backend reads them back (ISO format).
    return json.dumps(rows, ensure_ascii=False, default=str)


def _insert_json(cursor, table: str, columns: list[str], rows: str, *, verb: str = "INSERT"):
    """Insert many rows in one statement from a JSON array of arrays.

    One statement is one ``sqlite3_step``, during which Python's sqlite3 module releases the
    GIL; ``executemany`` takes it back after every row, and each of those waits for the other
    thread of a rebuild (:meth:`DatabaseEngine.rebuild`), which made the load slower, not
    faster. https://www.sqlite.org/json1.html#jeach
    """
    values = ", ".join(f"json_extract(value, '$[{index}]')" for index in range(len(columns)))
    cursor.execute(
        f"{verb} INTO {table} ({', '.join(columns)}) SELECT {values} FROM json_each(%s)", [rows]
    )


def fts_rowid(ident: int, published: datetime.date) -> int:
    return published.toordinal() << ID_BITS | ident


def _row_tokens(row: tuple) -> tuple[int, list[str]]:
    """(document id, its tokens) of a full-text row (rowid first, then the columns)."""
    return row[0] & ID_MASK, " ".join(row[1:]).split()


class SQLiteBackend:
    vendor = "sqlite"
    # The tables a rebuild copies; their indexes are created again after the swap (SQLite
    # cannot rename an index, and the names are the migrations').
    REBUILT = ("document", "fts", "token_bitmap", "lexicon")

    def __init__(self, tables: Tables = LIVE):
        self.tables = tables

    def begin_search(self, cursor) -> None:
        """A search's token bitmaps are read once, by the reader this starts."""
        self.tokens = TokenReader(cursor, stored=token_bitmaps.read, rare=rare_bitmaps)

    def encode_documents(self, values: list[tuple]) -> str:
        """Rows for :meth:`insert_documents`, encoded in the rebuild's worker thread (in the
        thread that stores them, encoding 100,000 documents took 8 s of the load)."""
        return _json(values)

    def insert_documents(self, cursor, columns: list[str], encoded: str) -> None:
        _insert_json(cursor, self.tables.document, columns, encoded)

    def prepare(self, rows: list[IndexRow]) -> "Prepared":
        """The Python half of writing ``rows`` (no database): stems, pairs, tiers, lexicon."""
        values = []
        lexicon: set[str] = set()
        for row in rows:
            analysed = analyse_document(row.document)
            lexicon |= analysed.lexicon
            values.append(
                (
                    fts_rowid(row.ident, row.document.published),
                    *(" ".join(field.stems) for field in analysed.fields),
                    " ".join(sorted(analysed.pairs)),
                    " ".join(analysed.tier_tokens + analysed.attachment_only_tokens),
                )
            )
        return Prepared(
            stale=[StoredRow(row.ident, row.previous) for row in rows if row.previous],
            rows=values,
            values=_json(values),
            lexicon=_json(
                [
                    (stem, swedish.fold(stem), stem[::-1], swedish.fold(stem)[::-1])
                    for stem in lexicon
                    if len(stem) <= 60
                ]
            ),
        )

    def store(self, cursor, prepared: "Prepared", *, bulk: bool = False) -> None:
        """The full-text rows (replacing their earlier ones), their lexicon and, outside a
        rebuild (which computes them at the end), the stored token bitmaps."""
        removed = self._remove(cursor, prepared.stale)
        _insert_json(cursor, self.tables.fts, FTS_COLUMNS, prepared.values)
        _insert_json(
            cursor, self.tables.lexicon, LEXICON_COLUMNS, prepared.lexicon, verb="INSERT OR IGNORE"
        )
        if not bulk:
            token_bitmaps.apply(cursor, added=map(_row_tokens, prepared.rows), removed=removed)

    def delete(self, cursor, rows: list[StoredRow]) -> None:
        token_bitmaps.apply(cursor, added=[], removed=self._remove(cursor, rows))

    def _remove(self, cursor, rows: list[StoredRow]) -> list[tuple[int, list[str]]]:
        """Delete the full-text rows of ``rows``; returns the (id, tokens) they held."""
        removed = []
        rowids = [fts_rowid(row.ident, row.published) for row in rows]
        for batch in chunks(rowids, token_bitmaps.BATCH):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"SELECT {', '.join(FTS_COLUMNS)} FROM search_fts WHERE rowid IN ({marks})", batch
            )
            removed += [_row_tokens(row) for row in cursor.fetchall()]
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({marks})", batch)
        return removed

    def create_tables(self, cursor) -> None:
        """Empty shadow copies of the live tables (without their indexes: a bulk load into an
        unindexed table is faster, and the swap creates them under their own names)."""
        self.drop_tables(cursor)
        for name in self.REBUILT:
            live = getattr(LIVE, name)
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [live]
            )
            statement = cursor.fetchone()[0]
            cursor.execute(
                re.sub(
                    rf'^(CREATE (?:VIRTUAL )?TABLE )"?{live}"?',
                    rf'\g<1>"{getattr(self.tables, name)}"',
                    statement,
                )
            )

    def drop_tables(self, cursor) -> None:
        for name in self.REBUILT:
            cursor.execute(f'DROP TABLE IF EXISTS "{getattr(self.tables, name)}"')
        # The replaced tables, had a process died between a swap and drop_replaced.
        for name in self.REBUILT:
            cursor.execute(f'DROP TABLE IF EXISTS "{getattr(REPLACED, name)}"')

    def lock_live(self, cursor) -> None:
        """Nothing more to lock: the swap's transaction (BEGIN IMMEDIATE) holds the write lock,
        and readers keep their snapshots."""

    def swap(self, cursor) -> None:
        """Replaces the live tables by the shadow ones and indexes them as before.

        The live tables are renamed aside, not dropped: dropping 100,000 documents' tables
        took 15 s, all of it holding the write lock (:meth:`drop_replaced` drops them after
        the swap has committed). Their indexes are dropped first: the new tables get them
        under the same names.
        """
        indexes = []
        for name in self.REBUILT:
            live = getattr(LIVE, name)
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [live],
            )
            for index, statement in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{index}"')
                indexes.append(statement)
            cursor.execute(f'ALTER TABLE "{live}" RENAME TO "{getattr(REPLACED, name)}"')
            cursor.execute(f'ALTER TABLE "{getattr(self.tables, name)}" RENAME TO "{live}"')
        for statement in indexes:
            cursor.execute(statement)

    def drop_replaced(self, cursor) -> None:
        """Drops the tables a swap replaced, one short transaction each.

        Without zeroing their pages (``secure_delete = FAST``; Debian builds SQLite with
        secure delete on), which was most of the drop's time: they hold the text of documents
        that are all still indexed (writes made during the rebuild deleted and zeroed the rows
        they replaced in these very tables, and the swap replayed them onto the new ones).
        https://www.sqlite.org/pragma.html#pragma_secure_delete
        """
        cursor.execute("PRAGMA secure_delete")
        secure_delete = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA secure_delete = FAST")
        try:
            for name in self.REBUILT:
                with transaction.atomic():
                    cursor.execute(f'DROP TABLE IF EXISTS "{getattr(REPLACED, name)}"')
        finally:
            cursor.execute(f"PRAGMA secure_delete = {secure_delete}")

    def start_rebuild(self, cursor) -> None:
        # A bulk load writes about 10 KiB of index per document: with SQLite's default 2 MiB
        # page cache it rewrites the same b-tree pages over and over. This connection's cache
        # grows for the load (256 MiB at most, only as pages are used).
        cursor.execute("PRAGMA cache_size")
        self._cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")
        # Segments are merged once, at the end (:meth:`finish_rebuild`), not during the load:
        # no automerge, and no crisis merge until LOAD_CRISISMERGE segments (about 3 per chunk)
        # pile up on one level. With FTS5's default of 16, crisis merges rewrote the index
        # loaded so far again and again (a third of the load's time at 50,000 documents), each
        # inside one chunk's transaction, holding the write lock for seconds.
        # https://www.sqlite.org/fts5.html#the_automerge_configuration_option
        fts = self.tables.fts
        cursor.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 0)")
        cursor.execute(
            f"INSERT INTO {fts} ({fts}, rank) VALUES ('crisismerge', %s)", [LOAD_CRISISMERGE]
        )

    def finish_rebuild(self, cursor) -> None:
        """Merges the loaded segments and stores the common tokens' bitmaps, in short
        transactions of its own (the shadow tables are the rebuild's alone, and no single
        step holds the write lock for long)."""
        fts = self.tables.fts
        # Fewer b-trees to read per query. 'merge' with a negative page count merges all
        # segments, at most that many pages per statement; a change count below 2 means
        # nothing was left to merge. https://www.sqlite.org/fts5.html#the_merge_command
        while True:
            with transaction.atomic():
                before = self._total_changes()
                cursor.execute(
                    f"INSERT INTO {fts} ({fts}, rank) VALUES ('merge', %s)", [-MERGE_PAGES]
                )
                if self._total_changes() - before < 2:
                    break
        with transaction.atomic():
            cursor.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('automerge', 4)")
            cursor.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('crisismerge', 16)")
        self._store_common_tokens(cursor)
        cursor.execute(f"PRAGMA cache_size = {int(self._cache_size)}")

    @staticmethod
    def _total_changes() -> int:
        return connection.connection.total_changes

    def _store_common_tokens(self, cursor) -> None:
        """Stores the bitmap of every common token, read from FTS5 once."""
        cursor.execute(f"SELECT count(*) FROM {self.tables.document}")
        threshold = token_bitmaps.common_threshold(cursor.fetchone()[0])
        # fts5vocab lists each token with the number of rows holding it.
        # https://www.sqlite.org/fts5.html#the_fts5vocab_virtual_table_module
        cursor.execute(
            "CREATE VIRTUAL TABLE temp.search_fts_vocab "
            f"USING fts5vocab(main, {self.tables.fts}, row)"
        )
        cursor.execute("SELECT term FROM temp.search_fts_vocab WHERE doc >= %s", [threshold])
        common = [row[0] for row in cursor.fetchall()]
        cursor.execute("DROP TABLE temp.search_fts_vocab")
        # Read outside any transaction (nothing else writes the shadow tables); each batch is
        # written in a short one.
        for batch in chunks(common, token_bitmaps.BATCH):
            found = {
                token: fts_bitmap(cursor, f'"{token}"', table=self.tables.fts) for token in batch
            }
            with transaction.atomic():
                token_bitmaps.save(cursor, found, table=self.tables.token_bitmap)

    def rank_window(
        self, query: QueryBitmaps, scope: str | None, ids: numpy.ndarray, wanted: int
    ) -> list[int]:
        """The best ``wanted`` of a tier's newest matches ``ids``: scored in Python
        (:func:`scores`), then the best RERANK_WINDOW re-ordered with the recency boost."""
        if not len(ids):
            return []
        scored = scores(query, ids)
        best = numpy.argsort(-scored, kind="stable")[: max(wanted, RERANK_WINDOW)]
        today = timezone.localdate()
        maps = query.maps
        boosted = sorted(
            best,
            key=lambda index: (
                scored[index] * recency_factor(maps.published_on(int(ids[index])), today)
            ),
            reverse=True,
        )
        return [int(ids[index]) for index in boosted[:wanted]]

    def title_prefix(self, cursor, words: list[str], *, limit: int) -> list[int]:
        stems = [swedish.stem(word) for word in words[:-1]] + [words[-1]]
        phrases = [f'"{stem}"' for stem in stems[:-1]] + [f'"{stems[-1]}" *']
        cursor.execute(
            f"SELECT rowid & {ID_MASK} FROM (SELECT rowid, bm25(search_fts, {SUGGEST_WEIGHTS}) "
            "AS score "
            "FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s) "
            "ORDER BY score LIMIT %s",
            ["{title} : (" + " AND ".join(phrases) + ")", WINDOW, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def similar(self, cursor, stem: str, *, limit: int) -> list[str]:
        """No trigram support in SQLite: typo tolerance is PostgreSQL's and Elasticsearch's."""
        return []

    def ending_with(self, cursor, column: str, reversed_text: str, *, limit: int) -> list[str]:
        # Binary collation compares UTF-8 bytes, so a range on the index finds the prefix.
        cursor.execute(
            f"SELECT stem FROM search_lexicon WHERE {column} > %s AND {column} < %s "
            "ORDER BY length(stem), stem LIMIT %s",
            [reversed_text, reversed_text + "\U0010ffff", limit],
        )
        return [row[0] for row in cursor.fetchall()]
