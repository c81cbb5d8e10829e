"""The admin home of a region editor: the to-do panels, at desktop width, pass axe."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.portal.test_admin_dashboard import EDITOR, HOME, OTHER, waiting_items

SCREENSHOTS = Path(os.environ.get("PORTAL_SCREENSHOT_DIR", "/tmp"))


@pytest.fixture
def editor(site_url, settings):
    # As under make run: the admin opens without an authenticator app, so the test signs in
    # through the ordinary login form.
    settings.PORTAL_MFA_REQUIRED = False
    return UserFactory(groups=[EDITOR[HOME]])


def test_the_region_editors_admin_home(page, site_url, editor, check_accessibility):
    mine = waiting_items(HOME, "hemma")
    others = waiting_items(OTHER, "borta")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site_url}/konto/login/?next=/admin/")
    page.locator("#id_login").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    panels = page.locator(".todo-panel")
    expect(panels).to_have_count(5)
    for title in mine.values():
        expect(page.locator("main")).to_contain_text(title)
    for title in others.values():
        expect(page.locator("main")).not_to_contain_text(title)
    page.screenshot(path=str(SCREENSHOTS / "admin-home-editor-1366.png"), full_page=True)

    # The whole page, Wagtail's chrome included.
    check_accessibility()

    page.get_by_role("link", name=re.compile("Visa alla 1.*förslag som väntar")).click()
    expect(page.locator("h1")).to_contain_text("Förslag som väntar på beslut")
    check_accessibility()
    page.screenshot(path=str(SCREENSHOTS / "admin-todo-list-1366.png"))
    page.get_by_role("link", name=mine["forslag"]).click()
    expect(page).to_have_url(re.compile(r"/dialog/inlagg/\d+/anta/$"))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}/admin/")
    expect(panels.first).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "admin-home-editor-390.png"), full_page=True)
