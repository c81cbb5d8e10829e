"""Open data: a national listing as CSV and JSON holds the listing's items, with its filters."""

import csv
import io
import json
import re

import pytest
from django.utils import timezone

from content import exports
from content.models import Occupation, PublicationListingPage, Region
from tests.exports import csv_rows, exported
from tests.factories import AnalysisPageFactory, needs_in_two_regions

pytestmark = pytest.mark.django_db

NEED_COLUMNS = [
    "id",
    "typ",
    "typ_namn",
    "titel",
    "url",
    "publicerad",
    "sammanfattning",
    "region_kod",
    "region",
    "kommun_koder",
    "kommuner",
    "sni_koder",
    "branscher",
    "ssyk_koder",
    "yrken",
    "tidshorisont_kod",
    "tidshorisont",
    "balans_kod",
    "balans",
    "prioritet_kod",
    "prioritet",
    "status_kod",
    "status",
]


@pytest.fixture
def needs():
    return needs_in_two_regions()


@pytest.fixture
def listing():
    return PublicationListingPage.objects.get(publication_type="need")


def html_titles(client, url: str, params: dict) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return re.findall(r'<a href="/regioner/[^"]+">([^<]+)</a>', response.text)


FILTER_SETS = [
    {},
    {"region": ["01"]},
    {"region": ["01", "09"], "sort": "title"},
    {"occupation": "53"},
    {"occupation": "5321", "region": ["01"]},
    {"sector": "Q"},
    {"status": "uppfoljt"},
    {"horizon": "short", "sort": "oldest"},
    {"year": "2026"},
]


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("params", FILTER_SETS)
def test_export_holds_the_listing_items_in_the_listing_order(client, needs, listing, fmt, params):
    expected = html_titles(client, listing.url, params)
    response, rows = exported(client, listing.url, params, fmt)
    assert [row["titel"] for row in rows] == expected
    assert response["X-Total-Count"] == str(len(expected))
    assert response["X-Truncated"] == "false"


def test_a_filter_that_matches_nothing_gives_a_file_with_only_the_header(client, needs, listing):
    response, rows = exported(client, listing.url, {"region": ["25"]}, "csv")
    assert rows == []
    assert response.content.decode("utf-8-sig").splitlines() == [",".join(NEED_COLUMNS)]


def test_csv_is_utf8_with_bom_swedish_columns_codes_and_labels(client, needs, listing):
    response = client.get(listing.url, {"region": "09", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (f'attachment; filename="{listing.slug}-{today}.csv"')
    assert response["X-Max-Rows"] == str(exports.MAX_ROWS) == "10000"
    reader = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert next(reader) == NEED_COLUMNS
    [row] = csv_rows(response)
    gotland = needs[0]
    assert row["id"] == str(gotland.pk)
    assert row["url"] == f"http://testserver{gotland.url}"
    assert (row["region_kod"], row["region"]) == ("09", Region.objects.get(code="09").name)
    assert row["ssyk_koder"] == "5321"
    assert row["yrken"] == Occupation.objects.get(code="5321").name
    assert (row["sni_koder"], row["kommun_koder"]) == ("87", "0980")
    assert (row["kommuner"], row["tidshorisont_kod"], row["tidshorisont"]) == (
        "Gotland",
        "long",
        "Lång sikt",
    )
    assert (row["status_kod"], row["status"]) == ("i_dialog", "I dialog")
    assert row["publicerad"] == "2025-03-01"


def test_several_values_in_one_cell_keep_codes_and_names_in_step(client, needs, listing):
    _, rows = exported(client, listing.url, {"status": "uppfoljt"}, "csv")
    [row] = rows
    codes = row["ssyk_koder"].split(exports.LIST_SEPARATOR)
    names = row["yrken"].split(exports.LIST_SEPARATOR)
    assert codes == ["5321", "5322"]
    assert names == [Occupation.objects.get(code=code).name for code in codes]


def test_json_describes_itself(client, needs, listing):
    response = client.get(listing.url, {"region": "01", "status": "uppfoljt", "format": "json"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.json"')
    body = json.loads(response.content.decode("utf-8"))
    assert [column["namn"] for column in body["kolumner"]] == NEED_COLUMNS
    assert all(column["beskrivning"] for column in body["kolumner"])
    assert body["filter"] == {"region": ["01"], "status": ["uppfoljt"]}
    assert (body["antal"], body["totalt_antal"], body["avkortad"]) == (1, 1, False)
    assert body["max_antal_rader"] == 10_000
    assert body["licens"]["url"] == exports.LICENCE_URL
    assert body["kalla"] == f"http://testserver{listing.url}?region=01&status=uppfoljt"
    [row] = body["poster"]
    assert row["ssyk_koder"] == ["5321", "5322"]
    assert list(row) == NEED_COLUMNS


def test_each_type_has_its_own_columns(client):
    AnalysisPageFactory(region="01", kind="prognos", period_start=2025, period_end=2030)
    listing = PublicationListingPage.objects.get(publication_type="analysis")
    [row] = csv_rows(client.get(listing.url, {"format": "csv"}))
    assert (row["analystyp_kod"], row["analystyp"]) == ("prognos", "Prognos")
    assert (row["period_fran"], row["period_till"]) == ("2025", "2030")
    assert "status" not in row and "balans" not in row


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_the_cap_cuts_the_file_and_says_so(client, needs, listing, monkeypatch, fmt):
    monkeypatch.setattr(exports, "MAX_ROWS", 2)
    response, rows = exported(client, listing.url, {}, fmt)
    assert len(rows) == 2
    assert (response["X-Total-Count"], response["X-Max-Rows"], response["X-Truncated"]) == (
        "3",
        "2",
        "true",
    )
    if fmt == "json":
        body = response.json()
        assert (body["antal"], body["totalt_antal"], body["avkortad"]) == (2, 3, True)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_bad_filters_are_ignored_as_on_the_page(client, needs, listing, fmt):
    params = {"region": ["09", "99"], "year": "abc", "status": "<script>", "sort": "x"}
    page = client.get(listing.url, params)
    assert page.status_code == 200
    assert "Några filter kunde inte användas" in page.text
    response, rows = exported(client, listing.url, params, fmt)
    # Django's form rejects the whole region list for its one unknown code, on both.
    assert [row["titel"] for row in rows] == html_titles(client, listing.url, params)
    assert set(response["X-Ignored-Filters"].split(", ")) == {"region", "year", "status", "sort"}
    if fmt == "json":
        assert len(response.json()["meddelanden"]) == 4


@pytest.mark.parametrize("value", ["xml", "CSV2", "<b>", "x" * 500])
def test_an_unknown_format_is_a_clear_400(client, needs, listing, value):
    response = client.get(listing.url, {"format": value})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Giltiga format är csv och json" in response.content.decode()


def test_format_is_case_insensitive_and_page_is_ignored(client, needs, listing):
    _, rows = exported(client, listing.url, {"page": "7"}, "CSV")
    assert len(rows) == 3


def test_listing_page_links_the_files_with_its_filters(client, needs, listing):
    response = client.get(listing.url, {"region": "01", "page": "1"})
    assert 'href="?region=01&amp;format=csv">Ladda ner som CSV</a>' in response.text
    assert 'href="?region=01&amp;format=json">Ladda ner som JSON</a>' in response.text
    plain = client.get(listing.url)
    assert 'href="?format=csv">Ladda ner som CSV</a>' in plain.text
