"""A need's status changed by the dialogue is published by content: index, listing and page agree.

Issue 13 item 4. Before, the dialogue wrote the status with ``QuerySet.update``: no revision, no
``page_published``, so ``/api/search/?type=need`` still counted the need as "identifierat".
"""

import pytest
from wagtail.models import PageLogEntry

from content.models import CompetenceNeedPage
from content.services import NEED_STATUS_LOG_ACTION, advance_need_status
from portal.dialogue import services
from portal.templatetags.hyphenation import SOFT_HYPHEN
from tests.factories import CompetenceNeedPageFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITOR = "Redaktör – Region Västernorrland"


@pytest.fixture
def need(run_on_commit):
    return run_on_commit(
        CompetenceNeedPageFactory,
        region="22",
        title="Undersköterskor i Västernorrland",
        status="identifierat",
    )


def status_facet(client) -> dict:
    response = client.get("/api/search/", {"type": "need"})
    assert response.status_code == 200
    return response.json()["facets"]["status"]


def test_starting_a_thread_moves_the_status_in_the_index_the_listing_and_the_page(
    client, need, member, municipality, run_on_commit
):
    assert status_facet(client) == {"identifierat": 1}

    run_on_commit(
        services.start_thread,
        user=member,
        need=need,
        organisation=municipality,
        title="Hur utbildar vi fler?",
        purpose="Syfte",
        visibility="publik",
    )

    assert status_facet(client) == {"i_dialog": 1}
    listing = client.get("/kompetensbehov/", {"status": "i_dialog"})
    # Titles carry soft hyphens (portal.templatetags.hyphenation); the reader sees them whole.
    assert need.title in listing.text.replace(SOFT_HYPHEN, "")
    filtered = client.get("/kompetensbehov/", {"status": "identifierat"}).text
    assert need.title not in filtered.replace(SOFT_HYPHEN, "")
    assert "I dialog" in client.get(need.url).text


def test_the_change_is_a_published_revision_with_a_logged_reason(need, member, municipality):
    services.start_thread(
        user=member,
        need=need,
        organisation=municipality,
        title="Hur utbildar vi fler?",
        purpose="Syfte",
        visibility="publik",
    )
    need.refresh_from_db()
    assert need.status == "i_dialog"
    assert need.live_revision == need.latest_revision
    assert need.live_revision.as_object().status == "i_dialog"
    assert need.live_revision.user == member
    assert not need.has_unpublished_changes
    entry = PageLogEntry.objects.get(page=need, action=NEED_STATUS_LOG_ACTION)
    assert entry.user == member
    assert entry.revision == need.live_revision
    assert entry.data == {
        "from": "identifierat",
        "to": "i_dialog",
        "reason": "Dialogen ”Hur utbildar vi fler?” startades.",
    }
    assert "Status ändrad från Identifierat till I dialog" in entry.message


def test_an_editors_draft_stays_a_draft_and_gets_the_new_status(need):
    draft = need.get_latest_revision_as_object()
    draft.title = "Nytt utkast till rubrik"
    draft_revision = draft.save_revision()

    assert advance_need_status(need=need, status="insats_pagar", reason="Test")

    need.refresh_from_db()
    assert (need.title, need.status) == ("Undersköterskor i Västernorrland", "insats_pagar")
    assert need.has_unpublished_changes
    assert need.latest_revision == draft_revision
    draft_revision.refresh_from_db()
    assert draft_revision.as_object().status == "insats_pagar"
    assert draft_revision.as_object().title == "Nytt utkast till rubrik"


def test_a_review_in_progress_is_not_cancelled(need):
    editor = UserFactory(groups=[EDITOR])
    draft = need.get_latest_revision_as_object()
    draft.summary = "Ändrad sammanfattning under granskning."
    draft.save_revision(user=editor)
    need.refresh_from_db()
    need.get_workflow().start(need, editor)

    advance_need_status(need=need, status="i_dialog", reason="Test")

    need = CompetenceNeedPage.objects.get(pk=need.pk)
    assert need.workflow_in_progress
    assert need.get_latest_revision_as_object().status == "i_dialog"


def test_the_status_never_moves_backwards(need):
    assert advance_need_status(need=need, status="uppfoljt", reason="Test")
    assert not advance_need_status(need=need, status="i_dialog", reason="Test")
    need.refresh_from_db()
    assert need.status == "uppfoljt"
    assert PageLogEntry.objects.filter(page=need, action=NEED_STATUS_LOG_ACTION).count() == 1
