"""The home overview and the narrow-screen layout: header menu, filter disclosure, no overflow.

Screenshots of the home page and a listing at 1366 and 390 px go to ``.screenshots/`` (ignored
by git) when ``PORTAL_SCREENSHOTS=1``, for a person to look at.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import AnalysisPageFactory, CompetenceNeedPageFactory

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
PHONE = {"width": 390, "height": 844}
SMALLEST = {"width": 320, "height": 640}


def screenshot(page, name: str) -> None:
    if os.environ.get("PORTAL_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def some_needs(site_url):
    CompetenceNeedPageFactory.create_batch(3, region="22", sectors=["Q"])
    CompetenceNeedPageFactory(region="01", status="i_dialog")
    AnalysisPageFactory(region="09", title="Gotlands arbetsmarknad")


def test_home_overview_map_links_every_region_and_has_no_wcag_violations(
    page, site_url, some_needs, check_accessibility
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "/")
    expect(page.get_by_role("heading", name="Kompetensbehov i Sverige")).to_be_visible()
    tiles = page.locator(".tile-map__tile a")
    expect(tiles).to_have_count(21)
    västernorrland = page.get_by_role("link", name=re.compile(r"^Region Västernorrland: 3"))
    expect(västernorrland).to_be_visible()
    # Tiles sit where the regions lie: Norrbotten above Skåne, Gotland east of Halland.
    box = {
        code: page.locator(f".tile-map__tile a[href$='/region-{slug}/']").bounding_box()
        for code, slug in (("25", "norrbotten"), ("12", "skane"), ("09", "gotland"))
    }
    assert box["25"]["y"] < box["12"]["y"]
    assert box["09"]["x"] > box["12"]["x"]
    page.get_by_text("Kartan som tabell").click()
    expect(page.locator(".data-table-disclosure table tbody tr")).to_have_count(21)
    check_accessibility()
    screenshot(page, "home-1366")
    västernorrland.click()
    expect(page.locator("h1")).to_have_text("Region Västernorrland")


def test_header_menu_collapses_behind_a_button_on_a_phone(page, site_url, check_accessibility):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    regions = menu.get_by_role("link", name="Regioner")
    expect(regions).to_be_hidden()
    button = menu.locator("summary")
    expect(button).to_have_text("Meny")
    button.click()
    expect(regions).to_be_visible()
    check_accessibility()
    screenshot(page, "home-390-menu-open")
    button.click()
    expect(regions).to_be_hidden()
    screenshot(page, "home-390")


def test_listing_filters_fold_behind_a_filter_button_results_first(
    page, site_url, some_needs, check_accessibility
):
    page.set_viewport_size(PHONE)
    page.goto(site_url + "/kompetensbehov/")
    status = page.get_by_label("Status")
    expect(status).to_be_hidden()
    first_hit = page.locator(".listing__results .publication-card").first
    expect(first_hit).to_be_visible()
    assert first_hit.bounding_box()["y"] < PHONE["height"]
    check_accessibility()
    screenshot(page, "needs-390")
    page.get_by_text("Filter", exact=True).click()
    expect(status).to_be_visible()
    status.select_option("i_dialog")
    expect(page).to_have_url(re.compile(r"status=i_dialog"))
    expect(page.locator(".listing__results .publication-card")).to_have_count(1)
    check_accessibility()

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "/kompetensbehov/")
    expect(page.get_by_label("Status")).to_be_visible()
    expect(page.get_by_text("Filter", exact=True)).to_be_hidden()
    screenshot(page, "needs-1366")


def test_filters_still_work_without_javascript(browser, site_url, some_needs):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "/kompetensbehov/")
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Status").select_option("i_dialog")
    expect(page).not_to_have_url(re.compile(r"status="))
    page.get_by_role("button", name="Visa", exact=True).click()
    expect(page).to_have_url(re.compile(r"status=i_dialog"))
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/regioner/",
        "/regioner/region-vasternorrland/",
        "/kompetensbehov/",
        "/analyser/",
        "/sok/?q=behov",
        "/dialog/",
        "/konto/organisationer/",
        "/tillganglighetsredogorelse/",
    ],
)
def test_no_horizontal_overflow_at_320_px(page, site_url, some_needs, path):
    page.set_viewport_size(SMALLEST)
    response = page.goto(site_url + path)
    assert response.status == 200, path
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    widest = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 5).map((element) => element.outerHTML.slice(0, 120))"""
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than a 320 px screen: {widest}"
