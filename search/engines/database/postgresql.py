"""PostgreSQL: weighted ``tsvector`` columns (``swedish`` configuration) and one GIN index.

``search_pg_match`` holds one narrow row per document (``toast_tuple_target`` moves the
vectors out of line, so the heap a search reads is about a hundred bytes per document):

- ``match_vector`` (GIN): the document's lexemes without positions, its word pairs and its
  tier tokens (:mod:`.terms`). The GIN index answers which documents hold a rare token; the
  common tokens' bitmaps are stored (:mod:`.token_chunks`), because collecting their ids
  from the index visits every matching row. A query is matched and split into ranking tiers
  over those bitmaps (:mod:`.query_bitmaps`, shared with SQLite); filters are the facet
  bitmaps (:mod:`.bitmaps`).
  https://www.postgresql.org/docs/15/textsearch-indexes.html
- ``title_vector``, ``summary_vector`` and ``search_vector`` (title A, summary B, body C,
  attachment D, with positions): read only by ``ts_rank``, for the newest ``WINDOW``
  matches of a ranking tier (:meth:`PostgreSQLBackend.rank_window`), so a search's cost does
  not grow with the index.

Queries are built from stems Python computed with the same Snowball algorithm and cast to
``tsquery`` as they are (``to_tsquery`` would split a pair token at its underscores).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from django.db import transaction

from search import swedish
from search.engines.database import token_bitmaps, token_chunks
from search.engines.database.bitmaps import Bitmaps
from search.engines.database.query_bitmaps import QueryBitmaps, TokenReader
from search.engines.database.rows import IndexRow, StoredRow, chunks
from search.engines.database.tables import LIVE, Tables
from search.engines.database.terms import (
    SUMMARY_TIER,
    TITLE_TIER,
    alternatives,
    analyse_document,
    clause_terms,
)
from search.query import ParsedQuery, Term

# ts_rank weights for {D, C, B, A}: attachment, body, summary, title.
WEIGHTS = "'{0.05, 0.2, 0.4, 1.0}'"
# A mild boost for recent items: up to +20 % for today's, halving every year.
RECENCY = "(1 + 0.2 * power(0.5, (current_date - published) / 365.0))"
# The rank within each tier (by its scope): the tier's own vector, or the whole weighted one.
TIER_RANKS = {
    TITLE_TIER: "ts_rank(title_vector, %(words)s::tsquery)",
    SUMMARY_TIER: "ts_rank(summary_vector, %(words)s::tsquery)",
    None: f"ts_rank({WEIGHTS}, search_vector, %(text)s::tsquery)",
}
# OFFSET 0 keeps each subquery a subquery: inlined, PostgreSQL would copy the expressions and
# compute every vector twice (once for its column, once inside the next expression).
INSERT = (
    "INSERT INTO {match} (id, published, title_vector, summary_vector, search_vector, "
    "match_vector) "
    "SELECT id, published, title, summary, whole, strip(whole) || extra FROM ("
    "SELECT d.id, d.published, t.title, t.summary, "
    "setweight(t.title, 'A') || setweight(t.summary, 'B') || "
    "setweight(to_tsvector('swedish', d.body), 'C') || "
    "setweight(to_tsvector('swedish', d.attachment_text), 'D') AS whole, "
    "array_to_tsvector(string_to_array(p.tokens, ' ')) AS extra "
    "FROM unnest(%s::bigint[], %s::text[]) AS p(id, tokens) "
    "JOIN {document} d ON d.id = p.id "
    "CROSS JOIN LATERAL (SELECT to_tsvector('swedish', d.title) AS title, "
    "to_tsvector('swedish', d.summary) AS summary OFFSET 0) AS t OFFSET 0) AS v"
)
# What a rebuild stores of a common token: the tokens a query can ask for (stems, pairs and
# tier tokens), which quote safely into a tsquery.
STORED_TOKEN = re.compile(r"\w+")
# Common tokens whose bitmaps one statement of a rebuild reads.
TOKEN_BATCH = 100


@dataclass(frozen=True)
class Prepared:
    ids: list[int]
    tokens: list[str]  # per id: its pairs and tier tokens, space-separated


def ids_bitmap(raw: bytes | None) -> int:
    """The bitmap of the ids a query aggregated as ``string_agg(int8send(id), '')``: binary
    big-endian integers, which PostgreSQL writes and numpy reads faster than text."""
    return Bitmaps.from_ids(numpy.frombuffer(raw or b"", dtype=">i8").astype(numpy.int64))


def rare_bitmaps(cursor, tokens: list[str], *, table: str = LIVE.pg_match) -> dict[str, int]:
    """The bitmaps of ``tokens`` from the GIN index, one index scan per token."""
    cursor.execute(
        "SELECT k.token, (SELECT string_agg(int8send(id), ''::bytea) "
        f"FROM {table} WHERE match_vector @@ k.query::tsquery) "
        "FROM unnest(%s::text[], %s::text[]) AS k(token, query)",
        [tokens, [f"'{token}'" for token in tokens]],
    )
    return {token: ids_bitmap(raw) for token, raw in cursor.fetchall()}


def exact_term(term: Term) -> str | None:
    """A tsquery with positions, for ranking: stop words in a phrase become distances."""
    parts: list[str] = []
    gap = 0
    for word, stem in zip(term.words, term.stems, strict=True):
        if swedish.is_stop_word(word) and not term.prestemmed:
            gap += 1
            continue
        if parts:
            parts.append(f"<{gap + 1}>" if gap else "<->")
        parts.append(f"'{stem}'")
        gap = 0
    return " ".join(parts) if parts else None


def _any(terms: Sequence[Term]) -> str | None:
    compiled = [item for item in map(exact_term, terms) if item]
    return "(" + " | ".join(compiled) + ")" if compiled else None


def words_tsquery(parsed: ParsedQuery) -> str:
    """Any alternative of the query, for ts_rank of one field's vector."""
    return _any(alternatives(parsed)) or ""


def text_tsquery(parsed: ParsedQuery) -> str:
    """The whole query, for ts_rank of the whole weighted vector."""
    required = [compiled for terms in clause_terms(parsed) if (compiled := _any(terms))]
    excluded = _any(parsed.excluded)
    if excluded:
        required.append(f"!{excluded}")
    return " & ".join(required)


def _index_shape(definition: str) -> str:
    """An index definition without its name and table: what an index means."""
    return re.sub(r"^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+", r"CREATE \1INDEX ON", definition)


class PostgreSQLBackend:
    vendor = "postgresql"
    REBUILT = ("document", "pg_match", "lexicon", "token_bitmap")

    def __init__(self, tables: Tables = LIVE):
        self.tables = tables

    def begin_search(self, cursor) -> None:
        """Planner settings for this transaction's searches.

        The planner does not count the cost of decompressing a tsvector, so for a common word
        it prefers a sequential scan that reads every document's vector over the GIN index
        that answers without them (0.35 s against 0.01 s at 100,000 documents); and the
        disabled scan's cost estimate would then trigger JIT compilation. SET LOCAL lasts until
        the outermost transaction ends: the search's own, since views run in autocommit.
        https://www.postgresql.org/docs/15/runtime-config-query.html
        """
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL jit = off")
        self.tokens = TokenReader(cursor, stored=token_chunks.read, rare=rare_bitmaps)

    # --- writing --------------------------------------------------------------------------
    def encode_documents(self, values: list[tuple]) -> list[tuple]:
        """COPY writes the rows as they are."""
        return values

    def insert_documents(self, cursor, columns: list[str], values: list[tuple]) -> None:
        # COPY: one round trip per chunk, no SQL to parse per row.
        table = self.tables.document
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)

    def prepare(self, rows: list[IndexRow]) -> "Prepared":
        """The Python half of writing ``rows`` (no database): pairs and tier tokens."""
        tokens = []
        for row in rows:
            analysed = analyse_document(row.document)
            extra = sorted(analysed.pairs) + analysed.tier_tokens
            tokens.append(" ".join(extra))
        return Prepared(ids=[row.ident for row in rows], tokens=tokens)

    def store(self, cursor, prepared: "Prepared", *, bulk: bool = False) -> None:
        """The match rows; outside a rebuild also replacing old ones and adding the lexicon."""
        statement = INSERT.format(match=self.tables.pg_match, document=self.tables.document)
        if bulk:
            cursor.execute(statement, [prepared.ids, prepared.tokens])
            return
        removed = self._delete(cursor, prepared.ids)
        cursor.execute(
            statement + " RETURNING id, tsvector_to_array(match_vector)",
            [prepared.ids, prepared.tokens],
        )
        token_chunks.apply(cursor, added=cursor.fetchall(), removed=removed)
        ids = ",".join(str(int(ident)) for ident in prepared.ids)
        self._add_lexicon(cursor, f"WHERE id IN ({ids})")

    def _add_lexicon(self, cursor, where: str) -> None:
        """PostgreSQL's own lexemes of the written rows, so expansion finds what matches."""
        cursor.execute(
            f"INSERT INTO {self.tables.lexicon} (stem, folded, reversed_stem, reversed_folded) "
            "SELECT word, translate(word, 'åäöéü', 'aaoeu'), reverse(word), "
            "reverse(translate(word, 'åäöéü', 'aaoeu')) FROM ts_stat("
            "%s) WHERE length(word) <= 60 ON CONFLICT (stem) DO NOTHING",
            [f"SELECT search_vector FROM {self.tables.pg_match} {where}"],
        )

    def delete(self, cursor, rows: list[StoredRow]) -> None:
        removed = self._delete(cursor, [row.ident for row in rows])
        token_chunks.apply(cursor, added=[], removed=removed)

    def _delete(self, cursor, ids: list[int]) -> list[tuple[int, list[str]]]:
        """Deletes the match rows of ``ids``; returns the (id, tokens) they held."""
        cursor.execute(
            "DELETE FROM search_pg_match WHERE id = ANY(%s) "
            "RETURNING id, tsvector_to_array(match_vector)",
            [ids],
        )
        return cursor.fetchall()

    def create_tables(self, cursor) -> None:
        """Empty shadow copies of the live tables, with their storage parameters (the match
        table's ``toast_tuple_target``, the token table's ``fillfactor``). The match table gets
        its GIN index only after the load (``finish_rebuild``): building it once is much faster
        than updating it row by row."""
        self.drop_tables(cursor)
        for name in self.REBUILT:
            live, shadow = getattr(LIVE, name), getattr(self.tables, name)
            indexes = "INCLUDING ALL EXCLUDING INDEXES" if name == "pg_match" else "INCLUDING ALL"
            # LIKE copies columns, constraints and indexes, not storage parameters.
            cursor.execute("SELECT reloptions FROM pg_class WHERE oid = %s::regclass", [live])
            options = cursor.fetchone()[0]
            storage = f" WITH ({', '.join(options)})" if options else ""
            cursor.execute(f"CREATE TABLE {shadow} (LIKE {live} {indexes}){storage}")
        cursor.execute(f"ALTER TABLE {self.tables.pg_match} ADD PRIMARY KEY (id)")

    def drop_tables(self, cursor) -> None:
        for name in self.REBUILT:
            cursor.execute(f"DROP TABLE IF EXISTS {getattr(self.tables, name)}")

    def _indexes(self, cursor, table: str) -> list[tuple[str, str]]:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = %s",
            [table],
        )
        return cursor.fetchall()

    def lock_live(self, cursor) -> None:
        """The live tables, locked in the order searches lock them (``read_snapshot``)."""
        tables = ", ".join(getattr(LIVE, name) for name in self.REBUILT)
        cursor.execute(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE")

    def swap(self, cursor) -> None:
        """Replaces the live tables by the shadow ones; each index takes the name of the live
        index it equals (the names are the migrations'). Catalogue changes only: the
        ACCESS EXCLUSIVE locks last milliseconds."""
        for name in self.REBUILT:
            live, shadow = getattr(LIVE, name), getattr(self.tables, name)
            names = {
                _index_shape(definition): index for index, definition in self._indexes(cursor, live)
            }
            indexes = self._indexes(cursor, shadow)
            cursor.execute(f"DROP TABLE {live}")
            cursor.execute(f"ALTER TABLE {shadow} RENAME TO {live}")
            for index, definition in indexes:
                target = names.get(_index_shape(definition))
                if target and target != index:
                    cursor.execute(f"ALTER INDEX {index} RENAME TO {target}")

    def drop_replaced(self, cursor) -> None:
        """Nothing left over: the swap dropped the replaced tables."""

    def start_rebuild(self, cursor) -> None:
        """Nothing to prepare: ``create_tables`` made the tables empty and unindexed."""

    def finish_rebuild(self, cursor) -> None:
        with transaction.atomic():
            match, document = self.tables.pg_match, self.tables.document
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(f"CREATE INDEX {match}_match ON {match} USING gin (match_vector)")
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{document}', 'id'), "
                f"coalesce(max(id), 0) + 1, false) FROM {document}"
            )
            self._add_lexicon(cursor, "")
            cursor.execute(f"ANALYZE {document}")
            cursor.execute(f"ANALYZE {match}")
        self._store_common_tokens(cursor)

    def _store_common_tokens(self, cursor) -> None:
        """Stores the bitmap of every common token (:mod:`.token_chunks`), each read from the
        new GIN index once; in short transactions (nothing else writes the new tables)."""
        match, table = self.tables.pg_match, self.tables.token_bitmap
        cursor.execute(f"SELECT count(*) FROM {self.tables.document}")
        threshold = token_bitmaps.common_threshold(cursor.fetchone()[0])
        # ts_stat counts the documents holding each lexeme of the vectors a query returns.
        # https://www.postgresql.org/docs/15/textsearch-features.html#TEXTSEARCH-STATISTICS
        cursor.execute(
            "SELECT word FROM ts_stat(%s) WHERE ndoc >= %s ORDER BY word",
            [f"SELECT match_vector FROM {match}", threshold],
        )
        common = [row[0] for row in cursor.fetchall() if STORED_TOKEN.fullmatch(row[0])]
        for batch in chunks(common, TOKEN_BATCH):
            found = rare_bitmaps(cursor, batch, table=match)
            with transaction.atomic():
                token_chunks.save(cursor, found, table=table)

    # --- reading --------------------------------------------------------------------------
    def rank_window(
        self, query: QueryBitmaps, scope: str | None, ids: numpy.ndarray, wanted: int
    ) -> list[int]:
        """The best ``wanted`` of a tier's newest matches ``ids``: ts_rank of the tier's own
        vector (the title's, the summary's, or for the rest the whole weighted one) with the
        recency boost."""
        if not len(ids):
            return []
        parsed = query.parsed
        # The search's own cursor, the one its token reader reads with.
        cursor = query.reader.cursor
        cursor.execute(
            f"SELECT id FROM search_pg_match WHERE id = ANY(%(ids)s) "
            f"ORDER BY {TIER_RANKS[scope]} * {RECENCY} DESC, id DESC LIMIT %(wanted)s",
            {
                "ids": ids.tolist(),
                "wanted": wanted,
                "words": words_tsquery(parsed),
                "text": text_tsquery(parsed),
            },
        )
        return [row[0] for row in cursor.fetchall()]

    def title_prefix(self, cursor, words: list[str], *, limit: int) -> list[int]:
        stems = [swedish.stem(word) for word in words[:-1]]
        parts = [f"'{TITLE_TIER}{stem}'" for stem in stems] + [f"'{TITLE_TIER}{words[-1]}':*"]
        cursor.execute(
            "SELECT id FROM search_pg_match WHERE match_vector @@ %s::tsquery "
            "ORDER BY published DESC, id DESC LIMIT %s",
            [" & ".join(parts), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def similar(self, cursor, stem: str, *, limit: int) -> list[str]:
        """The closest known stems by trigram similarity (pg_trgm, indexed)."""
        cursor.execute(
            "SELECT stem FROM search_lexicon WHERE stem %% %s "
            "ORDER BY similarity(stem, %s) DESC, stem LIMIT %s",
            [stem, stem, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def ending_with(self, cursor, column: str, reversed_text: str, *, limit: int) -> list[str]:
        # LIKE with a literal prefix uses Django's varchar_pattern_ops index on the column.
        cursor.execute(
            f"SELECT stem FROM search_lexicon WHERE {column} LIKE %s AND {column} <> %s "
            "ORDER BY length(stem), stem LIMIT %s",
            [reversed_text + "%", reversed_text, limit],
        )
        return [row[0] for row in cursor.fetchall()]
