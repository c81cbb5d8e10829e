"""The interface every public search engine implements, and the objects it speaks in."""

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from search.documents import SearchDocument
from search.query import Clause, ParsedQuery

Sort = Literal["relevance", "newest"]
Progress = Callable[[int], None]


class EngineUnavailable(Exception):
    """The engine cannot answer now (unreachable, erroring); callers fall back."""


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: the parsed text (expanded), filters per facet, order and page."""

    parsed: ParsedQuery
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: Sort = "relevance"
    page: int = 1
    page_size: int = 20
    highlight: bool = True

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Hit:
    key: str
    title: str
    url: str
    type: str
    region: str
    published: datetime.date
    snippet: str  # HTML: escaped text with <mark> around matches


@dataclass(frozen=True)
class SearchResult:
    count: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    engine: str


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    type: str


@dataclass(frozen=True)
class Health:
    engine: str
    document_count: int
    last_update: datetime.datetime | None
    keys: frozenset[str]


class SearchEngine(ABC):
    name: str

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResult: ...

    def document_counts(self, clauses: Sequence[Clause]) -> list[int]:
        """How many documents of the whole index each clause matches on its own, no filters.

        Asked only when a query of several words found nothing (see
        :func:`search.services.run_search`). This default asks one search per clause for its
        count; an engine that can count several clauses in one request overrides it.
        """
        return [
            self.search(
                SearchQuery(
                    parsed=ParsedQuery(clauses=(clause,)),
                    sort="newest",
                    page_size=1,
                    highlight=False,
                )
            ).count
            for clause in clauses
        ]

    @abstractmethod
    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]: ...

    @abstractmethod
    def upsert(self, documents: Iterable[SearchDocument]) -> None: ...

    @abstractmethod
    def delete(self, keys: Iterable[str]) -> None: ...

    @abstractmethod
    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Progress | None = None
    ) -> int:
        """Replace the whole index with ``documents``; readers see the old one until the end."""

    @abstractmethod
    def health(self) -> Health: ...
