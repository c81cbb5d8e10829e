"""sitemap.xml lists the live public pages and the public threads; robots.txt points at it."""

import re

import pytest
from wagtail.models import PageViewRestriction

from accounts.models import Organisation
from tests.factories import CompetenceNeedPageFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(portal_site):
    region = Organisation.objects.get(kind="region", region__code="22")
    need = CompetenceNeedPageFactory(region="22", title="Undersköterskor")
    draft = CompetenceNeedPageFactory(region="22", title="Opublicerat behov")
    draft.unpublish()
    private = CompetenceNeedPageFactory(region="22", title="Lösenordsskyddat behov")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    return {
        "home": portal_site,
        "need": need,
        "draft": draft,
        "private": private,
        "public_thread": ThreadFactory(need=need, started_for=region),
        "restricted_thread": ThreadFactory(need=need, started_for=region, visibility="inbjudna"),
    }


def test_sitemap_lists_public_pages_and_public_threads_only(client, content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", response.text))
    root = content["home"].get_site().root_url
    assert f"{root}/" in locations
    assert content["need"].get_full_url() in locations
    # Threads share the pages' scheme and host.
    assert f"{root}{content['public_thread'].get_url()}" in locations
    assert not any(
        location.endswith(content["restricted_thread"].get_url()) for location in locations
    )
    assert content["private"].get_full_url() not in locations
    draft = content["draft"]
    assert f"{root}{draft.get_parent().url}{draft.slug}/" not in locations
    assert len(locations) > 40  # the home page, "Regioner" and the 21 regions with their pages


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /konto/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
