"""The accessibility statement and the account pages at a phone's width: no WCAG violations and
nothing wider than the screen (long compounds and e-mail addresses wrap)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, CompetenceNeedPageFactory, UserFactory


@pytest.mark.parametrize("width", [1366, 390])
def test_the_statement_has_no_violations_and_fits_the_screen(
    page, site_url, check_accessibility, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "/tillganglighetsredogorelse/")
    expect(page.locator("h1")).to_have_text("Tillgänglighetsredogörelse")
    expect(
        page.get_by_role("link", name="anmäla bristande tillgänglighet till Digg")
    ).to_be_visible()
    check_accessibility()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_account_pages_fit_a_phone_with_a_long_email_address(page, site_url, check_accessibility):
    user = UserFactory(
        username="lang", email="forvaltningsutvecklare.kompetensforsorjning@example.se"
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "/konto/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    for path, heading in (
        ("/konto/profil/", "Min profil"),
        ("/konto/email/", "E-postadresser"),
        ("/konto/2fa/", "Tvåstegsverifiering"),
    ):
        page.goto(site_url + path)
        expect(page.locator("h1")).to_have_text(heading)
        check_accessibility()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


LONG_NEED_TITLE = "Kompetensförsörjningssamordnare och undersköterskeutbildningar i Västernorrland"


def fits_without_overflow(page, selector: str, width: int) -> bool:
    return page.evaluate(
        """([selector, width]) => {
            const element = document.querySelector(selector);
            return element.scrollWidth <= element.clientWidth
                && element.getBoundingClientRect().right <= width
                && document.documentElement.scrollWidth <= width;
        }""",
        [selector, width],
    )


def visible_text(page, selector: str) -> str:
    """The text as read and copied: soft hyphens are invisible unless a line breaks there."""
    return (
        page.locator(selector)
        .first.evaluate("element => element.textContent")
        .replace("\u00ad", "")
    )


def test_long_headings_break_with_soft_hyphens_at_320_px(page, site_url):
    need = CompetenceNeedPageFactory(region="22", title=LONG_NEED_TITLE)
    page.set_viewport_size({"width": 320, "height": 700})

    page.goto(site_url + "/tillganglighetsredogorelse/")
    raw = page.locator("h1").evaluate("element => element.textContent")
    assert "\u00ad" in raw, "the server marks the break points"
    assert visible_text(page, "h1") == "Tillgänglighetsredogörelse"
    assert fits_without_overflow(page, "h1", 320)

    page.goto(site_url + need.url)
    assert visible_text(page, "h1") == LONG_NEED_TITLE
    assert fits_without_overflow(page, "h1", 320)
    # The longest word is wider than the screen; it needs more than one line.
    assert page.locator("h1").bounding_box()["height"] > 80

    page.goto(site_url + "/kompetensbehov/")
    card = ".publication-card > a"
    assert visible_text(page, card) == LONG_NEED_TITLE
    assert fits_without_overflow(page, card, 320)
