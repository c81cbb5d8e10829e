"""The JSON API, the HTML page, suggestions and the feed, per the contract in DESIGN.md."""

import xml.etree.ElementTree as ET

import pytest

from search import services
from search.engines import database_engine
from tests.search import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed(db):
    database_engine().rebuild(corpus.documents())


def test_api_response_follows_the_contract(client):
    response = client.get("/api/search/", {"q": "undersköterskor", "region": "22"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "page", "results", "facets", "engine"}
    assert body["engine"] == "database"
    assert body["count"] == 2 and body["page"] == 1
    assert set(body["results"][0]) == {"title", "url", "type", "region", "published", "snippet"}
    assert {"region", "type", "sector", "occupation", "horizon", "year"} <= set(body["facets"])
    assert body["facets"]["region"]["22"] == 2
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"region": "99"}, "region"),
        ({"type": "blog"}, "type"),
        ({"sector": "ZZ"}, "sector"),
        ({"occupation": "99999"}, "occupation"),
        ({"horizon": "medium"}, "horizon"),
        ({"year": "20x4"}, "year"),
        ({"status": "klar"}, "status"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page_size": "101"}, "page_size"),
    ],
)
def test_unknown_values_are_a_400_naming_the_parameter(client, query, parameter):
    response = client.get("/api/search/", query)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["error"]


def test_repeated_parameters_and_lower_case_sector(client):
    body = client.get("/api/search/?region=22&region=01&sector=q").json()
    assert body["count"] == 2


def test_page_size_and_pages(client):
    body = client.get("/api/search/", {"page_size": 5, "page": 2}).json()
    assert body["page"] == 2 and len(body["results"]) == 5


def test_search_page_is_accessible_html_noindex_and_never_cached(client):
    response = client.get("/sok/", {"q": "vätgas", "region": "25"})
    html = response.text
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]
    assert "<fieldset" in html and "<legend>Region</legend>" in html
    assert 'type="checkbox" id="facet-region-25" name="region" value="25" checked' in html
    assert "4 träffar" in html
    assert "<mark>Vätgas</mark>" in html


def test_search_page_ignores_unknown_filters_with_a_notice(client):
    response = client.get("/sok/", {"q": "vätgas", "region": "99"})
    assert response.status_code == 200
    assert "kändes inte igen" in response.text
    assert "4 träffar" in response.text


def test_zero_results_offer_a_way_forward(client):
    html = client.get("/sok/", {"q": "vätgas", "region": "22"}).text
    assert "Inga träffar." in html
    assert "Sök utan filter" in html


def test_markup_in_documents_is_escaped_on_the_page(client):
    html = client.get("/sok/", {"q": "cybersäkerhet"}).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_search_page_without_a_query_shows_the_form(client):
    response = client.get("/sok/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.text


def test_suggestions_are_titles_by_prefix(client):
    body = client.get("/api/search/suggest/", {"q": "vätg"}).json()
    assert [item["title"] for item in body["suggestions"]] == ["Vätgas i norr"]
    assert client.get("/api/search/suggest/", {"q": ""}).json() == {"suggestions": []}


def test_feed_is_atom_newest_first_with_the_same_hits_as_the_api(client):
    api = client.get("/api/search/", {"q": "norr", "sort": "newest"}).json()
    response = client.get("/sok/feed/", {"q": "norr"})
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    links = [
        entry.find("atom:link", namespace).get("href")
        for entry in root.findall("atom:entry", namespace)
    ]
    assert [link.removeprefix("http://testserver") for link in links] == [
        hit["url"] for hit in api["results"]
    ]


def test_an_unknown_word_is_left_out_with_a_notice_on_the_page_and_in_the_api(client):
    notice = services.UNKNOWN_WORDS_NOTICE.format(unknown="”personalbrist”", kept="”äldreomsorg”")
    body = client.get("/api/search/", {"q": "personalbrist äldreomsorg"}).json()
    assert body["count"] == 1 and body["results"][0]["url"] == "/test/analysis/1/"
    assert body["notices"] == [notice]
    assert body["unknown_words"] == ["personalbrist"]
    assert {"count", "page", "results", "facets", "engine"} <= set(body)
    html = client.get("/sok/", {"q": "personalbrist äldreomsorg"}).text
    assert notice in html
    assert "1 träff" in html


@pytest.mark.parametrize("q", ['"', '""', "-", '-"', "och", "  "])
def test_a_query_with_nothing_to_search_for_is_the_empty_query(client, q):
    html = client.get("/sok/", {"q": q}).text
    assert 'class="search-results"' not in html, "a lone quote must not list everything"
    assert (services.EMPTY_QUERY_NOTICE in html) == bool(q.strip())
    filtered = client.get("/sok/", {"q": q, "region": "22"}).text
    assert "2 träffar</h2>" in filtered, "the filters alone are browsed"
    assert client.get("/api/search/", {"q": q}).json() == client.get("/api/search/").json()
