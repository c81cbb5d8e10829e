"""Search as a user: type a query, pick two facets, open a hit; /sok/ has no WCAG violations."""

import datetime
import re

from playwright.sync_api import expect

from content.models import AnalysisPage, RegionPage, Sector


def _publish(title: str, region: str, sector: str) -> AnalysisPage:
    page = AnalysisPage(
        title=title,
        slug=title.lower().replace(" ", "-").replace("ö", "o").replace("ä", "a"),
        summary=f"{title}: regionen behöver fler undersköterskor till äldreomsorgen.",
        horizon="long",
        kind="analys",
        published_date=datetime.date(2026, 2, 1),
        live=False,
    )
    RegionPage.objects.get(region__code=region).add_child(instance=page)
    page.sectors.set([Sector.objects.get(code=sector, level=Sector.Level.SECTION)])
    page.save_revision().publish()
    return page


def test_search_with_two_facets_and_open_a_hit(page, site_url, check_accessibility):
    _publish("Vårdens behov i Västernorrland", "22", "Q")
    _publish("Skolans behov i Västernorrland", "22", "P")
    _publish("Vårdens behov i Stockholm", "01", "Q")

    page.goto(site_url + "/")
    page.get_by_label("Sök i portalen").fill("undersköterskor")
    page.get_by_label("Sök i portalen").press("Enter")
    expect(
        page.get_by_role("heading", level=2, name="3 träffar för ”undersköterskor”")
    ).to_be_visible()
    check_accessibility()

    # Each facet applies when ticked (js/disclosures.js); "Använd filter" is for no-JS.
    page.get_by_role("checkbox", name="Region Västernorrland").check()
    expect(page).to_have_url(re.compile(r"region=22"))
    # The new page's deferred script must have wired the facet form before the next tick.
    page.wait_for_load_state()
    page.get_by_role("checkbox", name="Q Vård och omsorg; sociala tjänster").check()
    expect(page).to_have_url(re.compile(r"region=22.*sector=Q"))
    expect(
        page.get_by_role("heading", level=2, name="1 träff för ”undersköterskor”")
    ).to_be_visible()
    expect(page.locator(".hit__snippet mark").first).to_have_text("undersköterskor")
    check_accessibility()

    page.get_by_role("link", name="Vårdens behov i Västernorrland").click()
    expect(page.locator("h1")).to_have_text("Vårdens behov i Västernorrland")
