"""Filters and facets: their names, the tokens documents carry, and the values users may pick.

Each filter value becomes a token of the document (``ffregion01``, ``ffsectorq``), stored in
``search_document.filter_tokens``. The database engine filters and counts facets over
in-memory bitmaps built from those tokens (:mod:`search.engines.database.bitmaps`), on both
databases, and intersects each ranking tier with the selection before it ranks it
(:mod:`search.engines.database.query_bitmaps`); Elasticsearch has keyword fields. A filter
thus narrows the match before ranking, never after it."""

import re
from collections.abc import Iterable

from search.documents import SearchDocument

# Facet name -> the document field it reads. Order is the order on the page.
FACETS: dict[str, str] = {
    "type": "type",
    "region": "region",
    "sector": "sectors",
    "occupation": "occupations",
    "horizon": "horizon",
    "year": "year",
    "status": "status",
}
ALL_TOKEN = "ffall"
_UNSAFE = re.compile(r"[^0-9a-z]")


def token(facet: str, value: str | int) -> str:
    return f"ff{facet}{_UNSAFE.sub('', str(value).lower())}"


def document_values(document: SearchDocument) -> dict[str, list[str]]:
    """The filterable values of a document per facet (occupation: every level)."""
    values: dict[str, list[str]] = {}
    for facet, field_name in FACETS.items():
        raw = getattr(document, field_name, None)
        items = list(raw) if isinstance(raw, Iterable) and not isinstance(raw, str) else [raw]
        values[facet] = [str(item) for item in items if item not in (None, "")]
    values["municipality"] = [str(code) for code in document.municipalities or []]
    return values


def document_tokens(document: SearchDocument) -> str:
    tokens = [ALL_TOKEN]
    for facet, values in document_values(document).items():
        tokens += [token(facet, value) for value in values]
    return " ".join(tokens)


def facet_value(facet: str, value: str) -> str | None:
    """The value a document token counts for in a facet (occupation: only major groups)."""
    if facet == "occupation" and len(value) != 1:
        return None
    return value
