"""A need's status can be trusted: it follows the chain, and check_needs finds what does not.

The editor's form refuses "insats föreslagen", "insats pågår" and "uppföljt" without the
proposal, the action or the result that shows it; moving back needs a reason, kept in the
page history. ``manage.py check_needs`` lists contradictions and exits 1 if there are any.
"""

import io
import uuid

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from content.models import CompetenceNeedPage, NeedStatus
from content.services import NEED_STATUS_LOG_ACTION
from portal.dialogue import services as dialogue_services
from portal.dialogue.models import Action
from tests.content.test_publication_rules import need_form
from tests.factories import (
    CompetenceNeedPageFactory,
    MembershipFactory,
    ResultPageFactory,
    SuperuserFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def check_needs() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("check_needs", stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def need(portal_site):
    return CompetenceNeedPageFactory(region="22", title="Svetsare i Västernorrland")


def test_check_needs_passes_a_consistent_need_and_fails_a_contradiction(need):
    code, output = check_needs()
    assert code == 0, output
    CompetenceNeedPage.objects.filter(pk=need.pk).update(status=NeedStatus.ACTION_ONGOING)
    code, output = check_needs()
    assert code == 1
    assert "Svetsare i Västernorrland" in output
    assert "kräver en antagen insats" in output


def test_check_needs_finds_a_status_behind_its_result(need):
    result = ResultPageFactory(region="22")
    result.needs.add(need)
    result.save_revision().publish()
    code, output = check_needs()
    assert code == 1
    assert "”Identifierat”, men" in output and "”Uppföljt”" in output


def test_the_dialogue_moves_the_status_and_check_needs_agrees(need, run_on_commit):
    member = MembershipFactory()
    thread = run_on_commit(
        dialogue_services.start_thread,
        user=member.user,
        need=need,
        organisation=member.organisation,
        title="Fler svetsare",
        purpose="Hur?",
        visibility="publik",
    )
    proposal, _ = run_on_commit(
        dialogue_services.post_contribution,
        user=member.user,
        thread=thread,
        organisation=member.organisation,
        kind="forslag",
        body="En ny yrkesutbildning.",
        submission_key=uuid.uuid4(),
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.ACTION_PROPOSED
    assert check_needs()[0] == 0
    run_on_commit(
        dialogue_services.accept_proposal,
        user=SuperuserFactory(),
        proposal=proposal,
        title="Svetsutbildning",
        description="",
        responsible_organisations=[member.organisation],
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.ACTION_ONGOING
    assert check_needs()[0] == 0
    # A cancelled action no longer justifies "insats pågår".
    Action.objects.update(status=Action.Status.CANCELLED)
    assert check_needs()[0] == 1


def edit(client, need, **fields):
    return client.post(f"/admin/pages/{need.pk}/edit/", need_form(slug=need.slug, **fields))


@pytest.mark.parametrize(
    ("status", "needs"),
    [
        (NeedStatus.ACTION_PROPOSED, "ett förslag på insats"),
        (NeedStatus.ACTION_ONGOING, "en antagen insats"),
        (NeedStatus.FOLLOWED_UP, "en publicerad resultatsida"),
    ],
)
def test_editor_cannot_claim_what_the_chain_does_not_show(admin_login, need, status, needs):
    client = admin_login(SuperuserFactory())
    response = edit(client, need, status=status)
    assert response.status_code == 200
    (error,) = response.context["form"].errors["status"]
    assert needs in error
    need.refresh_from_db()
    assert need.get_latest_revision_as_object().status == NeedStatus.IDENTIFIED


def test_moving_back_needs_a_reason_that_the_history_keeps(admin_login, need):
    ThreadFactory(need=need)
    client = admin_login(SuperuserFactory())
    assert edit(client, need, status=NeedStatus.IN_DIALOGUE).status_code == 302
    need.refresh_from_db()
    response = edit(client, need, status=NeedStatus.IDENTIFIED)
    assert response.status_code == 200
    assert "Ange varför statusen flyttas tillbaka" in str(
        response.context["form"].errors["status_reason"]
    )
    reason = "Dialogen gällde ett annat behov."
    assert edit(client, need, status=NeedStatus.IDENTIFIED, status_reason=reason).status_code == 302
    entry = PageLogEntry.objects.filter(page=need, action=NEED_STATUS_LOG_ACTION).latest("pk")
    assert entry.data == {"from": "i_dialog", "to": "identifierat", "reason": reason}
