import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site

from content.models import HomePage, Region, RegionIndexPage, RegionPage
from content.site_structure import CURATOR_GROUP_NAME, ensure_site_structure

pytestmark = pytest.mark.django_db


def test_home_page_is_the_default_sites_root():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    # Wagtail's own "Welcome" page is replaced, not left beside the home page.
    assert not Page.objects.exact_type(Page).filter(depth=2).exists()


def test_one_live_region_page_per_region_under_the_region_index():
    index = RegionIndexPage.objects.get()
    assert index.url == "/regioner/"
    pages = RegionPage.objects.child_of(index).live()
    assert pages.count() == 21
    assert set(pages.values_list("region__code", flat=True)) == set(
        Region.objects.values_list("code", flat=True)
    )
    assert RegionPage.objects.get(region__code="22").url == "/regioner/region-vasternorrland/"


def test_groups_exist_for_every_region_and_the_curators():
    names = set(Group.objects.values_list("name", flat=True))
    assert CURATOR_GROUP_NAME in names
    for region in Region.objects.all():
        assert f"Redaktör – {region.name}" in names


def test_editor_group_permissions_cover_only_their_region_page():
    group = Group.objects.get(name="Redaktör – Region Gotland")
    granted = GroupPagePermission.objects.filter(group=group)
    assert {p.page.specific.region.code for p in granted} == {"09"}
    # No publish_page: the region's review (by someone else) publishes.
    assert {p.permission.codename for p in granted} == {"add_page", "change_page"}


def test_running_again_creates_nothing():
    before = (Page.objects.count(), Group.objects.count(), GroupPagePermission.objects.count())
    result = ensure_site_structure()
    assert result.created_pages == []
    assert result.created_groups == []
    assert (
        Page.objects.count(),
        Group.objects.count(),
        GroupPagePermission.objects.count(),
    ) == before


def test_an_edited_region_page_is_left_as_the_editor_made_it():
    page = RegionPage.objects.get(region__code="01")
    page.intro = "Egen ingress"
    page.save_revision().publish()
    ensure_site_structure()
    page.refresh_from_db()
    assert page.intro == "Egen ingress"
