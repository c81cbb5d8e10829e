"""The ``elasticsearch`` engine: the document schema in Elasticsearch through elasticsearch.dsl.

Index names carry ``SEARCH_INDEX_PREFIX`` (one per environment). Searches read the alias
``<prefix>-documents``; ``rebuild`` fills a new time-stamped index and swaps the alias in one
``update_aliases`` call, so readers never see a half-built index.
https://www.elastic.co/guide/en/elasticsearch/reference/current/aliases.html

Query processing (synonyms, compounds, the å/ä/ö fallback) is the shared one from
:mod:`search.query` and :mod:`search.expansion`; Elasticsearch adds its ``swedish`` analyzer,
fuzzy matching for typos, highlighting and aggregations. Any transport or API error becomes
:class:`EngineUnavailable`, and the caller answers from the database engine; that includes
errors raised while a bulk helper is iterated (its requests are sent then, not when it is
called) and documents the cluster refused in a bulk write.

Writes do not force a refresh: a refresh per publish costs the cluster a new segment each
time, and the index refreshes itself within a second (``refresh_interval``). A rebuild turns
refreshing off while it loads the new index, and refreshes once before the alias moves.
https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html
"""

import datetime
from collections.abc import Iterable, Iterator, Sequence
from html import escape

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import Q, Search
from elasticsearch.helpers import BulkIndexError, ScanError

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
from search.query import Clause, Origin, ParsedQuery, Term

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
ERRORS = (ApiError, TransportError, BulkIndexError, ScanError)
BULK_CHUNK = 500


def index_names() -> tuple[str, str]:
    """(alias, name for a new index): ``portal-dev-documents``, ``...-20260101120000``."""
    alias = f"{settings.SEARCH_INDEX_PREFIX}-documents"
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return alias, f"{alias}-{stamp}"


def _term_query(term: Term, boost: float) -> Q:
    if term.is_phrase:
        return Q("multi_match", query=term.text, fields=TEXT_FIELDS, type="phrase", boost=boost)
    return Q("multi_match", query=term.text, fields=TEXT_FIELDS, boost=boost)


def clause_query(clause: Clause, *, fuzzy: bool = True) -> Q:
    """Any alternative of ``clause``; with ``fuzzy``, also the typed word within typo distance."""
    should = [_term_query(term, BOOSTS[term.origin]) for term in clause.alternatives]
    if fuzzy and not clause.typed.is_phrase:
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
    return Q("bool", should=should, minimum_should_match=1)


def text_query(parsed: ParsedQuery) -> Q:
    must = [clause_query(clause) for clause in parsed.clauses]
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


def counts_body(clauses: Sequence[Clause]) -> dict:
    """One request counting each clause's documents: a ``filters`` aggregation, no hits.

    Filters over the whole index run filter by filter, each answered like a count request.
    https://www.elastic.co/guide/en/elasticsearch/reference/current/search-aggregations-bucket-filters-aggregation.html
    """
    return {
        "size": 0,
        "track_total_hits": False,
        "aggs": {
            "clauses": {
                "filters": {
                    "filters": [clause_query(clause, fuzzy=False).to_dict() for clause in clauses]
                }
            }
        },
    }


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

    def document_counts(self, clauses: Sequence[Clause]) -> list[int]:
        if not clauses:
            return []
        response = self._call(self._es().search, index=self.alias, body=counts_body(clauses))
        return [bucket["doc_count"] for bucket in response["aggregations"]["clauses"]["buckets"]]

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

    def _bulk(self, actions: Iterable[dict], **options) -> Iterator[tuple[bool, dict]]:
        """``streaming_bulk``'s results, its errors as :class:`EngineUnavailable`.

        The helper sends its requests while it is iterated, so errors surface in the loop
        that consumes it, not in the call that creates it.
        """
        try:
            yield from helpers.streaming_bulk(self._es(), actions, chunk_size=BULK_CHUNK, **options)
        except ERRORS as error:
            raise EngineUnavailable(str(error)) from error

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        for _ in self._bulk(self._actions(documents, self.alias)):
            pass

    def delete(self, keys: Iterable[str]) -> None:
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys)
        # A key the index does not hold answers 404; deleting it is done all the same.
        for _ in self._bulk(actions, raise_on_error=False):
            pass

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Progress | None = None
    ) -> int:
        alias, name = index_names()
        index = SearchDocument._index.clone(name=name)
        # No refreshes while loading (nobody reads the new index yet); restored below.
        index.settings(
            number_of_replicas=settings.SEARCH_ELASTICSEARCH_REPLICAS, refresh_interval="-1"
        )
        self._call(index.create, using=self._es())
        total = 0
        for ok, _ in self._bulk(self._actions(documents, name)):
            total += int(ok)
            if progress and total % BULK_CHUNK == 0:
                progress(BULK_CHUNK)
        if progress and total % BULK_CHUNK:
            progress(total % BULK_CHUNK)
        # None resets the setting to the cluster's default interval.
        self._call(
            self._es().indices.put_settings,
            index=name,
            settings={"index": {"refresh_interval": None}},
        )
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
