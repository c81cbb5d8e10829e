"""The ``elasticsearch`` engine: the document schema in Elasticsearch through elasticsearch.dsl.

Index names carry ``SEARCH_INDEX_PREFIX`` (one per environment). Searches read the alias
``<prefix>-documents``; ``rebuild`` fills a new time-stamped index and swaps the alias in one
``update_aliases`` call, so readers never see a half-built index.
https://www.elastic.co/guide/en/elasticsearch/reference/current/aliases.html

Query processing (synonyms, compounds, the å/ä/ö fallback) is the shared one from
:mod:`search.query` and :mod:`search.expansion`; Elasticsearch adds its ``swedish`` analyzer,
fuzzy matching for typos, highlighting and aggregations. Any transport or API error becomes
:class:`EngineUnavailable`, and the caller answers from the database engine.
"""

import datetime
from collections.abc import Iterable
from html import escape

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import Q, Search

from search.documents import SearchDocument
from search.engines.base import (
    EngineUnavailable,
    Health,
    Hit,
    Progress,
    SearchEngine,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from search.filters import FACETS
from search.query import Origin, ParsedQuery, Term

TEXT_FIELDS = ["title^10", "summary^4", "body^2", "attachment_text"]
BOOSTS = {
    Origin.TYPED: 1.0,
    Origin.SYNONYM: 1.0,
    Origin.FOLDED: 0.8,
    Origin.TYPO: 0.6,
    Origin.COMPOUND: 0.3,
}
FUZZY_BOOST = 0.2
SNIPPET_FIELDS = ["summary", "body", "attachment_text"]
FACET_SIZE = 100
ERRORS = (ApiError, TransportError)


def index_names() -> tuple[str, str]:
    """(alias, name for a new index): ``portal-dev-documents``, ``...-20260101120000``."""
    alias = f"{settings.SEARCH_INDEX_PREFIX}-documents"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return alias, f"{alias}-{stamp}"


def _term_query(term: Term, boost: float) -> Q:
    if term.is_phrase:
        return Q("multi_match", query=term.text, fields=TEXT_FIELDS, type="phrase", boost=boost)
    return Q("multi_match", query=term.text, fields=TEXT_FIELDS, boost=boost)


def text_query(parsed: ParsedQuery) -> Q:
    must = []
    for clause in parsed.clauses:
        should = [_term_query(term, BOOSTS[term.origin]) for term in clause.alternatives]
        if not clause.typed.is_phrase:
            should.append(
                Q(
                    "multi_match",
                    query=clause.typed.text,
                    fields=TEXT_FIELDS,
                    fuzziness="AUTO",
                    prefix_length=2,
                    boost=FUZZY_BOOST,
                )
            )
        must.append(Q("bool", should=should, minimum_should_match=1))
    must_not = [_term_query(term, 1.0) for term in parsed.excluded]
    if not must and not must_not:
        return Q("match_all")
    return Q("bool", must=must or [Q("match_all")], must_not=must_not)


def filter_query(filters: dict[str, frozenset[str]], *, without: str = "") -> list[Q]:
    return [
        Q("terms", **{FACETS[facet]: sorted(values)})
        for facet, values in sorted(filters.items())
        if values and facet != without
    ]


def build_search(query: SearchQuery, *, index: str) -> Search:
    """The whole request body: text query, filters after aggregations, facets, highlighting."""
    search = Search(index=index).extra(track_total_hits=True)
    relevance = text_query(query.parsed)
    if query.sort == "newest" or query.parsed.is_empty:
        search = search.query(relevance).sort({"published": "desc"}, {"key": "desc"})
    else:
        # Score x (1 + 0.2 x decay): the same mild recency boost as the database engine.
        search = search.query(
            "function_score",
            query=relevance,
            functions=[
                {"weight": 1},
                {
                    "gauss": {"published": {"origin": "now", "scale": "365d", "decay": 0.5}},
                    "weight": 0.2,
                },
            ],
            score_mode="sum",
            boost_mode="multiply",
        )
    filters = filter_query(query.filters)
    if filters:
        search = search.post_filter("bool", filter=filters)
    for facet, field_name in FACETS.items():
        terms = {"field": field_name, "size": FACET_SIZE}
        if facet == "occupation":
            terms["include"] = "[0-9]"
        own = filter_query(query.filters, without=facet)
        search.aggs.bucket(facet, "filter", filter=Q("bool", filter=own)).bucket(
            "values", "terms", **terms
        )
    if query.highlight:
        search = search.highlight_options(
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=220,
            number_of_fragments=1,
        ).highlight(*SNIPPET_FIELDS)
    return search.source(["key", "title", "url", "type", "region", "published", "summary"])[
        query.offset : query.offset + query.page_size
    ]


def parse_response(response: dict, *, engine: str) -> SearchResult:
    hits = []
    for raw in response["hits"]["hits"]:
        source = raw["_source"]
        highlighted = raw.get("highlight", {})
        snippet = next(
            (highlighted[field][0] for field in SNIPPET_FIELDS if highlighted.get(field)),
            escape(source.get("summary", "")[:220]),
        )
        hits.append(
            Hit(
                key=source["key"],
                title=source["title"],
                url=source["url"],
                type=source["type"],
                region=source.get("region", ""),
                published=datetime.date.fromisoformat(source["published"][:10]),
                snippet=snippet,
            )
        )
    facets = {
        facet: dict(
            sorted(
                (str(bucket["key"]), bucket["doc_count"])
                for bucket in response.get("aggregations", {})
                .get(facet, {})
                .get("values", {})
                .get("buckets", [])
            )
        )
        for facet in FACETS
    }
    return SearchResult(
        count=response["hits"]["total"]["value"], hits=hits, facets=facets, engine=engine
    )


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, client: Elasticsearch | None = None):
        if client is None and settings.ELASTICSEARCH_URL:
            # Short timeouts, no retries: a slow cluster must fail fast into the fallback.
            client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=3, max_retries=0)
        self.client = client
        self.alias = index_names()[0]

    def _es(self) -> Elasticsearch:
        if self.client is None:
            raise EngineUnavailable("ELASTICSEARCH_URL is not set")
        return self.client

    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ERRORS as error:
            raise EngineUnavailable(str(error)) from error

    def search(self, query: SearchQuery) -> SearchResult:
        body = build_search(query, index=self.alias).to_dict()
        response = self._call(self._es().search, index=self.alias, body=body)
        return parse_response(dict(response), engine=self.name)

    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]:
        if not prefix.strip():
            return []
        body = {
            "size": limit,
            "_source": ["title", "url", "type"],
            "query": {
                "multi_match": {
                    "query": prefix,
                    "type": "bool_prefix",
                    "fields": ["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
                }
            },
        }
        response = self._call(self._es().search, index=self.alias, body=body)
        return [
            Suggestion(
                title=hit["_source"]["title"],
                url=hit["_source"]["url"],
                type=hit["_source"]["type"],
            )
            for hit in response["hits"]["hits"]
        ]

    def _actions(self, documents: Iterable[SearchDocument], index: str):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.key,
                "_source": document.to_dict(),
            }

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        self._call(helpers.bulk, self._es(), self._actions(documents, self.alias), refresh=True)

    def delete(self, keys: Iterable[str]) -> None:
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)
        self._call(helpers.bulk, self._es(), actions, raise_on_error=False, refresh=True)

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Progress | None = None
    ) -> int:
        alias, name = index_names()
        index = SearchDocument._index.clone(name=name)
        self._call(index.create, using=self._es())
        total = 0
        for ok, _ in self._call(
            helpers.streaming_bulk, self._es(), self._actions(documents, name), chunk_size=500
        ):
            total += int(ok)
            if progress and total % 500 == 0:
                progress(500)
        if progress and total % 500:
            progress(total % 500)
        self._call(self._es().indices.refresh, index=name)
        old = list(self._call(self._es().indices.get_alias, name=alias, ignore_unavailable=True))
        actions = [{"remove": {"index": item, "alias": alias}} for item in old]
        actions.append({"add": {"index": name, "alias": alias}})
        self._call(self._es().indices.update_aliases, actions=actions)
        for item in old:
            self._call(self._es().indices.delete, index=item)
        return total

    def health(self) -> Health:
        count = self._call(self._es().count, index=self.alias)["count"]
        keys = frozenset(
            hit["_id"]
            for hit in self._call(
                lambda: list(helpers.scan(self._es(), index=self.alias, _source=False))
            )
        )
        return Health(engine=self.name, document_count=count, last_update=None, keys=keys)
