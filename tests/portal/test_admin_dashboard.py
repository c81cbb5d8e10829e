"""The to-do panels on the admin home: the right items per role, working links, fixed cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Membership, Organisation
from content.models import GoodExamplePage, Region
from portal import dashboard
from portal.dialogue.models import Report
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    ContributionFactory,
    MembershipFactory,
    OrganisationFactory,
    SuperuserFactory,
    ThreadFactory,
    UserFactory,
    good_example_index,
)

pytestmark = pytest.mark.django_db

HOME, OTHER = "22", "09"
EDITOR = {HOME: "Redaktör – Region Västernorrland", OTHER: "Redaktör – Region Gotland"}
CURATOR = "Tillväxtverket – kurator"
SLUGS = ("behov-utan-dialog", "forslag", "anmalningar", "forfragningar", "granskning")


def waiting_items(code: str, tag: str) -> dict[str, str]:
    """One item of every kind waiting in region ``code``; returns the title each list shows."""
    region = Region.objects.get(code=code)
    need = CompetenceNeedPageFactory(region=code, title=f"Behov utan dialog {tag}")
    thread = ThreadFactory(need__region=code, title=f"Dialog {tag}")
    proposal = ContributionFactory(
        thread=thread, kind="forslag", body=f"Förslag {tag}", organisation=thread.started_for
    )
    reported = ContributionFactory(thread=thread, organisation=thread.started_for)
    Report.objects.create(contribution=reported, reporter=UserFactory(), reason="spam")
    organisation = OrganisationFactory(name=f"Förening {tag}", region=region)
    MembershipFactory(organisation=organisation, status=Membership.Status.PENDING)
    submitter = UserFactory(groups=[EDITOR[code]])
    page = AnalysisPageFactory(region=code)
    page.title = f"Analys i granskning {tag}"
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    return {
        "behov-utan-dialog": need.title,
        "forslag": proposal.body,
        "anmalningar": f"Inlägg i ”{thread.title}”",
        "forfragningar": f"Ansökan om medlemskap i {organisation.name}",
        "granskning": page.title,
    }


def example_in_curation(code: str, tag: str) -> GoodExamplePage:
    page = GoodExamplePage(
        title=f"Gott exempel {tag}", summary="Ett exempel.", outcome="lyckat", live=False
    )
    good_example_index(code).add_child(instance=page)
    submitter = UserFactory(groups=[EDITOR[code]])
    page.save_revision(user=submitter)
    page.get_workflow().start(page, submitter)
    page.refresh_from_db()
    state = page.current_workflow_task_state
    state.task.specific.on_action(state, UserFactory(groups=[EDITOR[code]]), "approve")
    return page


@pytest.fixture
def editor():
    return UserFactory(groups=[EDITOR[HOME]], mfa=True)


@pytest.fixture
def curator():
    return UserFactory(groups=[CURATOR], mfa=True)


def panels_by_slug(user) -> dict[str, dashboard.Panel]:
    return {panel.todo.slug: panel for panel in dashboard.panels_for(user=user)}


def test_a_region_editor_sees_their_regions_items_and_no_other_regions(admin_login, editor):
    mine = waiting_items(HOME, "hemma")
    others = waiting_items(OTHER, "borta")
    page = admin_login(editor).get("/admin/").text
    panels = panels_by_slug(editor)
    assert set(panels) == set(SLUGS)
    for slug in SLUGS:
        titles = [item.title for item in panels[slug].items]
        assert mine[slug] in titles, slug
        assert others[slug] not in titles, slug
        assert panels[slug].count == 1, slug
        assert mine[slug] in page
        assert others[slug] not in page
    assert "Goda exempel som väntar på kurering" not in page
    assert "Visa alla 1" in page


def test_a_curator_sees_every_region_and_good_examples_awaiting_curation(admin_login, curator):
    mine = waiting_items(HOME, "hemma")
    others = waiting_items(OTHER, "borta")
    example = example_in_curation(OTHER, "kurera")
    page = admin_login(curator).get("/admin/").text
    panels = panels_by_slug(curator)
    for slug in SLUGS:
        titles = [item.title for item in panels[slug].items]
        assert {mine[slug], others[slug]} <= set(titles), slug
    assert [item.title for item in panels["kurering"].items] == [example.title]
    assert "Goda exempel som väntar på kurering (1)" in page
    # The curator cannot accept proposals (only the region can): the link goes to the thread.
    assert all("/anta/" not in item.url for item in panels["forslag"].items)


def test_own_submissions_are_not_awaiting_the_submitters_review(editor):
    page = AnalysisPageFactory(region=HOME)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    assert panels_by_slug(editor)["granskning"].count == 0


@pytest.mark.parametrize("role", ["editor", "curator", "superuser"])
def test_every_link_opens_where_the_decision_is_taken(admin_login, editor, curator, role):
    users = {"editor": editor, "curator": curator, "superuser": SuperuserFactory(mfa=True)}
    user = users[role]
    waiting_items(HOME, "hemma")
    example_in_curation(HOME, "kurera")
    client = admin_login(user)
    panels = dashboard.panels_for(user=user)
    assert panels
    for panel in panels:
        assert panel.items, panel.todo.slug
        for item in panel.items:
            response = client.get(item.url, follow=True)
            assert response.status_code == 200, (panel.todo.slug, item.url)
        assert client.get(panel.full_list_url).status_code == 200


def test_the_editor_is_taken_to_the_accept_view_and_the_moderation(editor):
    mine = waiting_items(HOME, "hemma")
    panels = panels_by_slug(editor)
    assert "/anta/" in panels["forslag"].items[0].url
    assert panels["anmalningar"].items[0].url.startswith("/admin/dialog/moderering/inlagg/")
    assert panels["forfragningar"].items[0].url == reverse("accounts_admin:pending")
    review = panels["granskning"].items[0]
    assert review.title == mine["granskning"]
    assert review.url.endswith("/edit/")


def test_empty_states_are_in_swedish(admin_login, editor):
    # The region's demo-free needs would fill "behov utan dialog"; none exist in the test data.
    page = admin_login(editor).get("/admin/").text
    for todo in dashboard.todo_lists_for(user=editor):
        assert f"{todo.title} (0)" in page
        assert todo.empty in page
    assert "Visa alla" not in page


def test_users_who_decide_nothing_get_no_panels_and_no_lists(admin_login):
    member = MembershipFactory(organisation=Organisation.objects.filter(region__code=HOME)[0]).user
    assert dashboard.panels_for(user=member) == []
    staff = UserFactory(is_staff=True, mfa=True)
    response = admin_login(staff).get("/admin/att-gora/forslag/")
    assert response.status_code in (302, 403)


def test_the_full_list_paginates_and_survives_bad_page_numbers(admin_login, editor):
    for number in range(dashboard.ITEMS_PER_PAGE + 2):
        CompetenceNeedPageFactory(region=HOME, title=f"Behov nummer {number}")
    client = admin_login(editor)
    first = client.get("/admin/att-gora/behov-utan-dialog/")
    assert first.status_code == 200
    assert "sida 1 av 2" in first.text
    assert "Nästa sida" in first.text
    second = client.get("/admin/att-gora/behov-utan-dialog/?page=2")
    assert "Behov nummer 0" in second.text
    for bad in ("x", "-1", "99999999999999999999999", "²"):
        assert client.get(f"/admin/att-gora/behov-utan-dialog/?page={bad}").status_code == 200
    assert client.get("/admin/att-gora/finns-inte/").status_code == 404
    assert client.get("/admin/att-gora/kurering/").status_code == 404


# The admin home per role: Wagtail's own panels and chrome plus the to-do panels. The count
# must not grow when every list holds four times as much (measured: editor 43, curator 41,
# superuser 36 queries).
HOME_BUDGETS = {"editor": 45, "curator": 43, "superuser": 38}


@pytest.mark.parametrize("role", sorted(HOME_BUDGETS))
def test_the_admin_home_has_a_query_budget_that_does_not_grow(admin_login, role):
    groups = {"editor": [EDITOR[HOME]], "curator": [CURATOR], "superuser": []}
    user = (SuperuserFactory if role == "superuser" else UserFactory)(groups=groups[role])
    client = admin_login(user)
    counts = []
    for size in (1, 4):
        for number in range(size if not counts else size - 1):
            waiting_items(HOME, f"{size}-{number}")
            example_in_curation(HOME, f"{size}-{number}")
        client.get("/admin/")  # warm caches that live for the process, as in production
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/admin/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[1] <= counts[0], counts
    assert counts[0] <= HOME_BUDGETS[role], counts
