"""The Content-Security-Policy in a real browser: public pages and Wagtail's admin, the page
editor included, run without a single violation, and the editor still saves a draft.

Violations are caught twice: the page's ``securitypolicyviolation`` events (a listener added
before any of the page's own code runs) and Chromium's console messages about the policy.
"""

import re

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from content.models import AnalysisPage
from tests.accounts.totp import totp_code
from tests.factories import PASSWORD, AnalysisPageFactory, CompetenceNeedPageFactory, UserFactory

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def violations(page):
    """Every CSP violation on the pages ``page`` visits; call ``check()`` after each page."""
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def check() -> None:
        events = page.evaluate("window.__cspViolations")
        assert events == [], f"{page.url}: {events}"
        assert console == [], f"{page.url}: {console}"

    return check


def test_public_pages_run_without_violations(page, site_url, violations):
    analysis = AnalysisPageFactory(region="22", title="Vårdens kompetensbehov till 2035")
    need = CompetenceNeedPageFactory(
        region="22", title="Undersköterskor i Västernorrland", source_analyses=[analysis]
    )
    for path in ["/", need.url, analysis.url, "/kompetensbehov/", "/dialog/", "/konto/login/"]:
        page.goto(site_url + path)
        expect(page.locator("h1").first).to_be_visible()
        violations()
    # The search field's suggestions fetch from the API: a script and a connection of its own.
    page.goto(site_url + "/sok/")
    with page.expect_response(re.compile(r"/api/search/suggest/")):
        page.locator("#site-search-q").press_sequentially("underskö")
    violations()


def log_in_with_totp(page, site_url, user) -> None:
    page.goto(f"{site_url}/konto/login/?next=/admin/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.locator("#id_code").fill(totp_code(user.totp_secret))
    page.locator("main form").get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


ADMIN_PAGES = [
    "/admin/images/",
    "/admin/documents/",
    "/admin/snippets/",
    "/admin/dialog/moderering/",
]
TABLE = {
    "data": [["Yrke", "Brist"], ["Undersköterska", "400"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
}


def test_the_admin_and_its_page_editor_run_without_violations(page, site_url, violations):
    analysis = AnalysisPageFactory(
        region="22",
        title="Vårdens kompetensbehov till 2035",
        body=[
            ("paragraph", RichText("<p>Behovet växer i <b>hela</b> länet.</p>")),
            ("table", TABLE),
        ],
    )
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"], mfa=True)
    log_in_with_totp(page, site_url, editor)
    violations()

    page.goto(f"{site_url}/admin/pages/{analysis.get_parent().pk}/")
    expect(page.get_by_role("link", name=re.compile("Vårdens kompetensbehov"))).to_be_visible()
    violations()

    for path in ADMIN_PAGES:
        page.goto(site_url + path)
        expect(page.locator("h1").first).to_be_visible()
        violations()

    page.goto(f"{site_url}/admin/pages/{analysis.pk}/edit/")
    title = page.locator("#id_title")
    expect(title).to_have_value("Vårdens kompetensbehov till 2035")
    # The rich text editor (Draftail) and the table editor (Handsontable) have started.
    expect(page.locator("[data-draftail-editor]").first).to_be_visible()
    expect(page.locator(".handsontable").first).to_be_visible()
    violations()
    # The editor works: a changed title is saved as a draft through Wagtail's own scripts.
    title.fill("Vårdens kompetensbehov till 2040")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.locator(".messages")).to_contain_text("2040")
    violations()
    latest = AnalysisPage.objects.get(pk=analysis.pk).get_latest_revision_as_object()
    assert latest.title == "Vårdens kompetensbehov till 2040"

    page.goto(f"{site_url}/admin/pages/{analysis.pk}/edit/preview/?mode=")
    violations()


def test_the_totp_set_up_page_runs_without_violations(page, site_url, violations):
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"])
    page.goto(f"{site_url}/konto/login/?next=/admin/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    # The QR code is a data: image; the policy allows exactly that.
    expect(page.locator("main img").first).to_be_visible()
    violations()


def test_the_userbar_on_public_pages_runs_without_violations(page, site_url, violations, settings):
    # The userbar loads its assets from the admin's base URL: here, the live server.
    settings.WAGTAILADMIN_BASE_URL = site_url
    analysis = AnalysisPageFactory(region="22", title="Vårdens kompetensbehov till 2035")
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"], mfa=True)
    log_in_with_totp(page, site_url, editor)
    page.goto(site_url + analysis.url)
    trigger = page.locator("wagtail-userbar").get_by_role("button").first
    expect(trigger).to_be_visible()
    trigger.click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    violations()
