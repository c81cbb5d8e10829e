"""The README's demo logins work: each role signs in with the printed password and lands on
its starting page (``make run`` turns the MFA requirement off, and so does this test)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import OrganisationKind
from content.models import Region
from portal.dialogue.demo_logins import DEMO_PASSWORD, ensure_demo_logins
from tests.factories import OrganisationFactory

# What each role's starting page shows: its main heading, or (the admin) the region's name.
EXPECTED_ON_START_PAGE = {
    "Regionredaktör": "Region Västernorrland",
    "Kurator": "Kompetensförsörjningsportalen",
    "Kommunmedlem": "Dialoger",
    "Medlem hos utbildningsanordnare": "Dialoger",
}


@pytest.fixture
def demo_logins(site_url, settings):
    settings.PORTAL_MFA_REQUIRED = False
    OrganisationFactory(
        name="Yrkeshögskolan Mitt",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        region=Region.objects.get(code="22"),
    )
    return ensure_demo_logins()


@pytest.mark.parametrize("role", sorted(EXPECTED_ON_START_PAGE))
def test_each_demo_role_signs_in_and_reaches_its_starting_page(page, site_url, demo_logins, role):
    login = next(login for login in demo_logins if login.role == role)
    page.goto(f"{site_url}/konto/login/?next={login.start_url}")
    page.locator("#id_login").fill(login.email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(re.escape(login.start_url) + "$"))
    expect(page.locator("main, #main").first).to_contain_text(EXPECTED_ON_START_PAGE[role])
