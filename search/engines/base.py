"""The interface every public search engine implements, and the objects it speaks in."""

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from search.documents import SearchDocument
from search.query import ParsedQuery

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
