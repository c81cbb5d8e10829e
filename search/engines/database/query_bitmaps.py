"""A parsed query evaluated over token bitmaps, the same on both databases.

Each token of a query (a stem, a phrase's word pair, a tier token) is a bitmap over document
ids: stored for the index's common tokens (SQLite: :mod:`.token_bitmaps`; PostgreSQL:
:mod:`.token_chunks`), read from the full-text index for rare ones, whose cost is bounded by
the share of documents that makes a token common. A common token's ids are never collected
from the full-text index, which costs time in proportion to the index.

- **Match**: AND across clauses, OR across a clause's alternatives, AND across a term's tokens
  (stems, or the word pairs of a phrase), minus the excluded terms.
- **Ranking** goes tier by tier (:func:`ranking_tiers`): documents whose title holds all
  content words of some alternative, then whose summary does, then the rest; exact words
  before compound matches. Within a tier only its newest ``WINDOW`` matches are scored, by
  the vendor (:func:`ranked`); older matches of a larger tier follow, newest first, on the
  pages after them. A search's cost thus does not grow with the index, apart from bitmap
  operations of N/8 bytes.
"""

from collections.abc import Callable, Iterable, Iterator

import numpy

from search.engines.database.bitmaps import Bitmaps
from search.engines.database.terms import (
    ATTACHMENT_TIER,
    SUMMARY_TIER,
    TITLE_TIER,
    alternatives,
    clause_terms,
    has_compounds,
    term_match,
)
from search.query import ParsedQuery, Term

# (cursor, tokens) -> {token: bitmap}: the stored ones found, or every rare one asked for.
Read = Callable[[object, list[str]], dict[str, int]]
# How many of a tier's newest matches are scored.
WINDOW = 1000


class TokenReader:
    """One search's token bitmaps: ``stored`` ones for common tokens, ``rare`` (the full-text
    index) for the rest; each token is read once."""

    def __init__(self, cursor, *, stored: Read, rare: Read):
        self.cursor = cursor
        self.stored = stored
        self.rare = rare
        self.bitmaps: dict[str, int] = {}

    def load(self, tokens: Iterable[str]) -> None:
        missing = [token for token in dict.fromkeys(tokens) if token not in self.bitmaps]
        if not missing:
            return
        self.bitmaps.update(self.stored(self.cursor, missing))
        rare = [token for token in missing if token not in self.bitmaps]
        if rare:
            self.bitmaps.update(self.rare(self.cursor, rare))

    def all_of(self, tokens: Iterable[str]) -> int:
        tokens = list(tokens)
        self.load(tokens)
        result = self.bitmaps[tokens[0]]
        for token in tokens[1:]:
            result &= self.bitmaps[token]
        return result


def tier_tokens(term: Term, prefix: str) -> list[str]:
    return [prefix + stem for stem in term.content_stems]


class QueryBitmaps:
    """A parsed query evaluated over token bitmaps, within the live documents."""

    def __init__(self, reader: TokenReader, parsed: ParsedQuery, maps: Bitmaps):
        self.reader = reader
        self.parsed = parsed
        self.maps = maps
        self.terms: dict[Term, int | None] = {}
        tokens = [
            token
            for term in [*alternatives(parsed), *parsed.excluded]
            if (match := term_match(term))
            for token in match.tokens
        ]
        reader.load(tokens)

    def term(self, term: Term) -> int | None:
        if term not in self.terms:
            match = term_match(term)
            self.terms[term] = self.reader.all_of(match.tokens) & self.maps.all if match else None
        return self.terms[term]

    def any(self, terms: Iterable[Term]) -> int | None:
        found = [bitmap for bitmap in map(self.term, terms) if bitmap is not None]
        if not found:
            return None
        result = 0
        for bitmap in found:
            result |= bitmap
        return result

    def text(self, *, exact_only: bool = False) -> int:
        """The documents matching the text part (none when it has no words to match)."""
        required = [
            bitmap
            for terms in clause_terms(self.parsed, exact_only=exact_only)
            if (bitmap := self.any(terms)) is not None
        ]
        excluded = self.any(self.parsed.excluded)
        if not required and excluded is None:
            return 0
        result = self.maps.all
        for bitmap in required:
            result &= bitmap
        return result & ~excluded if excluded is not None else result

    def load_tiers(self) -> None:
        """Reads every tier token the ranking may need, in one batch."""
        self.reader.load(
            token
            for term in alternatives(self.parsed)
            for prefix in (TITLE_TIER, SUMMARY_TIER, ATTACHMENT_TIER)
            for token in tier_tokens(term, prefix)
        )

    def tier(self, prefix: str) -> int:
        """Documents holding all words of some alternative in the tier's field."""
        groups = [tier_tokens(term, prefix) for term in alternatives(self.parsed)]
        result = 0
        for group in groups:
            if group:
                result |= self.reader.all_of(group)
        return result


def ranking_tiers(query: QueryBitmaps, *, selection: int) -> Iterator[tuple[str | None, int]]:
    """The ranking tiers of the matches passing ``selection``, best first, as (scope, bitmap):
    the scope is the tier prefix of the field the tier is about (title, summary), or None
    for the rest. Empty tiers are left out; the tiers are computed as they are asked for."""
    query.load_tiers()
    matched = query.text() & selection
    if not query.parsed.clauses:
        if matched:
            yield None, matched
        return
    exact = query.text(exact_only=True) & matched
    levels = [exact, matched & ~exact] if has_compounds(query.parsed) else [exact]
    scopes = [(prefix, query.tier(prefix)) for prefix in (TITLE_TIER, SUMMARY_TIER)]
    for level in levels:
        earlier = 0
        for prefix, scope in scopes:
            if tier := level & scope & ~earlier:
                yield prefix, tier
            earlier |= scope
        if rest := level & ~earlier:
            yield None, rest


# (query, scope, a tier's newest matches newest first, how many are wanted) -> the best of
# them, best first.
RankWindow = Callable[["QueryBitmaps", str | None, numpy.ndarray, int], list[int]]


def ranked(query: QueryBitmaps, *, selection: int, limit: int, rank: RankWindow) -> list[int]:
    """The best ``limit`` matches passing ``selection``, best first: tier by tier, the best of
    each tier's newest WINDOW matches as ``rank`` orders them, then its older ones newest
    first."""
    ordered: list[int] = []
    for scope, tier in ranking_tiers(query, selection=selection):
        wanted = limit - len(ordered)
        ids = query.maps.newest_ids(tier, limit=max(wanted, WINDOW))
        ordered += rank(query, scope, ids[:WINDOW], wanted)
        ordered += ids[WINDOW:wanted].tolist()
        if len(ordered) >= limit:
            break
    return ordered[:limit]
