"""Open data: the catalogue page, its DCAT-AP-SE metadata (JSON-LD) and the API page."""

import json
from urllib.parse import urlsplit

import pytest

from content.exports import LICENCE_URL
from content.models import PublicationListingPage
from portal.open_data.catalogue import FREQUENCY, LANGUAGE, THEMES
from search.params import FILTER_NAMES
from tests.factories import CompetenceNeedPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(client, portal_site) -> dict:
    CompetenceNeedPageFactory(region="22", occupations=["5321"])
    response = client.get("/oppna-data/katalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


def test_the_catalogue_names_every_listing_and_the_search(catalogue):
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:license"] == {"@id": LICENCE_URL}
    titles = [dataset["dct:title"]["@value"] for dataset in catalogue["dcat:dataset"]]
    listings = list(PublicationListingPage.objects.live().order_by("path"))
    assert len(listings) == 4
    assert titles == [listing.title for listing in listings] + ["Sökresultat"]


def test_every_dataset_has_what_dcat_ap_se_asks_for(catalogue):
    for dataset in catalogue["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:description"]["@language"] == "sv"
        assert dataset["dct:publisher"]["foaf:name"]["@value"]
        assert dataset["dcat:contactPoint"]["vcard:fn"]
        assert dataset["dct:license"] == {"@id": LICENCE_URL}
        assert dataset["dct:language"] == {"@id": LANGUAGE}
        assert [theme["@id"] for theme in dataset["dcat:theme"]] == list(THEMES)
        assert dataset["dct:accrualPeriodicity"] == {"@id": FREQUENCY}
        formats = [
            item["dct:format"]["@id"].rsplit("/", 1)[1] for item in dataset["dcat:distribution"]
        ]
        assert formats == ["CSV", "JSON"]


def test_every_distribution_and_landing_page_answers(client, catalogue):
    types = {"CSV": "text/csv; charset=utf-8", "JSON": "application/json; charset=utf-8"}
    for dataset in catalogue["dcat:dataset"]:
        landing = urlsplit(dataset["dcat:landingPage"]["@id"])
        assert landing.netloc == "testserver"
        assert client.get(landing.path).status_code == 200
        for distribution in dataset["dcat:distribution"]:
            url = urlsplit(distribution["dcat:downloadURL"]["@id"])
            assert distribution["dcat:accessURL"] == distribution["dcat:downloadURL"]
            response = client.get(f"{url.path}?{url.query}")
            assert response.status_code == 200, distribution
            expected = types[distribution["dct:format"]["@id"].rsplit("/", 1)[1]]
            assert response["Content-Type"] == expected


def test_the_catalogue_page_describes_datasets_columns_and_licence(client, portal_site):
    response = client.get("/oppna-data/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Öppna data</h1>" in html
    assert "CC0 1.0" in html and LICENCE_URL in html
    assert "Löpande" in html
    for listing in PublicationListingPage.objects.live():
        assert f'<h3 id="dataset-{listing.publication_type}">{listing.title}</h3>' in html
    for column in ("ssyk_koder", "yrken", "status_kod", "nyckel", "balans"):
        assert f"<code>{column}</code>" in html
    assert 'href="/oppna-data/katalog.jsonld"' in html


def test_the_api_page_documents_every_parameter(client, portal_site):
    response = client.get("/oppna-data/api/")
    assert response.status_code == 200
    for name in (*FILTER_NAMES, "q", "sort", "page", "page_size", "format=csv", "format=json"):
        assert f"<code>{name}</code>" in response.text, name
    assert "<code>GET /api/search/suggest/?q=unders</code>" in response.text


def test_the_footer_links_open_data(client, portal_site):
    response = client.get("/")
    assert '<li><a href="/oppna-data/">Öppna data</a></li>' in response.text


@pytest.mark.parametrize("url", ["/oppna-data/", "/oppna-data/katalog.jsonld", "/oppna-data/api/"])
def test_the_pages_take_no_post(client, portal_site, url):
    assert client.post(url).status_code == 405
