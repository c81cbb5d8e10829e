"""A visitor follows a need to its source analysis and to a good example in another region."""

import re

import pytest
from playwright.sync_api import expect

from content.models import AnalysisAttachment
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    GoodExamplePageFactory,
    ResultPageFactory,
)
from tests.pdfs import text_pdf


@pytest.fixture
def chain(site_url, run_on_commit):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Rapport om vården")
    document.file.save("rapport-varden.pdf", ContentFile(text_pdf(["Vårdens behov"])), save=False)
    run_on_commit(document.save)
    analysis = AnalysisPageFactory(
        region="22", title="Vårdens kompetensbehov till 2035", occupations=["5321"]
    )
    analysis.attachments = [AnalysisAttachment(document=document)]
    analysis.save_revision().publish()
    need = CompetenceNeedPageFactory(
        region="22",
        title="Undersköterskor i Västernorrland",
        source_analyses=[analysis],
        occupations=["5321"],
        sectors=["87"],
        actor_types=["kommun", "utbildningsanordnare"],
    )
    GoodExamplePageFactory(
        region="01",
        title="Kombinationsutbildning i Stockholm",
        needs_addressed=[need],
        challenge="<p>För få sökande.</p>",
        lessons_learned="<p>Handledning kostar.</p>",
        curator_comment="Ett föredöme.",
    )
    ResultPageFactory(region="22", title="Uppföljning av vårdlyftet", needs=[need])
    return need


def test_visitor_follows_the_chain_and_downloads_the_report(
    page, site_url, chain, check_accessibility
):
    page.goto(site_url + "/regioner/region-vasternorrland/")
    check_accessibility()
    page.get_by_role("link", name="Undersköterskor i Västernorrland").first.click()
    expect(page.locator("h1")).to_have_text("Undersköterskor i Västernorrland")
    check_accessibility()

    page.get_by_role("link", name="Vårdens kompetensbehov till 2035").click()
    expect(page.locator("h1")).to_have_text("Vårdens kompetensbehov till 2035")
    check_accessibility()
    report = page.get_by_role("link", name="Rapport om vården")
    response = page.request.get(site_url + report.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("link", name="Undersköterskor i Västernorrland").click()
    page.get_by_role("link", name="Kombinationsutbildning i Stockholm").click()
    expect(page.locator("h1")).to_have_text("Kombinationsutbildning i Stockholm")
    expect(page.get_by_text("Region Stockholm").first).to_be_visible()
    expect(page.get_by_role("heading", name="Tillväxtverkets kommentar")).to_be_visible()
    check_accessibility()

    page.get_by_role("link", name="Undersköterskor i Västernorrland").click()
    page.get_by_role("link", name="Uppföljning av vårdlyftet").click()
    check_accessibility()


def test_listings_and_learning_pages_are_accessible(page, site_url, chain, check_accessibility):
    for path in ("/kompetensbehov/", "/analyser/", "/goda-exempel/", "/resultat/", "/larande/"):
        page.goto(site_url + path)
        check_accessibility()
    page.goto(site_url + "/kompetensbehov/")
    # Each change applies at once (js/disclosures.js); the "Visa" button is for no-JS.
    page.get_by_label("Region Västernorrland").check()
    expect(page).to_have_url(re.compile(r"region=22"))
    # The URL changes when the new page starts to arrive; its deferred script, which makes the
    # next field apply at once, has run only when the page has loaded.
    page.wait_for_load_state()
    page.get_by_label("Status").select_option("identifierat")
    expect(page).to_have_url(re.compile(r"region=22.*status=identifierat"))
    expect(page.get_by_role("link", name="Undersköterskor i Västernorrland")).to_be_visible()
    check_accessibility()
