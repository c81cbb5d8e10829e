"""The accessibility statement and the account pages at a phone's width: no WCAG violations and
nothing wider than the screen (long compounds and e-mail addresses wrap)."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory


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
