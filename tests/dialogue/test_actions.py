"""From proposal to insats: endorsements, acceptance, the need's status, the result page."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.dialogue import services
from portal.dialogue.models import Action, Endorsement
from tests.dialogue.conftest import EDITOR_A
from tests.factories import ResultPageFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(need, municipality, provider, teacher, region_org):
    thread = services.start_thread(
        user=teacher,
        need=need,
        organisation=provider,
        title="Utbildning på distans",
        purpose="Ett förslag",
        visibility="publik",
        invited=[municipality, region_org],
    )
    contribution, _ = services.post_contribution(
        user=teacher,
        thread=thread,
        organisation=provider,
        kind="forslag",
        body="Vi föreslår en distansutbildning.",
        submission_key=uuid.uuid4(),
    )
    return contribution


def test_one_endorsement_per_organisation_and_not_for_ones_own_proposal(
    proposal, member, municipality, teacher, provider
):
    from tests.factories import MembershipFactory

    services.endorse(user=member, contribution=proposal, organisation=municipality)
    colleague = MembershipFactory(organisation=municipality).user
    with pytest.raises(ValidationError, match="stödjer redan"):
        services.endorse(user=colleague, contribution=proposal, organisation=municipality)
    with pytest.raises(Exception, match="inte sitt eget"):
        services.endorse(user=teacher, contribution=proposal, organisation=provider)
    assert Endorsement.objects.count() == 1


def test_the_need_status_follows_from_dialogue_to_follow_up(
    client, proposal, need, municipality, provider
):
    need.refresh_from_db()
    assert need.status == "insats_foreslagen"
    editor = UserFactory(groups=[EDITOR_A], mfa=True)
    client.force_login(editor)
    response = client.post(
        reverse("dialogue:accept", args=[proposal.pk]),
        {
            "title": "Distansutbildning i Västernorrland",
            "responsible_organisations": [provider.pk, municipality.pk],
            "status": "planerad",
            "start_date": "2026-08-17",
            "end_date": "2026-06-01",
        },
    )
    assert "kan inte sluta före den börjar" in response.content.decode()
    response = client.post(
        reverse("dialogue:accept", args=[proposal.pk]),
        {
            "title": "Distansutbildning i Västernorrland",
            "responsible_organisations": [provider.pk, municipality.pk],
            "status": "planerad",
            "start_date": "2026-08-17",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    need.refresh_from_db()
    assert need.status == "insats_pagar"
    # The latest revision follows too, so the next edit in the admin keeps the new status.
    assert need.latest_revision.as_object().status == "insats_pagar"

    page = client.get(need.url).content.decode()
    assert "Distansutbildning i Västernorrland" in page

    result = ResultPageFactory(region="22", title="Uppföljning av distansutbildningen")
    client.post(
        reverse("dialogue:action", args=[action.pk]),
        {"status": "genomford", "result_page": result.pk, "note": "Alla 20 examinerades."},
    )
    need.refresh_from_db()
    assert need.status == "uppfoljt"
    result_page = client.get(result.url).content.decode()
    assert "Insatser som följts upp" in result_page
    assert "Distansutbildning i Västernorrland" in result_page


def test_accepting_twice_or_a_non_proposal_is_refused(proposal, need):
    editor = UserFactory(groups=[EDITOR_A], mfa=True)
    arguments = {"title": "Insats", "description": "", "responsible_organisations": []}
    services.accept_proposal(user=editor, proposal=proposal, **arguments)
    with pytest.raises(ValidationError, match="redan antaget"):
        services.accept_proposal(user=editor, proposal=proposal, **arguments)


def test_status_only_moves_forward(need, municipality, member):
    need.status = "uppfoljt"
    need.save_revision().publish()
    ThreadFactory(need=need)
    services.start_thread(
        user=member, need=need, organisation=municipality, title="Ny", purpose="Syfte",
        visibility="publik",
    )  # fmt: skip
    need.refresh_from_db()
    assert need.status == "uppfoljt"
