"""PostgreSQL: a weighted ``tsvector`` (``swedish`` configuration) with a GIN index.

``search_pg_match.search_vector`` holds title (A), summary (B), body (C) and attachment text
(D), built by PostgreSQL's own Swedish stemmer; ``filter_vector`` holds the filter tokens, with
its own GIN index, so a filter is one more indexed condition of the match. Queries are built
from stems Python computed with the same Snowball algorithm and passed through the ``simple``
configuration, which takes them as they are.
https://www.postgresql.org/docs/15/textsearch-controls.html#TEXTSEARCH-RANKING

``ts_rank`` reads (and decompresses) the whole vector of every row it ranks, and common words
match most documents. Ranking therefore goes tier by tier, using the small title and summary
vectors: documents whose title holds a query word, then whose summary does, then the rest;
exact words before compound matches. It stops as soon as a tier fills the page.
"""

from collections.abc import Sequence

from search import swedish
from search.documents import SearchDocument
from search.query import Origin, ParsedQuery, Term

# ts_rank weights for {D, C, B, A}: attachment, body, summary, title.
WEIGHTS = "'{0.05, 0.2, 0.4, 1.0}'"
# A mild boost for recent items: up to +20 % for today's, halving every year.
RECENCY = "(1 + 0.2 * power(0.5, (current_date - published) / 365.0))"
EXACT_ORIGINS = frozenset({Origin.TYPED, Origin.SYNONYM, Origin.FOLDED, Origin.TYPO})
VECTOR = (
    "setweight(to_tsvector('swedish', title), 'A') || "
    "setweight(to_tsvector('swedish', summary), 'B') || "
    "setweight(to_tsvector('swedish', body), 'C') || "
    "setweight(to_tsvector('swedish', attachment_text), 'D')"
)
# Tiers: (condition on the tier's own vector, the rank within the tier).
TIERS = [
    ("title_vector @@ query.words", "ts_rank(title_vector, query.words)"),
    ("summary_vector @@ query.words", "ts_rank(summary_vector, query.words)"),
    ("true", f"ts_rank({WEIGHTS}, search_vector, query.text)"),
]


def _term(term: Term) -> str | None:
    """A tsquery for one word or phrase; stop words in a phrase become distances."""
    parts: list[str] = []
    gap = 0
    for word, stem in zip(term.words, term.stems, strict=True):
        if swedish.is_stop_word(word) and not term.prestemmed:
            gap += 1
            continue
        if parts:
            parts.append(f"<{gap + 1}>" if gap else "<->")
        # Stems are letters and digits only (swedish.WORD): quoting them is safe.
        parts.append(f"'{stem}'")
        gap = 0
    return " ".join(parts) if parts else None


def _any(terms: Sequence[Term]) -> str | None:
    compiled = [item for item in (_term(term) for term in terms) if item]
    return "(" + " | ".join(compiled) + ")" if compiled else None


def text_tsquery(parsed: ParsedQuery, *, exact_only: bool = False) -> str | None:
    required = []
    for clause in parsed.clauses:
        terms = [
            term for term in clause.alternatives if not exact_only or term.origin in EXACT_ORIGINS
        ]
        compiled = _any(terms)
        if compiled:
            required.append(compiled)
    excluded = _any(parsed.excluded)
    if excluded:
        required.append(f"!{excluded}")
    return " & ".join(required) if required else None


def filter_tsquery(groups: list[list[str]]) -> str | None:
    if not groups:
        return None
    return " & ".join("(" + " | ".join(group) + ")" for group in groups)


def has_compounds(parsed: ParsedQuery) -> bool:
    return any(
        term.origin is Origin.COMPOUND for clause in parsed.clauses for term in clause.alternatives
    )


def _any_term(parsed: ParsedQuery) -> str | None:
    return _any([term for clause in parsed.clauses for term in clause.alternatives])


class PostgreSQLBackend:
    vendor = "postgresql"

    def write(self, cursor, rows: list[tuple[int, SearchDocument, str]]) -> None:
        cursor.execute(
            "INSERT INTO search_pg_match (id, published, title_vector, summary_vector, "
            "search_vector, filter_vector) "
            "SELECT id, published, to_tsvector('swedish', title), "
            f"to_tsvector('swedish', summary), {VECTOR}, to_tsvector('simple', filter_tokens) "
            "FROM search_document WHERE id = ANY(%s) ON CONFLICT (id) DO UPDATE SET "
            "published = EXCLUDED.published, title_vector = EXCLUDED.title_vector, "
            "summary_vector = EXCLUDED.summary_vector, search_vector = EXCLUDED.search_vector, "
            "filter_vector = EXCLUDED.filter_vector",
            [[ident for ident, _, _ in rows]],
        )

    def delete(self, cursor, ids: list[int]) -> None:
        cursor.execute("DELETE FROM search_pg_match WHERE id = ANY(%s)", [ids])

    def clear(self, cursor) -> None:
        cursor.execute("TRUNCATE search_document, search_pg_match RESTART IDENTITY")

    def optimize(self, cursor) -> None:
        cursor.execute("ANALYZE search_document")
        cursor.execute("ANALYZE search_pg_match")

    def match_ids(self, cursor, parsed: ParsedQuery) -> list[int]:
        # One string instead of a row per match: fetching 100,000 rows costs more than parsing.
        cursor.execute(
            "SELECT string_agg(id::text, ',') FROM search_pg_match "
            "WHERE search_vector @@ to_tsquery('simple', %s)",
            [text_tsquery(parsed)],
        )
        joined = cursor.fetchone()[0]
        return list(map(int, joined.split(","))) if joined else []

    def ranked(
        self, cursor, parsed: ParsedQuery, groups: list[list[str]], *, limit: int
    ) -> list[int]:
        """Ids best first: tier by tier, weighted ts_rank with the recency boost."""
        filters = filter_tsquery(groups)
        words = _any_term(parsed)
        levels = [(text_tsquery(parsed, exact_only=True), None)]
        if has_compounds(parsed):
            levels.append((text_tsquery(parsed), levels[0][0]))
        tiers = TIERS if parsed.clauses and words else TIERS[-1:]
        found: list[int] = []
        for text, exclude in levels:
            for number, (condition, rank) in enumerate(tiers):
                conditions = ["search_vector @@ query.text", condition]
                params: list = [text, words or text, exclude or text]
                if exclude:
                    conditions.append("NOT search_vector @@ query.exact")
                conditions += [f"NOT {earlier}" for earlier, _ in tiers[:number]]
                if filters:
                    conditions.append("filter_vector @@ to_tsquery('simple', %s)")
                    params.append(filters)
                cursor.execute(
                    "SELECT id FROM search_pg_match, (SELECT to_tsquery('simple', %s) AS text, "
                    "to_tsquery('simple', %s) AS words, "
                    "to_tsquery('simple', %s) AS exact) AS query "
                    f"WHERE {' AND '.join(conditions)} "
                    f"ORDER BY {rank} * {RECENCY} DESC, id DESC LIMIT %s",
                    [*params, limit - len(found)],
                )
                found += [row[0] for row in cursor.fetchall()]
                if len(found) >= limit:
                    return found
        return found

    def title_prefix(self, cursor, words: list[str], *, limit: int) -> list[int]:
        stems = [swedish.stem(word) for word in words[:-1]]
        parts = [f"'{stem}':A" for stem in stems] + [f"'{words[-1]}':*A"]
        cursor.execute(
            "SELECT id FROM search_pg_match WHERE search_vector @@ to_tsquery('simple', %s) "
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

    def add_lexicon(self, cursor, rows: list[tuple[int, SearchDocument, str]]) -> None:
        """PostgreSQL's own lexemes of the written rows, so expansion finds what matches."""
        ids = ",".join(str(int(ident)) for ident, _, _ in rows)
        cursor.execute(
            "INSERT INTO search_lexicon (stem, folded, reversed_stem, reversed_folded) "
            "SELECT word, translate(word, 'åäöéü', 'aaoeu'), reverse(word), "
            "reverse(translate(word, 'åäöéü', 'aaoeu')) FROM ts_stat("
            "%s) WHERE length(word) <= 60 ON CONFLICT (stem) DO NOTHING",
            [f"SELECT search_vector FROM search_pg_match WHERE id IN ({ids})"],
        )
