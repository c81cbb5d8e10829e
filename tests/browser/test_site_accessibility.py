from playwright.sync_api import expect


def test_home_region_index_and_region_page_have_no_wcag_violations(
    page, site_url, check_accessibility
):
    page.goto(site_url + "/")
    expect(page.locator("h1")).to_have_text("Kompetensförsörjningsportalen")
    expect(page.locator(".tile-map__tile")).to_have_count(21)
    check_accessibility()

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Regioner").click()
    expect(page.locator("h1")).to_have_text("Regioner")
    check_accessibility()

    page.get_by_role("link", name="Region Västernorrland").click()
    expect(page.locator("h1")).to_have_text("Region Västernorrland")
    expect(page.get_by_text("Sundsvall", exact=True)).to_be_visible()
    check_accessibility()


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_pages_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/regioner/")
    expect(page.locator(".region-list li")).to_have_count(21)
    page.get_by_role("link", name="Region Gotland").click()
    expect(page.locator("h1")).to_have_text("Region Gotland")
    context.close()
