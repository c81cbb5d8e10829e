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
from search.engines.elasticsearch import ElasticsearchEngine, build_search, index_names
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
    """Answers like Elasticsearch 9: the product header the client insists on, and JSON."""

    requests: list = []

    def _reply(self, body: dict, status: int = 200) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):
        self._reply({"version": {"number": "9.0.0"}, "tagline": "You Know, for Search"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.requests.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
        self._reply(ES_RESPONSE)

    def log_message(self, *args):
        """Quiet."""


@pytest.fixture
def fake_cluster():
    FakeElasticsearch.requests = []
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
    path, body = FakeElasticsearch.requests[-1]
    assert path == "/portal-documents/_search"
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
