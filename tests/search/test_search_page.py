"""The HTML search page: labels of chosen facet values without hits, and pages past the end."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.engines import database_engine
from tests.search import corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def indexed(db):
    database_engine().rebuild(corpus.documents())


def _facet_label(html: str, facet: str, value: str) -> str:
    """The text of the label of one facet checkbox."""
    start = html.index(f'<label for="facet-{facet}-{value}">')
    return html[start : html.index("</label>", start)].split(">", 1)[1]


def test_chosen_values_without_hits_show_their_names_not_codes(client):
    html = client.get(
        "/sok/",
        {"q": "vätgas", "region": ["25", "24"], "occupation": "24", "sector": "A"},
    ).text
    assert 'id="facet-region-24" name="region" value="24" checked' in html
    assert _facet_label(html, "region", "24").startswith("Region Västerbotten ")
    assert _facet_label(html, "occupation", "24").startswith(
        "24 Yrken med krav på fördjupad högskolekompetens inom ekonomi och förvaltning "
    )
    assert _facet_label(html, "sector", "A").startswith("A Jordbruk, skogsbruk och fiske ")
    assert ">24 <span" not in html and ">A <span" not in html


def test_labels_cost_one_query_per_classification_however_many_values_are_chosen(client):
    def label_queries(regions: list[str]) -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get("/sok/", {"q": "vätgas", "region": regions})
        return sum('"content_region"' in query["sql"] for query in queries.captured_queries)

    assert label_queries(["25", "24"]) == label_queries(["25", "24", "01", "03", "05"])


def _redirect_params(response) -> dict[str, list[str]]:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/sok/"
    return parse_qs(location.query)


def test_a_page_past_the_end_goes_to_the_last_page_with_the_other_parameters(client):
    response = client.get(
        "/sok/",
        {"type": ["analysis", "need"], "page_size": "1", "sort": "newest", "page": "999"},
    )
    params = _redirect_params(response)
    last = client.get(response["Location"])
    pages = int(params["page"][0])
    assert params == {
        "type": ["analysis", "need"],
        "page_size": ["1"],
        "sort": ["newest"],
        "page": [str(pages)],
    }
    assert last.status_code == 200
    assert f"Sida {pages} av {pages}</span>" in last.text
    assert 'rel="next"' not in last.text


def test_the_last_page_itself_is_shown(client):
    first = client.get("/sok/", {"type": "analysis", "page_size": "1"})
    pages = int(first.text.split("Sida 1 av ", 1)[1].split("<", 1)[0])
    assert pages > 1
    assert client.get(
        "/sok/", {"type": "analysis", "page_size": "1", "page": pages}
    ).status_code == (200)
    past = client.get("/sok/", {"type": "analysis", "page_size": "1", "page": pages + 1})
    assert _redirect_params(past)["page"] == [str(pages)]


def test_a_page_past_the_end_of_no_hits_goes_to_the_first_page_and_its_empty_state(client):
    response = client.get("/sok/", {"q": "vätgas", "region": "22", "page": "3"})
    assert _redirect_params(response) == {"q": ["vätgas"], "region": ["22"]}
    html = client.get(response["Location"]).text
    assert "Inga träffar." in html and "Sök utan filter" in html


@pytest.mark.parametrize("page", ["abc", "0", "1001"])
def test_a_page_that_is_not_a_page_number_is_ignored_with_a_notice_as_before(client, page):
    response = client.get("/sok/", {"q": "vätgas", "page": page})
    assert response.status_code == 200
    assert "kändes inte igen och användes inte: page." in response.text


def test_the_api_past_the_end_still_answers_an_empty_page(client):
    body = client.get("/api/search/", {"q": "vätgas", "page": "50"}).json()
    assert body["page"] == 50 and body["results"] == [] and body["count"] == 4
