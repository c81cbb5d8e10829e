"""SQLite: FTS5 over stems computed in Python (FTS5 has no Swedish stemmer).

The table ``search_fts`` has one column per weighted field, ``filters`` (the filter tokens,
``_`` + the token), ``pairs`` and ``tiers`` (:mod:`.terms`: word pairs for phrases, the title
and summary tier tokens). Its rowid is the publication day << 32 | the document id
(:func:`fts_rowid`), so rowid order is date order. Text, phrases (as pairs), filters and tiers
are one MATCH expression of plain tokens, ranked by FTS5's own ``bm25()`` with per-column
weights. Stems, pairs, tier and filter tokens cannot be mistaken for each other (only the
latter two start with ``_``, only pairs hold one inside), so the expression needs no column
filters, which would double the cost of bm25.
https://www.sqlite.org/fts5.html#the_bm25_function

bm25 costs a few microseconds per row it scores, and common words match most of the index.
Ranking therefore goes tier by tier (documents whose title holds a query word, then whose
summary does, then the rest; exact words before compound matches), stops as soon as a tier
fills the page, and within a tier scores only its newest ``WINDOW`` matches, which
``ORDER BY rowid DESC LIMIT`` reads straight off FTS5's doclists. Older matches of a larger
tier follow, newest first, on the pages after them. A search thus costs about the same at
10,000 and 1,000,000 documents, apart from collecting the matching ids for the facets.
"""

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy

from search import swedish
from search.engines.database.bitmaps import parse_ids
from search.engines.database.rows import IndexRow, StoredRow
from search.engines.database.terms import (
    FILTER_PREFIX,
    SUMMARY_TIER,
    TITLE_TIER,
    analyse_document,
    clause_terms,
    filter_index_tokens,
    has_compounds,
    term_match,
    tier_groups,
)
from search.filters import ALL_TOKEN
from search.query import ParsedQuery, Term

# FTS5 rowid = publication day << ID_BITS | document id: rowid order is date order.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
# How many of a tier's newest matches bm25 scores (a few milliseconds on two cores).
WINDOW = 1000
# bm25 weights: title, summary, body, attachment, filters, pairs (a phrase scores by its pairs,
# found in any field), tiers.
WEIGHTS = "10.0, 4.0, 2.0, 1.0, 0.0, 2.0, 0.0"


def _quoted(tokens: Sequence[str], operator: str) -> str:
    # Stems, pairs and tier tokens are letters, digits and underscores only: quoting is safe.
    return "(" + f" {operator} ".join(f'"{token}"' for token in tokens) + ")"


def _term(term: Term) -> str | None:
    match = term_match(term)
    return _quoted(match.tokens, "AND") if match else None


def _any(terms: Sequence[Term]) -> str | None:
    compiled = [item for item in map(_term, terms) if item]
    return "(" + " OR ".join(compiled) + ")" if compiled else None


def text_expression(parsed: ParsedQuery, *, exact_only: bool = False) -> str | None:
    """The MATCH expression for the text part, or None when the query has no text."""
    required = [
        compiled
        for terms in clause_terms(parsed, exact_only=exact_only)
        if (compiled := _any(terms))
    ]
    positive = " AND ".join(required) if required else f'"{FILTER_PREFIX}{ALL_TOKEN}"'
    excluded = _any(parsed.excluded)
    if excluded:
        return f"({positive}) NOT {excluded}"
    return positive if required else None


def tier_expression(parsed: ParsedQuery, prefix: str) -> str | None:
    groups = tier_groups(parsed, prefix)
    if not groups:
        return None
    return "(" + " OR ".join(_quoted(group, "AND") for group in groups) + ")"


def filter_expression(groups: list[list[str]]) -> str:
    return " AND ".join(_quoted(filter_index_tokens(group), "OR") for group in groups)


def combine(*parts: str | None) -> str:
    return " AND ".join(f"({part})" for part in parts if part)


FTS_COLUMNS = ["rowid", "title", "summary", "body", "attachment", "filters", "pairs", "tiers"]
LEXICON_COLUMNS = ["stem", "folded", "reversed_stem", "reversed_folded"]


@dataclass(frozen=True)
class Prepared:
    stale: list[StoredRow]
    values: str  # JSON: the full-text rows, in FTS_COLUMNS order
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


class SQLiteBackend:
    vendor = "sqlite"

    def begin_search(self, cursor) -> None:
        """Nothing to set: SQLite's planner picks FTS5's index for every MATCH."""

    def insert_documents(self, cursor, columns: list[str], values: list[tuple]) -> None:
        _insert_json(cursor, "search_document", columns, _json(values))

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
                    " ".join(filter_index_tokens(row.filter_tokens.split())),
                    " ".join(sorted(analysed.pairs)),
                    " ".join(analysed.tier_tokens),
                )
            )
        return Prepared(
            stale=[StoredRow(row.ident, row.previous) for row in rows if row.previous],
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
        """The full-text rows (replacing their earlier ones) and their lexicon."""
        self.delete(cursor, prepared.stale)
        _insert_json(cursor, "search_fts", FTS_COLUMNS, prepared.values)
        _insert_json(
            cursor, "search_lexicon", LEXICON_COLUMNS, prepared.lexicon, verb="INSERT OR IGNORE"
        )

    def delete(self, cursor, rows: list[StoredRow]) -> None:
        cursor.executemany(
            "DELETE FROM search_fts WHERE rowid = %s",
            [(fts_rowid(row.ident, row.published),) for row in rows],
        )

    def start_rebuild(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")
        cursor.execute("DELETE FROM search_document")
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'search_document'")
        # A bulk load writes about 10 KiB of index per document: with SQLite's default 2 MiB
        # page cache it rewrites the same b-tree pages over and over. This connection's cache
        # grows for the load (256 MiB at most, only as pages are used).
        cursor.execute("PRAGMA cache_size")
        self._cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size = -262144")
        # Segments are merged once, by 'optimize' at the end, not incrementally during the load.
        # https://www.sqlite.org/fts5.html#the_automerge_configuration_option
        cursor.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0)")

    def finish_rebuild(self, cursor) -> None:
        # Merges FTS5's index segments after the load: fewer b-trees to read per query.
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        cursor.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 4)")
        cursor.execute(f"PRAGMA cache_size = {int(self._cache_size)}")

    def match_ids(self, cursor, parsed: ParsedQuery) -> numpy.ndarray:
        expression = text_expression(parsed)
        # One string instead of a row per match: fetching 100,000 rows costs more than parsing.
        cursor.execute(
            "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s", [expression]
        )
        return parse_ids(cursor.fetchone()[0]) & ID_MASK

    def ranked(
        self, cursor, parsed: ParsedQuery, groups: list[list[str]], *, limit: int
    ) -> list[list[tuple[int, float]]]:
        """Tiers of (id, score), best tier first, best first within each; higher is better."""
        filters = filter_expression(groups)
        if not parsed.clauses:
            return [self._rank(cursor, combine(text_expression(parsed), filters), limit)]
        levels = [text_expression(parsed, exact_only=True)]
        if has_compounds(parsed):
            levels.append(f"({text_expression(parsed)}) NOT ({levels[0]})")
        scopes = [
            tier_expression(parsed, TITLE_TIER),
            tier_expression(parsed, SUMMARY_TIER),
            None,
        ]
        tiers: list[list[tuple[int, float]]] = []
        found = 0
        for level in levels:
            earlier: list[str] = []
            for scope in scopes:
                expression = combine(level, filters, scope)
                if earlier:
                    expression = f"({expression}) NOT ({' OR '.join(earlier)})"
                rows = self._rank(cursor, expression, limit - found)
                tiers.append(rows)
                found += len(rows)
                if found >= limit:
                    return tiers
                if scope:
                    earlier.append(f"({scope})")
        return tiers

    def _rank(self, cursor, expression: str, limit: int) -> list[tuple[int, float]]:
        """The best of the tier's newest WINDOW matches, then (deep pages) the older ones."""
        cursor.execute(
            f"SELECT rowid, score FROM (SELECT rowid, -bm25(search_fts, {WEIGHTS}) AS score "
            "FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s) "
            "ORDER BY score DESC LIMIT %s",
            [expression, WINDOW, limit],
        )
        rows = cursor.fetchall()
        if len(rows) == WINDOW and limit > WINDOW:
            # Scored 0: the caller's recency re-ordering keeps them after the window, newest
            # first (it sorts stably).
            cursor.execute(
                "SELECT rowid, 0.0 FROM search_fts WHERE search_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [expression, limit - WINDOW, WINDOW],
            )
            rows += cursor.fetchall()
        return [(rowid & ID_MASK, score) for rowid, score in rows]

    def title_prefix(self, cursor, words: list[str], *, limit: int) -> list[int]:
        stems = [swedish.stem(word) for word in words[:-1]] + [words[-1]]
        phrases = [f'"{stem}"' for stem in stems[:-1]] + [f'"{stems[-1]}" *']
        cursor.execute(
            f"SELECT rowid & {ID_MASK} FROM (SELECT rowid, bm25(search_fts, {WEIGHTS}) AS score "
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
