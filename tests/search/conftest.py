"""Fixtures of the search suite: a fixed corpus indexed by the engine under test."""

import pytest
from django.conf import settings

from search.engines import database_engine
from search.engines.database import token_chunks
from tests.search import corpus


def engine_params():
    return [
        pytest.param("database", id="database"),
        pytest.param(
            "elasticsearch",
            id="elasticsearch",
            marks=[
                pytest.mark.allow_skip_in_strict,
                pytest.mark.skipif(
                    not settings.ELASTICSEARCH_URL,
                    reason="ELASTICSEARCH_URL is not set: no Elasticsearch cluster on this machine",
                ),
            ],
        ),
    ]


@pytest.fixture(params=engine_params())
def engine_name(request, settings):
    settings.SEARCH_ENGINE = request.param
    if request.param == "elasticsearch":
        settings.SEARCH_INDEX_PREFIX = f"portal-test-{request.node.name.lower()[:40]}"
    return request.param


@pytest.fixture
def indexed(db, engine_name):
    """The contract corpus, indexed by the database engine and the engine under test."""
    from search.engines import configured_engine

    documents = corpus.documents()
    database_engine().rebuild(documents)
    if engine_name != "database":
        configured_engine().rebuild(documents)
    return documents


@pytest.fixture
def small_chunks(monkeypatch):
    """PostgreSQL's stored token bitmaps in chunks of 8 documents, so that the test corpus
    spans several (SQLite stores a token's bitmap in one row)."""
    monkeypatch.setattr(token_chunks, "CHUNK_BYTES", 1)
    monkeypatch.setattr(token_chunks, "CHUNK_IDS", 8)
