"""SQLite: FTS5 over stems computed in Python (FTS5 has no Swedish stemmer).

The table ``search_fts`` has one column per weighted field plus ``filters``; its rowid is
``search_document.id``. Text queries and filters are one MATCH expression, ranked by FTS5's
own ``bm25()`` with per-column weights: the filters narrow the match before ranking, and
``ORDER BY bm25 LIMIT`` never reads the documents table.
https://www.sqlite.org/fts5.html#the_bm25_function

bm25 is computed for every row of a match, and common words match most of the index. Ranking
therefore goes tier by tier — documents whose title holds a query word, then the summary, the
body, the rest; exact words before compound matches — and stops as soon as a tier fills the
page, so a common word ranks the few thousand titles holding it, not 100,000 bodies.
"""

from collections.abc import Sequence

from search import swedish
from search.documents import SearchDocument
from search.filters import ALL_TOKEN
from search.query import Origin, ParsedQuery, Term

TEXT_COLUMNS = "{title summary body attachment}"
# bm25 weights: title, summary, body, attachment, filters (filters never score).
WEIGHTS = "10.0, 4.0, 2.0, 1.0, 0.0"
FIELD_TIERS = ["{title}", "{title summary}", "{title summary body}"]
EXACT_ORIGINS = frozenset({Origin.TYPED, Origin.SYNONYM, Origin.FOLDED, Origin.TYPO})


def _phrase(term: Term) -> str:
    # Stems are letters and digits only (swedish.WORD), so quoting them is safe.
    return '"' + " ".join(term.stems) + '"'


def _clause(terms: Sequence[Term]) -> str:
    return "(" + " OR ".join(_phrase(term) for term in terms) + ")"


def text_expression(parsed: ParsedQuery, *, exact_only: bool = False) -> str | None:
    """The MATCH expression for the text part, or None when the query has no text."""
    required = []
    for clause in parsed.clauses:
        terms = [
            term for term in clause.alternatives if not exact_only or term.origin in EXACT_ORIGINS
        ]
        required.append(_clause(terms))
    positive = (
        f"{TEXT_COLUMNS} : ({' AND '.join(required)})" if required else f"filters : {ALL_TOKEN}"
    )
    if not parsed.excluded:
        return positive if required else None
    excluded = " OR ".join(_phrase(term) for term in parsed.excluded)
    return f"({positive}) NOT ({TEXT_COLUMNS} : ({excluded}))"


def filter_expression(groups: list[list[str]]) -> str:
    return " AND ".join("filters : (" + " OR ".join(group) + ")" for group in groups)


def combine(*parts: str | None) -> str:
    return " AND ".join(f"({part})" for part in parts if part)


def _any_term(parsed: ParsedQuery) -> str:
    return _clause([term for clause in parsed.clauses for term in clause.alternatives])


def has_compounds(parsed: ParsedQuery) -> bool:
    return any(
        term.origin is Origin.COMPOUND for clause in parsed.clauses for term in clause.alternatives
    )


class SQLiteBackend:
    vendor = "sqlite"

    def write(self, cursor, rows: list[tuple[int, SearchDocument, str]]) -> None:
        cursor.executemany(
            "DELETE FROM search_fts WHERE rowid = %s", [(ident,) for ident, _, _ in rows]
        )
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, summary, body, attachment, filters) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    ident,
                    swedish.stemmed_text(document.title),
                    swedish.stemmed_text(document.summary),
                    swedish.stemmed_text(document.body),
                    swedish.stemmed_text(document.attachment_text),
                    tokens,
                )
                for ident, document, tokens in rows
            ],
        )

    def delete(self, cursor, ids: list[int]) -> None:
        cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(ident,) for ident in ids])

    def clear(self, cursor) -> None:
        cursor.execute("DELETE FROM search_fts")
        cursor.execute("DELETE FROM search_document")
        cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'search_document'")

    def optimize(self, cursor) -> None:
        # Merges FTS5's index segments after a bulk load: fewer b-trees to read per query.
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")

    def match_ids(self, cursor, parsed: ParsedQuery) -> list[int]:
        expression = text_expression(parsed)
        # One string instead of a row per match: fetching 100,000 rows costs more than parsing.
        cursor.execute(
            "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s", [expression]
        )
        joined = cursor.fetchone()[0]
        return list(map(int, joined.split(","))) if joined else []

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
        words = _any_term(parsed)
        tiers: list[list[tuple[int, float]]] = []
        found = 0
        for level in levels:
            previous = None
            for columns in [*FIELD_TIERS, None]:
                scope = f"{columns} : {words}" if columns else None
                expression = combine(level, filters, scope)
                if previous:
                    expression = f"({expression}) NOT ({previous})"
                rows = self._rank(cursor, expression, limit - found)
                tiers.append(rows)
                found += len(rows)
                if found >= limit:
                    return tiers
                previous = scope
        return tiers

    def _rank(self, cursor, expression: str, limit: int) -> list[tuple[int, float]]:
        cursor.execute(
            f"SELECT rowid, -bm25(search_fts, {WEIGHTS}) FROM search_fts "
            f"WHERE search_fts MATCH %s ORDER BY bm25(search_fts, {WEIGHTS}) LIMIT %s",
            [expression, limit],
        )
        return cursor.fetchall()

    def title_prefix(self, cursor, words: list[str], *, limit: int) -> list[int]:
        stems = [swedish.stem(word) for word in words[:-1]] + [words[-1]]
        phrases = [f'"{stem}"' for stem in stems[:-1]] + [f'"{stems[-1]}" *']
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            f"ORDER BY bm25(search_fts, {WEIGHTS}) LIMIT %s",
            ["{title} : (" + " AND ".join(phrases) + ")", limit],
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

    def add_lexicon(self, cursor, rows: list[tuple[int, SearchDocument, str]]) -> None:
        stems = swedish.distinct_stems(
            text
            for _, document, _ in rows
            for text in (document.title, document.summary, document.body, document.attachment_text)
        )
        cursor.executemany(
            "INSERT OR IGNORE INTO search_lexicon (stem, folded, reversed_stem, reversed_folded) "
            "VALUES (%s, %s, %s, %s)",
            [
                (stem, swedish.fold(stem), stem[::-1], swedish.fold(stem)[::-1])
                for stem in stems
                if len(stem) <= 60
            ],
        )
