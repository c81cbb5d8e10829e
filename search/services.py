"""Running a search: parse, expand, ask the configured engine, fall back when it fails."""

import logging
from dataclasses import dataclass, field

from search import expansion, query
from search.engines import configured_engine, database_engine
from search.engines.base import EngineUnavailable, SearchQuery, SearchResult, Suggestion
from search.engines.database import DatabaseLexicon, backend
from search.models import Synonym
from search.params import SearchParams

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = (
    "Den vanliga sökmotorn svarar inte just nu. Resultaten kommer från en enklare reservsökning "
    "och kan skilja sig något."
)


@dataclass(frozen=True)
class SearchOutcome:
    result: SearchResult
    query: SearchQuery
    notices: list[str] = field(default_factory=list)

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


def run_search(*, params: SearchParams, highlight: bool = True) -> SearchOutcome:
    search_query = build_query(params=params, highlight=highlight)
    engine = configured_engine()
    try:
        return SearchOutcome(result=engine.search(search_query), query=search_query)
    except EngineUnavailable as error:
        logger.warning(
            "Search engine %s failed (%s); answering from the database", engine.name, error
        )
        result = database_engine().search(search_query)
        return SearchOutcome(result=result, query=search_query, notices=[FALLBACK_NOTICE])


def suggest(*, prefix: str, limit: int = 8) -> list[Suggestion]:
    engine = configured_engine()
    try:
        return engine.suggest(prefix=prefix[:100], limit=limit)
    except EngineUnavailable:
        logger.warning("Search engine %s failed; suggestions from the database", engine.name)
        return database_engine().suggest(prefix=prefix[:100], limit=limit)
