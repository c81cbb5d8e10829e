"""A region's editors may change their own region's pages and nothing in other regions.

Editors and curators reach the admin only with MFA, so the users here have a TOTP authenticator.
"""

import pytest

from content.models import HomePage, RegionPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gotland_editor():
    return UserFactory(groups=["Redaktör – Region Gotland"], mfa=True)


@pytest.fixture
def curator():
    return UserFactory(groups=["Tillväxtverket – kurator"], mfa=True)


def test_permission_api_allows_own_region_and_denies_others(gotland_editor):
    own = RegionPage.objects.get(region__code="09").permissions_for_user(gotland_editor)
    other = RegionPage.objects.get(region__code="22").permissions_for_user(gotland_editor)
    home = HomePage.objects.get().permissions_for_user(gotland_editor)

    assert own.can_edit()
    # Editing, yes; publishing goes through the review by another editor or a curator.
    assert not own.can_publish()
    assert not other.can_edit()
    assert not other.can_publish()
    assert not home.can_edit()


def test_admin_edit_view_over_http(client, gotland_editor):
    client.force_login(gotland_editor)
    own = RegionPage.objects.get(region__code="09")
    other = RegionPage.objects.get(region__code="22")

    response = client.get(f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 200
    assert "Region Gotland" in response.text

    denied = client.get(f"/admin/pages/{other.pk}/edit/", follow=True)
    assert denied.redirect_chain, "editing another region's page must not be served"
    assert denied.redirect_chain[-1][0] == "/admin/"
    assert "du saknar rättigheter" in denied.text


def test_publishing_in_another_region_is_refused_over_http(client, gotland_editor):
    client.force_login(gotland_editor)
    other = RegionPage.objects.get(region__code="22")
    response = client.post(
        f"/admin/pages/{other.pk}/edit/",
        {"title": "Kapad", "slug": other.slug, "intro": "", "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Region Västernorrland"


def test_curator_may_edit_every_region(curator):
    for page in RegionPage.objects.all():
        assert page.permissions_for_user(curator).can_edit()
    assert HomePage.objects.get().permissions_for_user(curator).can_edit()
