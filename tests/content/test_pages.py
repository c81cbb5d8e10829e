import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    AccessibilityStatementPage,
    AnalysisPage,
    CompetenceNeedPage,
    GoodExampleIndexPage,
    GoodExamplePage,
    HomePage,
    LearningCollectionPage,
    LearningIndexPage,
    PublicationListingPage,
    RegionIndexPage,
    RegionPage,
    ResultPage,
)

pytestmark = pytest.mark.django_db


class TestCreationRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                RegionIndexPage,
                PublicationListingPage,
                LearningIndexPage,
                AccessibilityStatementPage,
            },
        )
        self.assertAllowedParentPageTypes(RegionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(RegionIndexPage, {RegionPage})
        self.assertAllowedParentPageTypes(RegionPage, {RegionIndexPage})
        self.assertAllowedSubpageTypes(
            RegionPage, {AnalysisPage, CompetenceNeedPage, ResultPage, GoodExampleIndexPage}
        )
        self.assertAllowedParentPageTypes(GoodExamplePage, {GoodExampleIndexPage})
        self.assertAllowedParentPageTypes(LearningCollectionPage, {LearningIndexPage})
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})


def test_home_page_is_swedish_accessible_and_lists_21_regions(client):
    response = client.get("/")
    html = response.text
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in html
    assert 'aria-label="Huvudmeny"' in html
    assert 'action="/sok/"' in html
    assert ">Tillgänglighetsredogörelse</a>" in html
    region_links = re.findall(r'href="(/regioner/[a-z-]+/)"', html)
    assert len(set(region_links)) == 21
    assert "Region Västernorrland" in html


def test_every_region_link_from_the_home_page_works(client):
    html = client.get("/").text
    for url in set(re.findall(r'href="(/regioner/[a-z-]+/)"', html)):
        assert client.get(url).status_code == 200, url


def test_region_page_shows_its_municipalities(client):
    response = client.get(RegionPage.objects.get(region__code="22").url)
    assert response.status_code == 200
    assert "Kommuner i Västernorrlands län (7)" in response.text
    assert "<li>Sundsvall</li>" in response.text
    assert 'aria-label="Brödsmulor"' in response.text


def test_accessibility_statement_is_published(client):
    response = client.get("/tillganglighetsredogorelse/")
    assert response.status_code == 200
    assert "WCAG 2.1" in response.text


def test_unknown_url_gives_a_swedish_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.text


def test_home_page_query_count_is_constant(client, django_assert_max_num_queries):
    # Page lookup and navigation, plus one query per figure of the overview (content.overview);
    # tests/content/test_overview.py proves the number does not grow with the data.
    with django_assert_max_num_queries(25):
        client.get("/")
