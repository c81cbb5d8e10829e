"""Open data: a search of /sok/ as CSV and JSON holds the page's hits, in the page's order."""

import csv
import io

import pytest

from content import exports
from content.models import Occupation
from portal.dialogue.models import Thread
from search.exports import SEARCH_COLUMNS
from tests.exports import exported
from tests.factories import GoodExamplePageFactory, ThreadFactory, needs_in_two_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_pages(run_on_commit):
    def make():
        needs = needs_in_two_regions()
        GoodExamplePageFactory(region="09", title="Vårdutbildning på Gotland", sectors=["85"])
        ThreadFactory(need=needs[2], visibility=Thread.Visibility.PUBLIC)
        return needs

    return run_on_commit(make)


def api_urls(client, params: dict) -> list[str]:
    response = client.get("/api/search/", {**params, "page_size": 100})
    assert response.status_code == 200, response.content
    return [f"http://testserver{hit['url']}" for hit in response.json()["results"]]


FILTER_SETS = [
    {"q": "vård"},
    {"q": "vård", "sort": "newest"},
    {"q": "vård", "region": "01"},
    {"region": ["01", "09"], "sort": "newest"},
    {"occupation": "53"},
    {"sector": "Q", "type": "need"},
    {"type": "need", "status": "uppfoljt"},
    {"q": "gotland", "type": ["need", "good_example"]},
    {},
]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("params", FILTER_SETS)
def test_export_holds_the_search_hits_in_order(client, indexed_pages, params, fmt):
    expected = api_urls(client, params)
    assert expected, "every filter set finds something"
    response, rows = exported(client, "/sok/", params, fmt)
    assert [row["url"] for row in rows] == expected
    assert response["X-Total-Count"] == str(len(expected))


def test_the_page_links_the_files_with_its_search(client, indexed_pages):
    response = client.get("/sok/", {"q": "vård", "region": "01", "page": "1"})
    assert 'href="?q=v%C3%A5rd&amp;region=01&amp;format=csv"' in response.text
    assert ">Ladda ner som JSON</a>" in response.text


def test_columns_codes_and_labels(client, indexed_pages):
    response, rows = exported(client, "/sok/", {"q": "vård", "region": "01", "type": "need"}, "csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="sokresultat-' in response["Content-Disposition"]
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == [column.name for column in SEARCH_COLUMNS]
    [row] = rows
    assert row["nyckel"] == f"need-{indexed_pages[2].pk}"
    assert (row["typ"], row["typ_namn"], row["region_kod"]) == ("need", "Kompetensbehov", "01")
    assert row["ssyk_koder"] == "5321; 5322"
    assert row["yrken"] == "; ".join(
        Occupation.objects.get(code=code).name for code in ("5321", "5322")
    )
    assert (row["tidshorisont_kod"], row["tidshorisont"]) == ("short", "Kort sikt")
    assert (row["status_kod"], row["status"]) == ("uppfoljt", "Uppföljt")


def test_a_thread_hit_has_what_the_index_holds(client, indexed_pages):
    _, rows = exported(client, "/sok/", {"type": "thread"}, "json")
    [row] = rows
    assert row["typ"] == "thread" and row["titel"] and row["url"].startswith("http://testserver/")
    assert row["region_kod"] == "01" and row["region"]
    assert row["ssyk_koder"] is None and row["status_kod"] is None


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_cap_cuts_the_file_and_says_so(client, indexed_pages, monkeypatch, fmt):
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    response, rows = exported(client, "/sok/", {"region": ["01", "09"]}, fmt)
    total = len(api_urls(client, {"region": ["01", "09"]}))
    assert total > 2
    assert len(rows) == 2
    assert (response["X-Total-Count"], response["X-Max-Rows"], response["X-Truncated"]) == (
        str(total),
        "2",
        "true",
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_bad_parameters_are_ignored_as_on_the_page(client, indexed_pages, fmt):
    params = {"q": "vård", "region": ["01", "99"], "year": "20x6", "page_size": "0"}
    page = client.get("/sok/", params)
    assert "Några filter kändes inte igen" in page.text
    response, rows = exported(client, "/sok/", params, fmt)
    assert [row["url"] for row in rows] == api_urls(client, {"q": "vård", "region": "01"})
    assert set(response["X-Ignored-Filters"].split(", ")) == {"region", "year", "page_size"}
    if fmt == "json":
        body = response.json()
        assert body["meddelanden"][0].startswith("Några filter kändes inte igen")
        assert body["filter"] == {"q": ["vård"], "region": ["01"], "sort": ["relevance"]}


@pytest.mark.parametrize(
    "params",
    [
        {"format": "xml"},
        {"format": "json", "q": "\x00" + "å" * 20_000},
        {"format": "csv", "q": '"'},
    ],
)
def test_odd_input_never_fails(client, indexed_pages, params):
    response = client.get("/sok/", params)
    expected = 400 if params["format"] == "xml" else 200
    assert response.status_code == expected
