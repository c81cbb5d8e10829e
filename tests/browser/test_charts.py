"""The charts in a browser: /statistik/, a region page and a result page at 1366, 390 and
320 px, with axe (WCAG 2.1 A/AA). Screenshots go to ``.screenshots/`` with
``PORTAL_SCREENSHOTS=1``."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from content.models import ResultIndicator
from tests.browser.test_overview_and_phone import PHONE, SMALLEST, screenshot
from tests.factories import AnalysisPageFactory, CompetenceNeedPageFactory, ResultPageFactory

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def chart_data(site_url):
    for number in range(6):
        CompetenceNeedPageFactory(
            region=["22", "01", "12"][number % 3],
            sectors=[["Q"], ["P"], ["Q", "C"]][number % 3],
            occupations=[["5321"], ["2341"], ["5321", "2221"]][number % 3],
            horizon=["short", "long"][number % 2],
            status=["identifierat", "i_dialog"][number % 2],
        )
    result = ResultPageFactory(region="22", title="Fler undersköterskor i Västernorrland")
    for name, baseline, target, outcome in [
        ("Andel med examen", "40", "60", "55"),
        ("Förändring av vakanser", "-5", "10", "-2"),
        ("Nya utbildningsplatser", None, "20", None),
    ]:
        ResultIndicator.objects.create(
            page=result,
            name=name,
            baseline=Decimal(baseline) if baseline else None,
            target=Decimal(target),
            outcome=Decimal(outcome) if outcome else None,
            unit="procent",
        )
    analysis = AnalysisPageFactory(
        region="22",
        body=[
            ("key_figure", {"label": "Andel 55 år eller äldre", "value": "31", "unit": "procent"})
        ],
    )
    return {
        "/statistik/": "statistics",
        "/regioner/region-vasternorrland/": "region",
        result.url: "result",
        analysis.url: "analysis",
    }


@pytest.mark.parametrize(("size", "width"), [("1366", DESKTOP), ("390", PHONE)])
def test_chart_pages_have_no_wcag_violations(
    page, site_url, chart_data, check_accessibility, size, width
):
    page.set_viewport_size(width)
    for path, name in chart_data.items():
        page.goto(site_url + path)
        for summary in page.locator("details.data-table-disclosure > summary").all():
            summary.click()
        check_accessibility()
        screenshot(page, f"chart-{name}-{size}")


def test_statistics_heat_table_links_to_the_filtered_listing(page, site_url, chart_data):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "/statistik/")
    expect(
        page.get_by_role("heading", name="Statistik över kompetensbehov", level=1)
    ).to_be_visible()
    chart = page.get_by_role(
        "img", name=re.compile("Kompetensbehov på kort och lång sikt per region")
    )
    expect(chart).to_be_visible()
    table = page.locator("#horizon-caption ~ details table")
    expect(table).to_be_hidden()
    page.locator("#horizon-caption ~ details > summary").click()
    expect(table.locator("tbody tr")).to_have_count(21)
    page.get_by_role("link", name=re.compile(r"^2 behov i Region Västernorrland inom Q ")).click()
    expect(page).to_have_url(re.compile(r"/kompetensbehov/\?region=22&sector=Q$"))
    expect(page.locator(".listing__results .publication-card")).to_have_count(2)


def test_region_page_charts_link_to_its_listings_and_dialogues(page, site_url, chart_data):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "/regioner/region-vasternorrland/")
    expect(page.get_by_role("img", name=re.compile("^Behov efter status"))).to_be_visible()
    expect(
        page.get_by_role("link", name="Visa alla dialoger i Region Västernorrland")
    ).to_have_attribute("href", "/dialog/?region=22")
    page.get_by_role("link", name="Visa alla kompetensbehov i Region Västernorrland").click()
    expect(page).to_have_url(re.compile(r"/kompetensbehov/\?region=22$"))


@pytest.mark.parametrize("key", ["/statistik/", "region", "result"])
def test_no_horizontal_overflow_at_320_px(page, site_url, chart_data, key):
    path = key if key.startswith("/") else next(p for p, name in chart_data.items() if name == key)
    page.set_viewport_size(SMALLEST)
    page.goto(site_url + path)
    for summary in page.locator("details.data-table-disclosure > summary").all():
        summary.click()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    widest = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter((element) => element.getBoundingClientRect().right > innerWidth + 1)
            .slice(0, 5).map((element) => element.outerHTML.slice(0, 120))"""
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than a 320 px screen: {widest}"
