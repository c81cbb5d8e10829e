"""Security headers: the strict Content-Security-Policy on public pages and the API, the admin's
own path-scoped policy, the Permissions-Policy, and no inline code on public pages."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.models import Organisation
from tests.factories import (
    CompetenceNeedPageFactory,
    ContributionFactory,
    MembershipFactory,
    SuperuserFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def assert_strict_public_policy(response) -> None:
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def assert_permissions_policy(response) -> None:
    header = response.headers["Permissions-Policy"]
    assert "camera=()" in header
    assert "geolocation=()" in header
    assert "microphone=()" in header


def test_a_public_page_has_the_strict_policy(client, portal_site):
    response = client.get(portal_site.url)
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_permissions_policy(response)


def test_the_api_has_the_strict_policy(client, portal_site):
    response = client.get("/api/search/", {"q": "kompetens"})
    assert response.status_code == 200
    assert_strict_public_policy(response)
    assert_permissions_policy(response)


def test_the_admin_has_its_own_policy_which_never_reaches_public_pages(
    client, admin_login, portal_site
):
    admin = admin_login(SuperuserFactory())
    response = admin.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    # The page editor frames its own preview, and nothing else may frame the admin.
    assert policy["frame-ancestors"] == ["'self'"]
    assert_permissions_policy(response)
    # The same signed-in session on a public page gets the strict policy again.
    assert_strict_public_policy(client.get(portal_site.url))


class InlineCodeFinder(HTMLParser):
    """Collects what a strict script-src/style-src would block: inline code of any kind."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        data_only = attributes.get("type") in {"application/json", "application/ld+json"}
        if tag == "script" and "src" not in attributes and not data_only:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:…>")


def test_public_pages_hold_no_inline_script_or_style(client, portal_site):
    need = CompetenceNeedPageFactory(region="22", title="Undersköterskor")
    region = Organisation.objects.get(kind="region", region__code="22")
    thread = ThreadFactory(need=need, started_for=region)
    ContributionFactory(thread=thread, organisation=region, body="Ett **inlägg**")
    anonymous_paths = [
        portal_site.url,
        need.url,
        thread.get_url(),
        reverse("dialogue:list"),
        "/sok/?q=kompetens",
        reverse("account_login"),
        reverse("account_signup"),
        reverse("accounts:organisation_list"),
        "/finns-inte/",
    ]
    member_paths = [
        thread.get_url(),
        reverse("accounts:profile"),
        reverse("dialogue:notifications"),
        reverse("account_email"),
        reverse("mfa_index"),
    ]
    checked = 0
    for paths in (anonymous_paths, member_paths):
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), path
            finder = InlineCodeFinder()
            finder.feed(response.content.decode())
            assert finder.found == [], f"{path}: {finder.found}"
            checked += 1
        client.force_login(MembershipFactory(organisation=region).user)
    assert checked == len(anonymous_paths) + len(member_paths)
