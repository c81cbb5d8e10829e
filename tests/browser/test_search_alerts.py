"""Watch a search: from "Logga in för att bevaka sökningen" on /sok/ through the save form to
"Mina bevakningar" on the profile; every page without WCAG violations."""

import datetime

from playwright.sync_api import expect

from search.alerts import unsubscribe_token
from search.models import SavedSearch
from tests.factories import PASSWORD, AnalysisPageFactory, UserFactory


def test_save_a_search_and_manage_it_in_the_profile(page, site_url, check_accessibility):
    AnalysisPageFactory(
        title="Vätgas i stålindustrin", region="22", published_date=datetime.date(2026, 2, 1)
    )
    user = UserFactory(email="bevakare@example.se")

    page.goto(site_url + "/sok/?q=v%C3%A4tgas&region=22")
    page.get_by_role("link", name="Logga in för att bevaka sökningen").click()
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    # Back on the same search, now with the form.
    expect(page.get_by_role("heading", level=2, name="1 träff för ”vätgas”")).to_be_visible()
    expect(page.get_by_role("link", name="Följ sökningen i en nyhetsläsare (Atom)")).to_be_visible()
    check_accessibility()
    page.get_by_label("Mejl om nya träffar").select_option(label="Varje vecka")
    page.get_by_role("button", name="Bevaka sökningen").click()
    expect(page.get_by_text("Sökningen bevakas.")).to_be_visible()
    expect(page.get_by_text("Du bevakar den här sökningen.")).to_be_visible()
    expect(page.get_by_label("Mejl om nya träffar")).to_have_value("weekly")
    check_accessibility()
    assert SavedSearch.objects.get().frequency == "weekly"

    page.get_by_role("link", name="Mina bevakningar").click()
    section = page.locator("#bevakningar")
    expect(section.get_by_role("heading", name="Mina bevakningar")).to_be_visible()
    expect(
        section.get_by_role("link", name="”vätgas”; Region: Region Västernorrland")
    ).to_be_visible()
    check_accessibility()

    section.get_by_role("combobox").select_option(label="Varje dag")
    section.get_by_role(
        "button", name="Ändra hur ofta för ”vätgas”; Region: Region Västernorrland"
    ).click()
    expect(page.get_by_text("Bevakningen är ändrad.")).to_be_visible()
    assert SavedSearch.objects.get().frequency == "daily"

    # The signed link from the mail asks before it ends anything.
    page.goto(
        site_url + f"/sok/bevakningar/avsluta/{unsubscribe_token(alert=SavedSearch.objects.get())}/"
    )
    expect(page.get_by_role("button", name="Ja, avsluta bevakningen")).to_be_visible()
    check_accessibility()
    page.goto(site_url + "/konto/profil/")

    page.locator("#bevakningar").get_by_role(
        "button", name="Ta bort bevakningen", exact=False
    ).click()
    expect(page.get_by_text("Du bevakar inga sökningar.")).to_be_visible()
    check_accessibility()
    assert not SavedSearch.objects.exists()
