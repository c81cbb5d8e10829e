"""A new person signs up, verifies, joins Sundsvalls kommun; an editor enrols TOTP.

Codes are read where a person would read them: the verification code from the e-mail (the
test outbox), the TOTP code computed from the secret the set-up page shows.
"""

import re

from django.core import mail
from playwright.sync_api import expect

from accounts.models import Membership, Organisation
from tests.accounts.totp import totp_code
from tests.factories import PASSWORD, MembershipFactory, UserFactory

NEW_PASSWORD = "Kompetens-Vaxer-2026"


def log_in(page, site_url, email, password=PASSWORD, next_path=""):
    page.goto(f"{site_url}/konto/login/{next_path}")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_sign_up_verify_join_sundsvall_and_see_it_on_the_profile(
    page, browser, site_url, check_accessibility
):
    page.goto(site_url + "/konto/login/")
    expect(page.locator("h1")).to_have_text("Logga in")
    check_accessibility()

    page.get_by_role("link", name="Skapa konto").first.click()
    expect(page.locator("h1")).to_have_text("Skapa konto")
    check_accessibility()

    # Bad input first: the message is in Swedish and tied to the field.
    page.locator("#id_first_name").fill("Sara")
    page.locator("#id_last_name").fill("Lind")
    page.locator("#id_email").fill("inte-en-adress")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()
    expect(page.locator("#id_email_error")).to_contain_text("giltig e-postadress")
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
    check_accessibility()

    page.locator("#id_email").fill("sara.lind@sundsvall.se")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Skapa konto").click()

    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.M).group(1)
    page.locator("#id_code").fill(code)
    page.locator("main form").get_by_role("button").first.click()
    expect(page.locator("h1")).to_have_text("Min profil")
    check_accessibility()

    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Organisationer"
    ).click()
    page.get_by_label("Namn eller organisationsnummer").fill("Sundsvall")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Sundsvalls kommun").click()
    page.get_by_role("button", name="Ansök om medlemskap").click()
    expect(page.get_by_role("status").first).to_contain_text("Din ansökan om medlemskap")

    # An administrator of Sundsvalls kommun approves, in a browser of their own.
    sundsvall = Organisation.objects.get(municipality__code="2281")
    admin = MembershipFactory(organisation=sundsvall, role=Membership.Role.ADMIN).user
    admin_context = browser.new_context()
    admin_page = admin_context.new_page()
    log_in(admin_page, site_url, admin.email)
    admin_page.goto(f"{site_url}/konto/organisationer/{sundsvall.pk}/")
    admin_page.get_by_role("button", name="Godkänn Sara Lind").click()
    expect(admin_page.get_by_role("status").first).to_contain_text("är godkänd")
    admin_context.close()
    assert any("Du är nu medlem i Sundsvalls kommun" in m.subject for m in mail.outbox)

    page.goto(site_url + "/konto/profil/")
    row = page.get_by_role("row", name=re.compile("Sundsvalls kommun"))
    expect(row).to_contain_text("Godkänd")
    check_accessibility()


def test_editor_enrols_totp_and_reaches_the_admin(page, site_url, check_accessibility):
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"])
    page.goto(site_url + "/admin/")
    expect(page).to_have_url(re.compile(r"/konto/login/\?next=/admin/$"))
    log_in(page, site_url, editor.email, next_path="?next=/admin/")

    # No admin page without MFA: confirm the password, then set up the authenticator app.
    expect(page.get_by_role("status").first).to_contain_text("tvåstegsverifiering")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form").get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    check_accessibility()

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    page.locator("main form").get_by_role("button").first.click()
    expect(page).not_to_have_url(re.compile(r"/activate/"))

    page.goto(site_url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("Kompetensförsörjningsportalen")
