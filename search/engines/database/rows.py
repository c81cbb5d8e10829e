"""What the engine hands a vendor backend to write: one indexed row per document, in chunks."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from search.documents import SearchDocument


@dataclass(frozen=True)
class IndexRow:
    ident: int  # search_document.id
    document: SearchDocument
    filter_tokens: str
    # The publication date the full-text table holds for this id, when the row replaces one
    # (SQLite's full-text rowid is derived from it; see sqlite.fts_rowid).
    previous: datetime.date | None = None


@dataclass(frozen=True)
class StoredRow:
    """A row as it is stored: enough to find its full-text entry."""

    ident: int
    published: datetime.date


def chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of at most ``size``, read lazily (documents come from a generator)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
