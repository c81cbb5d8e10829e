"""The chain as its people live it, in Chromium, each in a browser of their own.

An education provider signs up (the code read from the e-mail), asks to join an organisation
that has no administrator; the region's editor is told and approves in the admin. The provider
starts a thread on a need of the region and proposes an insats; the editor is told without
following anything and accepts it. Then the need's status, the need page, the needs listing,
the dialogue list and search all say the same thing.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import EducationProviderKind, OrganisationKind
from content.models import CompetenceNeedPage, NeedStatus, Region
from tests.browser.test_content_security_policy import log_in_with_totp
from tests.factories import CompetenceNeedPageFactory, OrganisationFactory, UserFactory

EDITOR_GROUP = "Redaktör – Region Västernorrland"
PASSWORD = "Kompetens-Vaxer-2026"
PROVIDER_EMAIL = "maria.berg@yhmitt.se"
THREAD_TITLE = "Distansutbildning för undersköterskor"
ACTION_TITLE = "Undersköterskeutbildning på distans i Västernorrland"


def sign_up(page, site_url) -> None:
    page.goto(site_url + "/konto/signup/")
    page.locator("#id_first_name").fill("Maria")
    page.locator("#id_last_name").fill("Berg")
    page.locator("#id_email").fill(PROVIDER_EMAIL)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    sent = [message for message in mail.outbox if PROVIDER_EMAIL in message.to]
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", sent[-1].body, re.M).group(1)
    page.locator("#id_code").fill(code)
    page.locator("main form").get_by_role("button").first.click()
    expect(page.locator("h1")).to_have_text("Min profil")


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_provider_joins_proposes_and_the_region_accepts(
    page, browser, site_url, check_accessibility
):
    region = Region.objects.get(code="22")
    school = OrganisationFactory(
        name="Yrkeshögskolan Mitt",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        education_kind=EducationProviderKind.HIGHER_VOCATIONAL,
        region=region,
        is_approved=True,
    )
    need = CompetenceNeedPageFactory(
        region="22",
        title="Undersköterskor i Västernorrland",
        sectors=["87"],
        occupations=["5321"],
    )
    editor = UserFactory(groups=[EDITOR_GROUP], mfa=True)
    editor_context = browser.new_context()
    editor_page = editor_context.new_page()

    # The provider signs up and asks to join an organisation that has no administrator.
    sign_up(page, site_url)
    page.goto(f"{site_url}/konto/organisationer/{school.pk}/")
    page.get_by_role("button", name="Ansök om medlemskap").click()
    expect(page.get_by_role("status").first).to_contain_text("Din ansökan om medlemskap")

    # The region's editor is told, and decides in the admin's queue.
    told = mail_to(editor.email)
    assert told and "Maria Berg" in told[-1].body and "Väntande förfrågningar" in told[-1].body
    log_in_with_totp(editor_page, site_url, editor)
    # The admin's menu counts what waits for the editor; the admin home's to-do panel names the
    # same queue, so the menu's link is the one inside the sidebar.
    menu = editor_page.locator("aside, nav").filter(
        has=editor_page.get_by_role("link", name="Väntande förfrågningar (1)")
    )
    menu.first.get_by_role("link", name="Väntande förfrågningar (1)").click()
    expect(editor_page).to_have_url(re.compile(r"/admin/aktorer/forfragningar/$"))
    row = editor_page.get_by_role("row", name=re.compile("Maria Berg"))
    expect(row).to_contain_text("Yrkeshögskolan Mitt")
    row.get_by_role("button", name="Godkänn", exact=True).click()
    expect(editor_page.locator("body")).to_contain_text("Inga ansökningar väntar")
    welcome = [message.subject for message in mail_to(PROVIDER_EMAIL)]
    assert any("Du är nu medlem i Yrkeshögskolan Mitt" in subject for subject in welcome)

    # The provider starts a thread on the region's need and proposes an insats.
    page.goto(site_url + need.url)
    page.get_by_role("link", name="Starta en dialog").click()
    page.get_by_label("Rubrik").fill(THREAD_TITLE)
    page.get_by_label("Fråga eller syfte").fill("Vi kan starta en klass i höst.")
    page.get_by_role("button", name="Starta dialogen").click()
    expect(page.locator("h1")).to_have_text(THREAD_TITLE)
    page.get_by_role("radio", name="Förslag på insats").check()
    page.locator("#id_body").fill("Vi föreslår en **distansutbildning** med praktik i hemtjänsten.")
    page.get_by_role("button", name="Publicera inlägget").click()
    expect(page.get_by_role("status").first).to_contain_text("Ditt inlägg är publicerat")
    assert CompetenceNeedPage.objects.get(pk=need.pk).status == NeedStatus.ACTION_PROPOSED

    # The editor follows nothing, and is told; the notice leads to the thread.
    editor_page.goto(site_url + "/dialog/notiser/")
    notice = editor_page.get_by_role("link", name=re.compile(f"förslag på insats i {THREAD_TITLE}"))
    expect(notice).to_be_visible()
    notice.click()
    expect(editor_page.locator("h1")).to_have_text(THREAD_TITLE)
    editor_page.get_by_role("link", name="Anta som insats").click()
    editor_page.get_by_label("Insatsens rubrik").fill(ACTION_TITLE)
    editor_page.get_by_role("button", name="Anta som insats").click()
    expect(editor_page.get_by_role("status").first).to_contain_text("antaget som insats")
    editor_context.close()

    # Everything agrees: the stored status, the need page, the listing, the list and search.
    ongoing = NeedStatus.ACTION_ONGOING
    assert CompetenceNeedPage.objects.get(pk=need.pk).status == ongoing
    page.goto(site_url + need.url)
    expect(page.locator(".status")).to_have_text(ongoing.label)
    expect(page.get_by_role("heading", name=ACTION_TITLE)).to_be_visible()

    page.goto(f"{site_url}/kompetensbehov/?status={ongoing.value}")
    expect(page.get_by_role("link", name=need.title)).to_be_visible()
    page.goto(f"{site_url}/kompetensbehov/?status={NeedStatus.ACTION_PROPOSED.value}")
    expect(page.get_by_role("link", name=need.title)).to_have_count(0)

    page.goto(f"{site_url}/dialog/?status={ongoing.value}")
    card = page.locator(".card", has_text=THREAD_TITLE)
    expect(card).to_contain_text(f"Behovets status: {ongoing.label}")
    expect(card).to_contain_text("Deltar: Utbildningsanordnare")

    found = page.request.get(f"{site_url}/api/search/?type=need&status={ongoing.value}").json()
    assert [hit["title"] for hit in found["results"]] == [need.title]
    assert found["facets"]["status"].get(ongoing.value) == 1
    assert not found["facets"]["status"].get(NeedStatus.ACTION_PROPOSED.value)
    before = page.request.get(
        f"{site_url}/api/search/?type=need&status={NeedStatus.ACTION_PROPOSED.value}"
    ).json()
    assert before["count"] == 0
    check_accessibility()
