"""Choosers in a real browser: the SSYK chooser in the need form, used with the keyboard only,
and the thread form, where the invited organisations show only for a restricted thread."""

import re

import pytest
from playwright.sync_api import expect

from content.models import CompetenceNeedPage
from tests.browser.test_content_security_policy import log_in_with_totp
from tests.factories import (
    PASSWORD,
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    MembershipFactory,
    UserFactory,
)

SCREENSHOTS = "/tmp/choosers-screens"


@pytest.fixture
def need(site_url):
    analysis = AnalysisPageFactory(region="22", title="Skogsnäringens vakanser")
    return CompetenceNeedPageFactory(
        region="22",
        title="Skogsmaskinförare i Västernorrland",
        source_analyses=[analysis],
        occupations=["6210"],
        municipalities=["2281"],
    )


def test_editor_picks_an_occupation_with_the_keyboard_removes_a_chip_and_saves(
    page, site_url, need
):
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"], mfa=True)
    log_in_with_totp(page, site_url, editor)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}/admin/pages/{need.pk}/edit/")

    box = page.get_by_role("combobox", name="Yrken (SSYK)")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("sjukskö")
    listbox = page.get_by_role("listbox", name="Yrken (SSYK)")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    picked = first.text_content()
    page.screenshot(path=f"{SCREENSHOTS}/admin-ssyk-listbox.png")
    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("")
    expect(page.get_by_role("button", name=f"Ta bort {picked}")).to_be_visible()

    # Escape closes an open list without choosing.
    box.press_sequentially("lärare")
    expect(listbox).to_be_visible()
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("Escape")
    expect(box).to_have_value("")

    remove = page.get_by_role("button", name="Ta bort 6210 – Skogsarbetare")
    remove.focus()
    page.keyboard.press("Enter")
    expect(remove).to_have_count(0)
    page.screenshot(path=f"{SCREENSHOTS}/admin-ssyk-chips.png")

    page.get_by_role("button", name="Spara utkast").click()
    expect(page.locator(".messages")).to_contain_text("Skogsmaskinförare")
    draft = CompetenceNeedPage.objects.get(pk=need.pk).get_latest_revision_as_object()
    codes = [occupation.code for occupation in draft.occupations.all()]
    assert codes == [picked.split(" – ")[0]]
    assert [m.code for m in draft.municipalities.all()] == ["2281"]


def test_thread_form_shows_invited_organisations_only_for_a_restricted_thread(
    page, site_url, need, check_accessibility
):
    from accounts.models import Organisation, OrganisationKind

    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    member = MembershipFactory(organisation=sundsvall).user
    page.goto(f"{site_url}/konto/login/?next=/dialog/behov/{need.pk}/ny/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.locator("h1")).to_have_text("Starta en dialog")

    invited = page.get_by_role("combobox", name="Inbjudna organisationer")
    expect(invited).to_be_hidden()
    check_accessibility()

    page.get_by_label("Endast inbjudna organisationer").check()
    expect(invited).to_be_visible()
    invited.press_sequentially("timrå")
    option = page.get_by_role("option", name=re.compile("Timrå kommun"))
    expect(option).to_be_visible()
    check_accessibility()
    invited.press("ArrowDown")
    invited.press("Enter")
    expect(page.get_by_role("button", name="Ta bort Timrå kommun (kommun)")).to_be_visible()
    page.screenshot(path=f"{SCREENSHOTS}/thread-form-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SCREENSHOTS}/thread-form-phone.png", full_page=True)
    check_accessibility()

    # Back to public: the field hides and its chips post nothing.
    page.get_by_label("Publik – alla kan läsa").check()
    expect(invited).to_be_hidden()
    page.get_by_label("Rubrik").fill("Fler undersköterskor")
    page.get_by_label("Fråga eller syfte").fill("Hur möter vi behovet?")
    page.get_by_role("button", name="Starta dialogen").click()
    expect(page.locator("h1")).to_have_text("Fler undersköterskor")
    from portal.dialogue.models import Thread

    thread = Thread.objects.get(title="Fler undersköterskor")
    assert thread.is_public
    assert list(thread.participants.values_list("name", flat=True)) == ["Sundsvalls kommun"]


def test_without_javascript_the_thread_form_takes_typed_names(browser, site_url, need):
    from accounts.models import Organisation, OrganisationKind
    from portal.dialogue.models import Thread

    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    member = MembershipFactory(organisation=sundsvall).user
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/konto/login/?next=/dialog/behov/{need.pk}/ny/")
    page.locator("#id_login").fill(member.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Rubrik").fill("Bara för inbjudna")
    page.get_by_label("Fråga eller syfte").fill("Hur möter vi behovet?")
    page.get_by_label("Endast inbjudna organisationer").check()
    # No JavaScript: the chooser is a text box for names or codes.
    page.get_by_role("textbox", name="Inbjudna organisationer").fill("kommun")
    page.get_by_role("button", name="Starta dialogen").click()
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.locator("#id_invited_error")).to_contain_text("”kommun” passar flera")
    page.screenshot(path=f"{SCREENSHOTS}/thread-form-no-js-error.png", full_page=True)
    page.get_by_role("textbox", name="Inbjudna organisationer").fill("Timrå kommun")
    page.get_by_role("button", name="Starta dialogen").click()
    expect(page.locator("h1")).to_have_text("Bara för inbjudna")
    thread = Thread.objects.get(title="Bara för inbjudna")
    assert set(thread.participants.values_list("name", flat=True)) == {
        "Sundsvalls kommun",
        "Timrå kommun",
    }
    context.close()
