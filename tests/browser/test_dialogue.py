"""Dialogue in a real browser: the journey from a need to an accepted insats, and XSS.

A member of Sundsvalls kommun opens a need, starts a thread and proposes an action for the
municipality; a member of an education provider endorses it; the region's editor accepts it
as an insats, and the need's status changes. Every thread page passes axe (WCAG 2.1 A/AA).
"""

import re
import uuid

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import EducationProviderKind, Organisation, OrganisationKind
from content.models import CompetenceNeedPage
from portal.dialogue import services
from portal.dialogue.selectors import POSTS_PER_PAGE
from tests.browser.test_accounts_flow import log_in
from tests.dialogue.xss_payloads import PAYLOADS
from tests.factories import (
    CompetenceNeedPageFactory,
    ContributionFactory,
    MembershipFactory,
    OrganisationFactory,
    ThreadFactory,
    UserFactory,
)


def test_from_need_to_accepted_insats(page, browser, site_url, check_accessibility):
    need = CompetenceNeedPageFactory(region="22", title="Undersköterskor i Sundsvall")
    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    provider = OrganisationFactory(
        name="Yrkeshögskolan Mitt",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        education_kind=EducationProviderKind.HIGHER_VOCATIONAL,
    )
    member = MembershipFactory(organisation=sundsvall).user
    teacher = MembershipFactory(organisation=provider).user
    editor = UserFactory(groups=["Redaktör – Region Västernorrland"])

    log_in(page, site_url, member.email)
    page.goto(site_url + need.url)
    expect(page.get_by_role("heading", name="Dialog om behovet")).to_be_visible()
    page.get_by_role("link", name="Starta en dialog").click()
    page.get_by_label("Rubrik").fill("Fler undersköterskor till hemtjänsten")
    page.get_by_label("Fråga eller syfte").fill("Hur utbildar vi fler på kort tid?")
    page.get_by_label("Skriv för organisationen").select_option(label="Sundsvalls kommun (kommun)")
    check_accessibility()
    page.get_by_role("button", name="Starta dialogen").click()
    expect(page.locator("h1")).to_have_text("Fler undersköterskor till hemtjänsten")

    # A mistake first: the message is in Swedish and tied to the field.
    page.get_by_role("radio", name="Förslag på insats").check()
    page.get_by_role("button", name="Publicera inlägget").click()
    expect(page.locator("#id_body_error")).to_contain_text("Skriv en text")
    check_accessibility()
    page.get_by_role("radio", name="Förslag på insats").check()
    page.locator("#id_body").fill("Vi föreslår en **distansutbildning** med praktik.")
    page.get_by_role("button", name="Publicera inlägget").click()
    expect(page.get_by_role("status").first).to_contain_text("Ditt inlägg är publicerat")
    expect(page.locator(".contribution__body strong")).to_have_text("distansutbildning")
    check_accessibility()
    thread_url = page.url.split("#")[0]

    teacher_context = browser.new_context()
    teacher_page = teacher_context.new_page()
    log_in(teacher_page, site_url, teacher.email)
    teacher_page.goto(thread_url)
    teacher_page.get_by_role("button", name="Vi stödjer").click()
    expect(teacher_page.get_by_role("status").first).to_contain_text("Yrkeshögskolan Mitt stödjer")
    teacher_context.close()

    editor_context = browser.new_context()
    editor_page = editor_context.new_page()
    log_in(editor_page, site_url, editor.email)
    editor_page.goto(thread_url)
    editor_page.get_by_role("link", name="Anta som insats").click()
    # Accepting is privileged: without an authenticator the editor is told how to get one.
    expect(editor_page.locator("h1")).to_have_text("Tvåstegsverifiering krävs")
    expect(editor_page.get_by_role("link", name="Aktivera tvåstegsverifiering")).to_have_attribute(
        "href", "/konto/2fa/totp/activate/"
    )
    TOTP.activate(editor, generate_totp_secret())
    editor_page.reload()
    editor_page.get_by_label("Insatsens rubrik").fill("Distansutbildning för undersköterskor")
    editor_page.get_by_role("button", name="Anta som insats").click()
    expect(editor_page.get_by_role("status").first).to_contain_text("antaget som insats")
    editor_context.close()

    need = CompetenceNeedPage.objects.get(pk=need.pk)
    assert need.status == "insats_pagar"
    page.goto(site_url + need.url)
    expect(page.locator(".status")).to_have_text("Insats pågår")
    expect(
        page.get_by_role("heading", name="Distansutbildning för undersköterskor")
    ).to_be_visible()
    check_accessibility()


@override_settings(DIALOGUE_POSTS_PER_10_MINUTES=10_000)
def test_no_payload_runs_in_the_browser(page, site_url, check_accessibility):
    need = CompetenceNeedPageFactory(region="22")
    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    member = MembershipFactory(organisation=sundsvall).user
    thread = ThreadFactory(need=need, participants=[sundsvall])
    for payload in PAYLOADS[1:]:
        services.post_contribution(
            user=member, thread=thread, organisation=sundsvall, kind="inspel",
            body=payload, submission_key=uuid.uuid4(),
        )  # fmt: skip
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, site_url, member.email)
    # One payload goes through the form in the browser itself.
    page.goto(site_url + thread.get_url())
    page.get_by_role("radio", name="Inspel").check()
    page.locator("#id_body").fill(PAYLOADS[0])
    page.get_by_role("button", name="Publicera inlägget").click()
    expect(page.get_by_role("status").first).to_contain_text("Ditt inlägg är publicerat")
    # The thread is shown in pages: every page is opened, and together they show every post.
    pages = -(-len(PAYLOADS) // POSTS_PER_PAGE)
    shown = 0
    for number in range(1, pages + 1):
        page.goto(f"{site_url}{thread.get_url()}?page={number}")
        shown += page.locator(".contribution").count()
        page.locator(".contribution__body").first.hover()
        page.wait_for_timeout(300)
        injected = page.evaluate(
            """() => {
                const bodies = [...document.querySelectorAll('.contribution__body')];
                const bad = 'script,img,svg,math,iframe,object,embed,style,link,meta,base,form,'
                    + 'input,button,select,textarea,video,audio,details,marquee,template';
                return {
                    elements: bodies.flatMap(
                        b => [...b.querySelectorAll(bad)].map(e => e.tagName)),
                    handlers: [...document.querySelectorAll('*')].flatMap(
                        e => [...e.attributes].filter(a => a.name.startsWith('on'))
                            .map(a => a.name)),
                    scriptLinks: [...document.querySelectorAll('a[href]')]
                        .filter(a => !['http:', 'https:', 'mailto:'].includes(a.protocol))
                        .map(a => a.href),
                    flag: window.__xss === undefined ? null : window.__xss,
                };
            }"""
        )
        assert injected == {"elements": [], "handlers": [], "scriptLinks": [], "flag": None}
        check_accessibility()
    assert shown == len(PAYLOADS)
    assert dialogs == []


def test_a_link_to_a_post_opens_its_page_at_the_post(page, site_url, check_accessibility):
    """A long thread in pages: the lasting link finds the post, the pager and order work."""
    need = CompetenceNeedPageFactory(region="22")
    sundsvall = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    thread = ThreadFactory(need=need, participants=[sundsvall])
    author = UserFactory()
    posts = [
        ContributionFactory(
            thread=thread, organisation=sundsvall, author=author, body=f"Inlägg nummer {n}."
        )
        for n in range(POSTS_PER_PAGE + 5)
    ]
    late = posts[-1]
    page.goto(site_url + reverse("dialogue:post", args=[late.pk]))
    expect(page).to_have_url(re.compile(rf"\?page=2#inlagg-{late.pk}$"))
    expect(page.locator(f"#inlagg-{late.pk}")).to_be_in_viewport()
    pager = page.get_by_role("navigation", name="Sidnumrering")
    expect(pager.locator('[aria-current="page"]')).to_have_text("2")
    check_accessibility()
    pager.get_by_role("link", name="Föregående").click()
    expect(page.locator(".contributions .contribution__body").first).to_have_text(
        "Inlägg nummer 0."
    )
    page.get_by_role("navigation", name="Ordning för inläggen").get_by_role(
        "link", name="Nyast först"
    ).click()
    expect(page.locator(".contributions .contribution__body").first).to_have_text(
        f"Inlägg nummer {POSTS_PER_PAGE + 4}."
    )
    check_accessibility()
