"""The one document schema of public search, written once as an ``elasticsearch.dsl`` Document.

The Elasticsearch engine maps and stores it as it is; the database engine stores the same
fields in ``IndexedDocument`` (see :func:`search.documents.row_values`). Sources (see
:mod:`search.registry`) describe their items as :class:`SourceFields`; :func:`build` turns
those into a ``SearchDocument``, adding what every type derives the same way (the key, the
year, occupation groups on every level).
"""

import datetime
from dataclasses import dataclass, field

from elasticsearch.dsl import Date, Document, Integer, Keyword, SearchAsYouType, Text

from content.classification_filters import occupation_values

# Attachments can hold two million characters; search needs their beginning, and both engines
# (and Elasticsearch's highlighter, index.highlight.max_analyzed_offset) work better bounded.
MAX_ATTACHMENT_CHARS = 200_000


class SearchDocument(Document):
    key = Keyword()
    type = Keyword()
    title = Text(analyzer="swedish", fields={"raw": Keyword()})
    title_suggest = SearchAsYouType()
    summary = Text(analyzer="swedish")
    body = Text(analyzer="swedish")
    attachment_text = Text(analyzer="swedish")
    region = Keyword()
    municipalities = Keyword(multi=True)
    sectors = Keyword(multi=True)
    # Every level of each SSYK code: 5321 is stored as 5, 53, 532 and 5321, so a filter on a
    # group finds its sub-groups, and the major group (one digit) is the facet.
    occupations = Keyword(multi=True)
    horizon = Keyword()
    status = Keyword()
    year = Integer()
    published = Date()
    url = Keyword(index=False)
    visibility = Keyword()

    class Index:
        # Replaced per environment: see search.engines.elasticsearch.index_names. Replicas
        # are per deployment too (SEARCH_ELASTICSEARCH_REPLICAS): the engine sets them when it
        # creates an index.
        name = "portal-documents"
        settings = {"number_of_shards": 1}


@dataclass(frozen=True)
class SourceFields:
    """What a source (content page, later a dialogue thread) tells search about one item."""

    title: str
    url: str
    published: datetime.date
    summary: str = ""
    body: str = ""
    attachment_text: str = ""
    region: str = ""
    municipalities: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    horizon: str = ""
    status: str = ""
    extra: dict = field(default_factory=dict)


def document_key(type_key: str, pk: int) -> str:
    return f"{type_key}-{pk}"


def build(*, type_key: str, pk: int, fields: SourceFields) -> SearchDocument:
    key = document_key(type_key, pk)
    return SearchDocument(
        meta={"id": key},
        key=key,
        type=type_key,
        title=fields.title,
        title_suggest=fields.title,
        summary=fields.summary,
        body=fields.body,
        attachment_text=fields.attachment_text[:MAX_ATTACHMENT_CHARS],
        region=fields.region,
        municipalities=sorted(fields.municipalities),
        sectors=sorted({sector.upper() for sector in fields.sectors}),
        occupations=sorted(occupation_values(fields.occupations)),
        horizon=fields.horizon,
        status=fields.status,
        year=fields.published.year,
        published=fields.published,
        url=fields.url,
        visibility="public",
    )
