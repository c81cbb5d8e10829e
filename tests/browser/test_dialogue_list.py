"""/dialog/ in Chromium: no WCAG violations on a desktop or a phone, filters that apply when
changed, and on a phone folded behind the "Filter" button like the listings'."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Organisation, OrganisationKind
from tests.factories import CompetenceNeedPageFactory, ContributionFactory, ThreadFactory

# Set PORTAL_SCREENSHOTS to a folder to keep what the test saw (for a person to look at).
SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS")


@pytest.fixture
def threads(portal_site):
    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    care = CompetenceNeedPageFactory(
        region="22", title="Undersköterskor i Västernorrland", sectors=["87"], occupations=["5321"]
    )
    software = CompetenceNeedPageFactory(
        region="09", title="Systemutvecklare på Gotland", sectors=["J"], occupations=["2512"]
    )
    for number in range(23):
        thread = ThreadFactory(
            need=care if number % 2 else software,
            title=f"Dialog om kompetensförsörjningen nummer {number + 1}",
            started_for=sundsvall,
        )
        ContributionFactory(thread=thread, organisation=sundsvall)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_dialogue_list_has_no_violations_and_fits_the_screen(
    page, site_url, threads, check_accessibility, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/dialog/")
    expect(page.locator("h1")).to_have_text("Dialoger")
    expect(page.get_by_role("navigation", name="Sidnumrering")).to_contain_text("Sida 1 av 2")
    check_accessibility()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    region = page.get_by_role("checkbox", name="Region Västernorrland")
    if width < 768:
        # Folded away on a phone until the "Filter" button opens it.
        expect(region).to_be_hidden()
        page.locator("summary", has_text="Filter").click()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"dialog-{width}.png"), full_page=True)
    # A ticked box applies at once (js/disclosures.js); the button is there for no-JS.
    region.check()
    expect(page).to_have_url(re.compile(r"/dialog/\?region=22&"))
    # The new page's deferred script must have wired the filter form before the next change.
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_have_text("11 dialoger, senaste aktivitet först")
    if width < 768:
        # The new page folds the filters again, its button saying that some are chosen.
        page.locator("summary", has_text="Filter (valda)").click()
    page.get_by_label("Sektor (SNI)").select_option("J")
    expect(page.get_by_role("status").first).to_have_text("0 dialoger, senaste aktivitet först")
    expect(page.locator(".empty-state")).to_contain_text("Inga dialoger matchar filtren.")
    check_accessibility()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"dialog-tom-{width}.png"), full_page=True)
