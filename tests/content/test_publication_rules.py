"""Creation rules and the metadata each type needs before it can be published."""

import pytest
from wagtail.models import Page

from content.models import AnalysisPage, CompetenceNeedPage, GoodExamplePage, RegionPage
from tests.factories import AnalysisPageFactory, SuperuserFactory, region_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(admin_login):
    return admin_login(SuperuserFactory())


def create_url(model, parent: Page) -> str:
    return f"/admin/pages/add/content/{model._meta.model_name}/{parent.pk}/"


def analysis_form(**overrides) -> dict:
    data = {
        "title": "Kompetensbehov i industrin",
        "slug": "kompetensbehov-i-industrin",
        "summary": "Industrin behöver fler tekniker.",
        "published_date": "2026-01-15",
        "kind": "analys",
        "horizon": "short",
        "body-count": "0",
        "evidence_sources-TOTAL_FORMS": "0",
        "evidence_sources-INITIAL_FORMS": "0",
        "evidence_sources-MIN_NUM_FORMS": "0",
        "evidence_sources-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_publication_types_sit_under_a_region():
    assert AnalysisPage.can_create_at(region_page("22"))
    assert CompetenceNeedPage.can_create_at(region_page("22"))
    assert not AnalysisPage.can_create_at(RegionPage.objects.get(region__code="22").get_parent())
    assert not GoodExamplePage.can_create_at(region_page("22"))


def test_region_is_taken_from_the_tree():
    analysis = AnalysisPageFactory(region="09")
    assert analysis.region.code == "09"


def test_publishing_without_summary_is_refused_but_a_draft_is_saved(admin):
    parent = region_page("22")
    response = admin.post(
        create_url(AnalysisPage, parent), analysis_form(summary="", **{"action-publish": "1"})
    )
    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not AnalysisPage.objects.filter(slug="kompetensbehov-i-industrin").exists()

    response = admin.post(create_url(AnalysisPage, parent), analysis_form(summary=""))
    draft = AnalysisPage.objects.get(slug="kompetensbehov-i-industrin")
    assert not draft.live


def test_summary_longer_than_600_characters_is_refused(admin):
    response = admin.post(
        create_url(AnalysisPage, region_page("22")),
        analysis_form(summary="x" * 601, **{"action-publish": "1"}),
    )
    assert "summary" in response.context["form"].errors


def test_publishing_with_the_required_metadata_works(admin):
    response = admin.post(
        create_url(AnalysisPage, region_page("22")), analysis_form(**{"action-publish": "1"})
    )
    assert response.status_code == 302
    page = AnalysisPage.objects.get(slug="kompetensbehov-i-industrin")
    assert page.live
    assert page.region.code == "22"


def need_form(**overrides) -> dict:
    data = {
        "title": "Svetsare i länet",
        "slug": "svetsare",
        "summary": "Industrin saknar svetsare.",
        "published_date": "2026-01-15",
        "horizon": "short",
        "balance": "brist",
        "priority": "hog",
        "status": "identifierat",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_need_needs_a_source_analysis_to_be_published(admin):
    url = create_url(CompetenceNeedPage, region_page("22"))
    response = admin.post(url, need_form(**{"action-publish": "1"}))
    assert response.status_code == 200
    assert response.context["form"].errors["source_analyses"] == [
        "Ange minst en källanalys innan behovet publiceras."
    ]

    analysis = AnalysisPageFactory(region="22")
    response = admin.post(url, need_form(source_analyses=[analysis.pk], **{"action-publish": "1"}))
    assert response.status_code == 302
    need = CompetenceNeedPage.objects.get(slug="svetsare")
    assert need.live
    assert list(need.source_analyses.all()) == [analysis]


def test_a_need_without_analysis_can_be_saved_as_draft(admin):
    admin.post(create_url(CompetenceNeedPage, region_page("22")), need_form())
    assert not CompetenceNeedPage.objects.get(slug="svetsare").live


def test_unknown_actor_type_is_refused(admin):
    analysis = AnalysisPageFactory(region="22")
    response = admin.post(
        create_url(CompetenceNeedPage, region_page("22")),
        need_form(
            source_analyses=[analysis.pk],
            actor_types=["kommun", "rymdstyrelse"],
            **{"action-publish": "1"},
        ),
    )
    assert "actor_types" in response.context["form"].errors


def test_moving_a_page_in_the_admin_moves_it_to_the_new_region(admin):
    analysis = AnalysisPageFactory(region="22")
    target = region_page("09")
    response = admin.post(f"/admin/pages/{analysis.pk}/move/{target.pk}/confirm/")
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.region.code == "09"
