"""Good examples pass the region's review and then the agency's curation before publishing."""

import pytest

from content.models import CompetenceNeedPage, GoodExamplePage
from tests.factories import (
    AnalysisPageFactory,
    SuperuserFactory,
    UserFactory,
    good_example_index,
    region_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(groups=["Redaktör – Region Gotland"])


@pytest.fixture
def curator():
    return UserFactory(groups=["Tillväxtverket – kurator"])


@pytest.fixture
def draft_example():
    page = GoodExamplePage(
        title="Lärlingsnätverk på Gotland",
        slug="larlingsnatverk",
        summary="Företagen delar på handledningen.",
        outcome="lyckat",
        live=False,
    )
    good_example_index("09").add_child(instance=page)
    page.save_revision()
    return page


def approve(page, user):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def test_workflows_per_page_type():
    example_workflow = good_example_index("09").get_workflow()
    tasks = [task.name for task in example_workflow.tasks]
    assert tasks == ["Regiongranskning – Region Gotland", "Kurering – Tillväxtverket"]
    analysis = AnalysisPageFactory(region="09")
    assert [task.name for task in analysis.get_workflow().tasks] == [
        "Regiongranskning – Region Gotland"
    ]


def test_region_editor_cannot_publish_a_good_example_directly(editor, curator, draft_example):
    editor_perms = draft_example.permissions_for_user(editor)
    assert editor_perms.can_edit()
    assert editor_perms.can_submit_for_moderation()
    assert not editor_perms.can_publish()
    assert draft_example.permissions_for_user(curator).can_publish()
    assert draft_example.permissions_for_user(SuperuserFactory()).can_publish()
    # Nor anything else: every page of the region goes through the review.
    assert not AnalysisPageFactory(region="09").permissions_for_user(editor).can_publish()


def test_publish_button_posted_by_a_region_editor_does_not_publish(
    admin_login, editor, draft_example
):
    client = admin_login(editor)
    response = client.post(
        f"/admin/pages/{draft_example.pk}/edit/",
        {
            "title": draft_example.title,
            "slug": draft_example.slug,
            "summary": draft_example.summary,
            "published_date": "2026-01-01",
            "outcome": "lyckat",
            "action-publish": "1",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code in (200, 302)
    draft_example.refresh_from_db()
    assert not draft_example.live


def test_region_review_then_curation_publishes(editor, curator, draft_example):
    workflow = draft_example.get_workflow()
    workflow.start(draft_example, editor)

    draft_example.refresh_from_db()
    region_task = draft_example.current_workflow_task
    assert region_task.name == "Regiongranskning – Region Gotland"
    other_editor = UserFactory(groups=["Redaktör – Region Västernorrland"])
    assert region_task.specific.get_actions(draft_example, other_editor) == []

    approve(draft_example, editor)
    draft_example.refresh_from_db()
    assert not draft_example.live
    curation = draft_example.current_workflow_task
    assert curation.name == "Kurering – Tillväxtverket"
    assert curation.specific.get_actions(draft_example, editor) == []

    approve(draft_example, curator)
    draft_example.refresh_from_db()
    assert draft_example.live


def test_curator_comment_is_shown_once_published(client, curator, draft_example):
    draft_example.curator_comment = "Ett föredöme för glesbygdsregioner."
    draft_example.save_revision().publish()
    assert "Tillväxtverkets kommentar" in client.get(draft_example.url).text
    assert "Ett föredöme för glesbygdsregioner." in client.get(draft_example.url).text


def test_only_curators_see_the_comment_field(admin_login, editor, curator, draft_example):
    url = f"/admin/pages/{draft_example.pk}/edit/"
    assert 'name="curator_comment"' not in admin_login(editor).get(url).text
    assert 'name="curator_comment"' in admin_login(curator).get(url).text


def test_region_page_is_not_in_another_regions_workflow():
    assert region_page("09").get_workflow().name == "Granskning – Region Gotland"


def test_nobody_approves_their_own_submission(admin_login, editor, draft_example):
    """The region's review excludes the person who submitted; another editor approves."""
    second_editor = UserFactory(groups=["Redaktör – Region Gotland"])
    draft_example.get_workflow().start(draft_example, editor)
    draft_example.refresh_from_db()
    region_task = draft_example.current_workflow_task.specific
    assert region_task.get_actions(draft_example, editor) == []
    assert not region_task.get_task_states_user_can_moderate(editor).exists()
    assert region_task.get_task_states_user_can_moderate(second_editor).exists()
    # Posting the approval anyway is refused by the admin's workflow action view.
    state = draft_example.current_workflow_task_state
    response = admin_login(editor).post(
        f"/admin/pages/workflow/action/{draft_example.pk}/approve/{state.pk}/"
    )
    assert response.status_code in (302, 403)
    draft_example.refresh_from_db()
    assert draft_example.current_workflow_task.name == "Regiongranskning – Region Gotland"
    approve(draft_example, second_editor)
    draft_example.refresh_from_db()
    assert draft_example.current_workflow_task.name == "Kurering – Tillväxtverket"


def test_a_curator_cannot_curate_their_own_good_example(curator, draft_example):
    other_curator = UserFactory(groups=["Tillväxtverket – kurator"])
    draft_example.get_workflow().start(draft_example, curator)
    approve(draft_example, other_curator)
    draft_example.refresh_from_db()
    curation = draft_example.current_workflow_task.specific
    assert curation.get_actions(draft_example, curator) == []
    assert curation.get_actions(draft_example, other_curator)


def test_new_pages_get_ascii_slugs():
    """A slug made from a Swedish title is ASCII (Wagtail's slugify honours the setting)."""
    page = CompetenceNeedPage(
        title="Svetsare i Härnösand och Örnsköldsvik",
        summary="Industrin saknar svetsare.",
        horizon="short",
        balance="brist",
    )
    region_page("22").add_child(instance=page)
    assert page.slug == "svetsare-i-harnosand-och-ornskoldsvik"


def _submit_change(page, submitter, title):
    page.title = title
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    page.refresh_from_db()
    return page.current_workflow_task_state


def test_an_editor_approving_a_colleagues_page_publishes_it(admin_login, editor):
    """Editors have no publish permission; the approval of the region's review publishes."""
    colleague = UserFactory(groups=["Redaktör – Region Gotland"])
    page = AnalysisPageFactory(region="09")
    assert not page.permissions_for_user(colleague).can_publish()
    state = _submit_change(page, editor, "Granskad analys")
    response = admin_login(colleague).post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Granskad analys"
    assert page.live and not page.has_unpublished_changes
    assert not page.workflow_in_progress
    assert page.live_revision.user_id == editor.pk


def test_a_finished_review_without_curation_does_not_publish_a_good_example(editor, draft_example):
    """Only curation publishes a good example: a workflow that lacks it cannot, even approved."""
    from wagtail.actions.publish_page_revision import PublishPagePermissionError
    from wagtail.models import Workflow, WorkflowPage

    region_only = Workflow.objects.get(name="Granskning – Region Gotland")
    WorkflowPage.objects.filter(page=good_example_index("09")).update(workflow=region_only)
    colleague = UserFactory(groups=["Redaktör – Region Gotland"])
    draft_example.get_workflow().start(draft_example, editor)
    with pytest.raises(PublishPagePermissionError):
        approve(draft_example, colleague)
    draft_example.refresh_from_db()
    assert not draft_example.live


def test_a_superuser_publishes_a_good_example_without_curation(draft_example):
    superuser = SuperuserFactory()
    assert draft_example.permissions_for_user(superuser).can_publish()
    draft_example.get_latest_revision().publish(user=superuser)
    draft_example.refresh_from_db()
    assert draft_example.live
