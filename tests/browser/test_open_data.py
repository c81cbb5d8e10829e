"""Open data in the browser: the catalogue and API pages, and a listing's download links."""

import re

from playwright.sync_api import expect

from content.models import PublicationListingPage
from tests.factories import CompetenceNeedPageFactory


def test_catalogue_and_api_pages_pass_axe(page, site_url, check_accessibility):
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site_url + "/")
        page.get_by_role("contentinfo").get_by_role("link", name="Öppna data").click()
        expect(page.locator("h1")).to_have_text("Öppna data")
        expect(page.get_by_role("heading", level=3, name="Sökresultat")).to_be_visible()
        check_accessibility()
        # Nothing spills over the side of a phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_role("link", name="API-dokumentationen").click()
        expect(page.locator("h1")).to_have_text("API för sökning och nedladdning")
        check_accessibility()
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_download_links_keep_the_listing_filters(page, site_url, check_accessibility):
    CompetenceNeedPageFactory(region="22", title="Undersköterskor i Västernorrland")
    CompetenceNeedPageFactory(region="01", title="Lärare i Stockholm")
    listing = PublicationListingPage.objects.get(publication_type="need")

    page.goto(site_url + listing.url + "?region=22")
    csv_link = page.get_by_role("link", name="Ladda ner som CSV")
    expect(csv_link).to_have_attribute("href", "?region=22&format=csv")
    expect(page.get_by_role("link", name="Ladda ner som JSON")).to_have_attribute(
        "href", "?region=22&format=json"
    )
    check_accessibility()

    # Chromium's downloads do not work on these machines: fetch the link's address instead.
    href = csv_link.evaluate("link => link.href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert re.search(
        r'attachment; filename="[a-z-]+-\d{4}-\d\d-\d\d\.csv"',
        response.headers["content-disposition"],
    )
    text = response.body().decode("utf-8-sig")
    assert "Undersköterskor i Västernorrland" in text
    assert "Lärare i Stockholm" not in text
