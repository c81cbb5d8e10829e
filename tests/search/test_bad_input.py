"""Any q returns 200: hand-written nasties, then thousands of generated queries per engine."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import services
from search.engines.base import SearchQuery
from search.engines.database import DatabaseLexicon, backend
from search.engines.elasticsearch import build_search
from search.expansion import expand
from search.params import SearchParams
from search.query import expand_synonyms, parse
from tests.search import corpus

NASTY = [
    '"',
    '""',
    '"unbalanced quote',
    "*",
    "vård*",
    "NEAR(vård omsorg)",
    "AND OR NOT",
    "^title",
    "title:vård",
    "{title}: x",
    "- -- ---",
    "-",
    '-"',
    "x" * 10_000,
    "vård " * 2_000,
    "\x00\x01\x02 vård \x7f",
    "😀🚀 vård 🇸🇪",
    "'; DROP TABLE search_document; --",
    "1 OR 1=1",
    "SELECT * FROM search_fts",
    "<script>alert(1)</script>",
    "%_\\",
    "\u200b\u202e",
    "ö" * 100,
    "a\tb\nc\rd",
]
QUERIES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80
) | st.lists(
    st.sampled_from(['"', "-", "*", "(", ")", ":", "^", "AND", "NOT", "vård", "å", " ", "\x00"]),
    max_size=12,
).map("".join)


@pytest.fixture
def indexed(db):
    from search.engines import database_engine

    database_engine().rebuild(corpus.documents())


@pytest.mark.parametrize("q", NASTY)
def test_hand_written_nasty_queries_answer_200(client, indexed, q):
    for url in ("/api/search/", "/sok/", "/sok/feed/", "/api/search/suggest/"):
        assert client.get(url, {"q": q}).status_code == 200, url


@settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=QUERIES)
def test_generated_queries_never_fail_on_the_database_engine(indexed, q):
    outcome = services.run_search(params=SearchParams(q=q))
    assert outcome.result.count >= 0
    assert all(
        "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")
        for hit in outcome.result.hits
    )


@settings(max_examples=2000, deadline=None, derandomize=True)
@given(q=QUERIES)
def test_generated_queries_build_valid_elasticsearch_bodies(q):
    parsed = expand_synonyms(parse(q), [("USK", "undersköterska")])
    body = build_search(SearchQuery(parsed=parsed), index="portal-test-documents").to_dict()
    assert json.loads(json.dumps(body)) == body


def test_expansion_survives_hostile_words(indexed):
    parsed = expand(parse("%_ ' \\ vå*rd"), DatabaseLexicon(backend()))
    assert parsed.clauses
