"""The Elasticsearch engine without a cluster: mapping and query bodies asserted offline, and
parsing and the fallback against a small local server that answers like Elasticsearch."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elasticsearch import Elasticsearch

from search import services
from search.documents import SearchDocument
from search.engines.base import EngineUnavailable, SearchQuery
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import (
    ElasticsearchEngine,
    build_search,
    counts_body,
    index_names,
)
from search.params import SearchParams
from search.query import expand_synonyms, parse
from tests.search import corpus


def test_mapping_uses_the_swedish_analyzer_and_keywords_for_filters():
    properties = SearchDocument._doc_type.mapping.to_dict()["properties"]
    for field in ("title", "summary", "body", "attachment_text"):
        assert properties[field] == {**properties[field], "type": "text", "analyzer": "swedish"}
    for field in ("region", "type", "sectors", "occupations", "horizon", "status"):
        assert properties[field]["type"] == "keyword"
    assert properties["published"]["type"] == "date"
    assert properties["title_suggest"]["type"] == "search_as_you_type"


def test_index_names_carry_the_environment_prefix(settings):
    settings.SEARCH_INDEX_PREFIX = "portal-prod"
    alias, name = index_names()
    assert alias == "portal-prod-documents"
    assert name.startswith("portal-prod-documents-2")


def test_query_body_filters_after_aggregating_and_highlights_with_mark():
    parsed = expand_synonyms(parse('usk "vård och omsorg" -prognos'), [("USK", "undersköterska")])
    query = SearchQuery(
        parsed=parsed, filters={"region": frozenset({"22", "01"}), "sector": frozenset({"Q"})}
    )
    body = build_search(query, index="portal-documents").to_dict()
    function_score = body["query"]["function_score"]
    must = function_score["query"]["bool"]["must"]
    assert must[0]["bool"]["should"][1]["multi_match"]["query"] == "undersköterska"
    assert must[0]["bool"]["should"][-1]["multi_match"]["fuzziness"] == "AUTO"
    assert must[1]["bool"]["should"][0]["multi_match"]["type"] == "phrase"
    assert function_score["query"]["bool"]["must_not"][0]["multi_match"]["query"] == "prognos"
    assert body["post_filter"]["bool"]["filter"] == [
        {"terms": {"region": ["01", "22"]}},
        {"terms": {"sectors": ["Q"]}},
    ]
    # Each facet's counts ignore its own selection.
    assert body["aggs"]["region"]["filter"]["bool"]["filter"] == [{"terms": {"sectors": ["Q"]}}]
    assert body["aggs"]["occupation"]["aggs"]["values"]["terms"]["include"] == "[0-9]"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert body["track_total_hits"] is True


def test_newest_sorts_by_date():
    body = build_search(SearchQuery(parsed=parse("vård"), sort="newest"), index="x").to_dict()
    assert body["sort"] == [{"published": "desc"}, {"key": "desc"}]


ES_RESPONSE = {
    "took": 3,
    "timed_out": False,
    "hits": {
        "total": {"value": 1, "relation": "eq"},
        "hits": [
            {
                "_id": "analysis-1",
                "_score": 2.0,
                "_source": {
                    "key": "analysis-1",
                    "title": "Kompetensförsörjningen i vården",
                    "url": "/a/",
                    "type": "analysis",
                    "region": "22",
                    "published": "2025-01-15",
                    "summary": "Regionen behöver fler undersköterskor.",
                },
                "highlight": {"summary": ["Regionen behöver fler <mark>undersköterskor</mark>."]},
            }
        ],
    },
    "aggregations": {
        "region": {"doc_count": 1, "values": {"buckets": [{"key": "22", "doc_count": 1}]}},
        "year": {"doc_count": 1, "values": {"buckets": [{"key": 2025, "doc_count": 1}]}},
    },
}


class FakeElasticsearch(BaseHTTPRequestHandler):
    """Answers like Elasticsearch 9: the product header the client insists on, and JSON.

    Every request is kept as (method, path with query string, body); a bulk body is its list
    of lines. ``bulk_status`` answers a bulk request as a whole (the cluster failing), and
    ``refused_ids`` are documents a bulk request rejects one by one. A search or count whose
    body names a word of ``unknown_words`` finds nothing.
    """

    requests: list = []
    bulk_status = 200
    refused_ids: frozenset = frozenset()
    unknown_words: frozenset = frozenset()

    def _reply(self, body: dict, status: int = 200) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if "/_bulk" in self.path:
            return [json.loads(line) for line in raw.splitlines() if line.strip()]
        return json.loads(raw or b"{}")

    def _answer(self, method: str) -> None:
        body = self._body()
        self.requests.append((method, self.path, body))
        path = self.path.split("?")[0]
        if path.endswith("/_bulk"):
            self._bulk(body)
        elif path.endswith("/_search"):
            self._search(body)
        elif method == "GET" and path == "/":
            self._reply({"version": {"number": "9.0.0"}, "tagline": "You Know, for Search"})
        elif method == "GET" and "/_alias" in path:
            self._reply({})
        else:
            self._reply({"acknowledged": True, "_shards": {"total": 1, "successful": 1}})

    def _bulk(self, lines: list) -> None:
        if self.bulk_status != 200:
            self._reply({"error": {"type": "cluster_block_exception"}}, self.bulk_status)
            return
        items = []
        lines = iter(lines)
        for line in lines:
            ((operation, meta),) = line.items()
            if operation == "index":
                next(lines)  # the document's source
            result = {"_index": meta["_index"], "_id": meta["_id"], "status": 201}
            if meta["_id"] in self.refused_ids:
                result |= {"status": 400, "error": {"type": "document_parsing_exception"}}
            items.append({operation: result})
        errors = any("error" in next(iter(item.values())) for item in items)
        self._reply({"took": 1, "errors": errors, "items": items})

    def _search(self, body: dict) -> None:
        def unknown(query) -> bool:
            text = json.dumps(query, ensure_ascii=False)
            return any(word in text for word in self.unknown_words)

        if "clauses" in body.get("aggs", {}):
            buckets = [
                {"doc_count": 0 if unknown(query) else 1}
                for query in body["aggs"]["clauses"]["filters"]["filters"]
            ]
            self._reply({"hits": {"hits": []}, "aggregations": {"clauses": {"buckets": buckets}}})
        elif unknown(body):
            self._reply({"hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})
        else:
            self._reply(ES_RESPONSE)

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def do_PUT(self):
        self._answer("PUT")

    def do_DELETE(self):
        self._answer("DELETE")

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture
def fake_cluster():
    FakeElasticsearch.requests = []
    FakeElasticsearch.bulk_status = 200
    FakeElasticsearch.refused_ids = frozenset()
    FakeElasticsearch.unknown_words = frozenset()
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeElasticsearch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_responses_are_parsed_into_the_engine_result(fake_cluster):
    engine = ElasticsearchEngine(client=Elasticsearch(fake_cluster))
    result = engine.search(SearchQuery(parsed=parse("undersköterskor")))
    assert result.engine == "elasticsearch"
    assert result.count == 1
    hit = result.hits[0]
    assert hit.key == "analysis-1" and hit.published.isoformat() == "2025-01-15"
    assert hit.snippet == "Regionen behöver fler <mark>undersköterskor</mark>."
    assert result.facets["region"] == {"22": 1}
    assert result.facets["year"] == {"2025": 1}
    method, path, body = FakeElasticsearch.requests[-1]
    assert (method, path) == ("POST", "/portal-documents/_search")
    assert "function_score" in body["query"]


def test_the_api_answers_from_the_cluster_when_it_is_up(fake_cluster, settings, client, db):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = fake_cluster
    body = client.get("/api/search/", {"q": "undersköterskor"}).json()
    assert body["engine"] == "elasticsearch"
    assert body["results"][0]["snippet"].endswith("<mark>undersköterskor</mark>.")


def test_unreachable_cluster_falls_back_to_the_database_with_a_notice(settings, client, db, caplog):
    DatabaseEngine().rebuild(corpus.documents())
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with caplog.at_level(logging.WARNING, logger="search.services"):
        api = client.get("/api/search/", {"q": "undersköterskor"})
        page = client.get("/sok/", {"q": "undersköterskor"})
    assert api.status_code == 200 and page.status_code == 200
    assert api.json()["engine"] == "database"
    assert api.json()["count"] == 2
    assert api.json()["notices"] == [services.FALLBACK_NOTICE]
    assert services.FALLBACK_NOTICE in page.text
    assert "answering from the database" in caplog.text


def test_a_server_that_is_not_elasticsearch_is_unavailable(settings):
    class NotElasticsearch(FakeElasticsearch):
        def _reply(self, body, status=200):
            payload = b"{}"
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), NotElasticsearch)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        engine = ElasticsearchEngine(client=Elasticsearch(f"http://127.0.0.1:{server.server_port}"))
        with pytest.raises(EngineUnavailable):
            engine.search(SearchQuery(parsed=parse("vård")))
    finally:
        server.shutdown()
        server.server_close()


def test_clause_counts_are_one_request_without_fuzzy_matching():
    parsed = expand_synonyms(
        parse('usk personalbrist "vård och omsorg"'), [("USK", "undersköterska")]
    )
    body = counts_body(parsed.clauses)
    assert body["size"] == 0 and body["track_total_hits"] is False
    filters = body["aggs"]["clauses"]["filters"]["filters"]
    assert len(filters) == 3
    assert [len(query["bool"]["should"]) for query in filters] == [2, 1, 1]
    assert "fuzziness" not in json.dumps(body)


def test_an_unknown_word_is_left_out_by_the_clusters_own_counts(fake_cluster, settings, client, db):
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = fake_cluster
    FakeElasticsearch.unknown_words = frozenset({"personalbrist"})
    body = client.get("/api/search/", {"q": "personalbrist undersköterskor"}).json()
    assert body["engine"] == "elasticsearch"
    assert body["count"] == 1
    assert body["unknown_words"] == ["personalbrist"]
    assert body["notices"] == [
        services.UNKNOWN_WORDS_NOTICE.format(unknown="”personalbrist”", kept="”undersköterskor”")
    ]
    searches = [body for _, path, body in FakeElasticsearch.requests if path.endswith("_search")]
    assert len(searches) == 3, "the search, one request counting both words, the search again"
    assert "clauses" in searches[1]["aggs"]
    assert "personalbrist" not in json.dumps(searches[2], ensure_ascii=False)


def bulk_requests() -> list[tuple[str, str, list]]:
    return [request for request in FakeElasticsearch.requests if "/_bulk" in request[1]]


def test_a_rebuild_sets_the_configured_replicas_and_refreshes_only_once_loaded(
    fake_cluster, settings
):
    settings.ELASTICSEARCH_URL = fake_cluster
    settings.SEARCH_ELASTICSEARCH_REPLICAS = 2
    assert ElasticsearchEngine().rebuild(corpus.documents()) == len(corpus.documents())
    requests = FakeElasticsearch.requests
    creates = [(i, body) for i, (method, path, body) in enumerate(requests) if method == "PUT"]
    created_at, created = creates[0]
    name = requests[created_at][1].split("?")[0].strip("/")
    assert name.startswith("portal-documents-2")
    assert created["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 2,
        "refresh_interval": "-1",
    }
    steps = [(method, path.split("?")[0]) for method, path, _ in requests]
    restored_at = steps.index(("PUT", f"/{name}/_settings"))
    assert requests[restored_at][2] == {"index": {"refresh_interval": None}}
    last_bulk = max(i for i, (_, path) in enumerate(steps) if path.endswith("/_bulk"))
    refreshed_at = steps.index(("POST", f"/{name}/_refresh"))
    aliased_at = steps.index(("POST", "/_aliases"))
    assert created_at < last_bulk < restored_at < refreshed_at < aliased_at


def test_writes_do_not_force_a_refresh(fake_cluster, settings):
    settings.ELASTICSEARCH_URL = fake_cluster
    engine = ElasticsearchEngine()
    engine.upsert(corpus.documents()[:2])
    engine.delete(["analysis-1"])
    paths = [path for _, path, _ in bulk_requests()]
    assert len(paths) == 2
    assert not any("refresh" in path for path in paths), paths


def test_a_bulk_request_failing_while_iterated_is_unavailable(fake_cluster, settings):
    """streaming_bulk sends its requests while it is iterated, outside the call that made it."""
    settings.ELASTICSEARCH_URL = fake_cluster
    FakeElasticsearch.bulk_status = 500
    engine = ElasticsearchEngine()
    with pytest.raises(EngineUnavailable):
        engine.rebuild(corpus.documents())
    with pytest.raises(EngineUnavailable):
        engine.upsert(corpus.documents()[:1])
    with pytest.raises(EngineUnavailable):
        engine.delete(["analysis-1"])


def test_documents_the_cluster_refuses_are_unavailable_not_a_crash(fake_cluster, settings, db):
    from search import indexing

    settings.ELASTICSEARCH_URL = fake_cluster
    FakeElasticsearch.refused_ids = frozenset({"analysis-1"})
    with pytest.raises(EngineUnavailable):
        ElasticsearchEngine().upsert(corpus.documents()[:2])
    settings.SEARCH_ENGINE = "elasticsearch"
    indexing._write(ElasticsearchEngine(), corpus.documents()[:2], [])  # logs, raises nothing


def test_an_elasticsearch_8_cluster_is_unavailable_not_a_crash():
    """The client is pinned to major 9, whose requests Elasticsearch 8 refuses (README)."""

    class Elasticsearch8(FakeElasticsearch):
        def _answer(self, method):
            self._body()
            if "compatible-with=9" in self.headers.get("Accept", ""):
                error = {
                    "type": "media_type_header_exception",
                    "reason": "Invalid media-type value on headers [Accept, Content-Type]",
                }
                self._reply({"error": error, "status": 400}, 400)
            else:
                self._reply(ES_RESPONSE)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Elasticsearch8)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        engine = ElasticsearchEngine(client=Elasticsearch(f"http://127.0.0.1:{server.server_port}"))
        with pytest.raises(EngineUnavailable, match="media_type_header_exception"):
            engine.search(SearchQuery(parsed=parse("vård")))
    finally:
        server.shutdown()
        server.server_close()


def test_writes_to_an_unreachable_cluster_do_not_break_publishing(settings, db):
    from search import indexing

    settings.SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    indexing.sync([("analysis", 123456)])  # logs a warning, raises nothing


def test_unconfigured_url_is_unavailable(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(EngineUnavailable):
        ElasticsearchEngine().search(SearchQuery(parsed=parse("vård")))


@pytest.mark.allow_skip_in_strict
def test_contract_params_are_searchable_on_a_real_cluster(settings, db):
    if not settings.ELASTICSEARCH_URL:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster on this machine")
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_INDEX_PREFIX = "portal-test-smoke"
    ElasticsearchEngine().rebuild(corpus.documents())
    assert services.run_search(params=SearchParams(q="vätgas")).result.count == 4
