"""Running a search: parse, expand, ask the configured engine, fall back when it fails.

Two guardrails on what the engine is asked:

- a query with nothing to search for (a lone ``"``, ``-``, only stop words) is the empty query,
  not a search; :func:`has_search_words` tells the page which it is;
- when a query of several words finds nothing because some of its words occur in no document
  at all ("personalbrist äldreomsorg"), it is answered for the words that do occur, with a
  notice naming the ones left out. Whether a word occurs is the answering engine's own count
  (:meth:`~search.engines.base.SearchEngine.document_counts`), asked only after a search
  found nothing.
"""

import logging
from dataclasses import dataclass, field, replace

from search import expansion, query
from search.engines import configured_engine, database_engine
from search.engines.base import (
    EngineUnavailable,
    SearchEngine,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from search.engines.database import DatabaseLexicon, backend
from search.models import Synonym
from search.params import SearchParams

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Den vanliga sökmotorn svarar inte just nu. Resultaten kommer från en enklare reservsökning "
    "och kan skilja sig något."
)
UNKNOWN_WORDS_NOTICE = (
    "{unknown} finns inte i något dokument och togs bort ur sökningen. Sökningen gäller nu {kept}."
)
EMPTY_QUERY_NOTICE = "Sökningen innehöll inga ord att söka på. Skriv ett eller flera sökord."
# Typo corrections are guesses: one found for an unknown word does not make the word known.
GUESSES = frozenset({query.Origin.TYPO})


@dataclass(frozen=True)
class SearchOutcome:
    result: SearchResult
    query: SearchQuery
    notices: list[str] = field(default_factory=list)
    # Typed words (or phrases) that no document holds, left out of the query answered.
    unknown_words: tuple[str, ...] = ()

    @property
    def corrections(self) -> dict[str, str]:
        return self.query.parsed.corrections


def synonym_groups() -> list[tuple[str, ...]]:
    return [Synonym.split(terms) for terms in Synonym.objects.values_list("terms", flat=True)]


def build_query(*, params: SearchParams, highlight: bool = True) -> SearchQuery:
    parsed = query.expand_synonyms(query.parse(params.q), synonym_groups())
    parsed = expansion.expand(parsed, DatabaseLexicon(backend()))
    return SearchQuery(
        parsed=parsed,
        filters=params.filters,
        sort=params.sort,
        page=params.page,
        page_size=params.page_size,
        highlight=highlight,
    )


def has_search_words(*, q: str) -> bool:
    """Whether ``q`` holds anything to search for; without it, ``q`` is the empty query."""
    return not query.parse(q).is_empty


def unknown_clauses(*, engine: SearchEngine, parsed: query.ParsedQuery) -> list[query.Clause]:
    """The clauses of ``parsed`` that no document in ``engine``'s index matches.

    A clause counts with its typed word, synonyms, compounds and å/ä/ö variants, but not with
    typo guesses (nor the engine's own fuzzy matching): those would make almost any word known.
    """
    checked = [
        query.Clause(tuple(term for term in clause.alternatives if term.origin not in GUESSES))
        for clause in parsed.clauses
    ]
    counts = engine.document_counts(checked)
    return [clause for clause, count in zip(parsed.clauses, counts, strict=True) if not count]


def _listed(texts: list[str]) -> str:
    quoted = [f"”{text}”" for text in texts]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " och " + quoted[-1]


def _answer(engine: SearchEngine, search_query: SearchQuery) -> SearchOutcome:
    """``engine``'s answer; for nothing found, its answer without the words no document holds."""
    result = engine.search(search_query)
    clauses = search_query.parsed.clauses
    if result.count or len(clauses) < 2:
        return SearchOutcome(result=result, query=search_query)
    unknown = unknown_clauses(engine=engine, parsed=search_query.parsed)
    if not unknown or len(unknown) == len(clauses):
        return SearchOutcome(result=result, query=search_query)
    relaxed = replace(search_query, parsed=search_query.parsed.without(unknown))
    words = [clause.typed.text for clause in unknown]
    notice = UNKNOWN_WORDS_NOTICE.format(
        unknown=_listed(words),
        kept=_listed([clause.typed.text for clause in relaxed.parsed.clauses]),
    )
    return SearchOutcome(
        result=engine.search(relaxed),
        query=relaxed,
        notices=[notice],
        unknown_words=tuple(words),
    )


def run_search(*, params: SearchParams, highlight: bool = True) -> SearchOutcome:
    search_query = build_query(params=params, highlight=highlight)
    engine = configured_engine()
    try:
        return _answer(engine, search_query)
    except EngineUnavailable as error:
        logger.warning(
            "Search engine %s failed (%s); answering from the database", engine.name, error
        )
        outcome = _answer(database_engine(), search_query)
        return replace(outcome, notices=[FALLBACK_NOTICE, *outcome.notices])


def suggest(*, prefix: str, limit: int = 8) -> list[Suggestion]:
    engine = configured_engine()
    try:
        return engine.suggest(prefix=prefix[:100], limit=limit)
    except EngineUnavailable:
        logger.warning("Search engine %s failed; suggestions from the database", engine.name)
        return database_engine().suggest(prefix=prefix[:100], limit=limit)
