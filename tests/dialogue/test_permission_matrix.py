"""Every thread action for every role, on a public thread and on one "endast inbjudna".

Each action is performed over HTTP as a client would, and the outcome is read from the
database: ALLOWED (the change was made or the page served), DENIED (refused or not found;
nothing changed), LOGIN (sent to log in) or MFA (refused until the person sets up
tvåstegsverifiering: the page saying so, or the admin's redirect to the set-up). The thread is
on a need in Region Västernorrland (region A); its participants are the region, Sundsvalls
kommun and an education provider, whose proposal is the one endorsed, accepted and moderated.
An insats already exists on the thread for "uppdatera insats". Editors, curators and
superusers appear twice: with an authenticator and without one ("utan MFA"). A region editor
without MFA still reads and writes where their region participates: that is the region's own
voice, not moderation.
"""

import pytest
from django.test import Client
from django.urls import reverse

from portal.dialogue.models import Action, Contribution, Endorsement, PostingBlock, Thread
from tests.dialogue.conftest import CURATOR, EDITOR_A, EDITOR_B, contribution_data
from tests.factories import (
    ContributionFactory,
    MembershipFactory,
    OrganisationFactory,
    SuperuserFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Y, N, L, M = "tillåten", "nekad", "inloggning", "tvåsteg"
ACTIONS = [
    "läsa",
    "skriva",
    "stödja",
    "anta som insats",
    "uppdatera insats",
    "moderera",
    "ändra status",
]
#                                           read post endorse accept update moderate status
EXPECTED = {
    "publik": {
        "anonym":                          [Y, L, L, L, L, L, L],
        "verifierad utan organisation":    [Y, N, N, N, N, N, N],
        "medlem i deltagande organisation": [Y, Y, Y, N, N, N, N],
        "medlem i annan organisation":     [Y, Y, Y, N, N, N, N],
        "blockerad medlem":                [Y, N, N, N, N, N, N],
        "redaktör i behovets region":      [Y, Y, Y, Y, Y, Y, Y],
        "redaktör i behovets region utan MFA": [Y, Y, Y, M, M, M, M],
        "redaktör i annan region":         [Y, Y, Y, N, N, N, N],
        "kurator":                         [Y, N, N, N, N, Y, Y],
        "kurator utan MFA":                [Y, N, N, M, M, M, M],
        "superanvändare":                  [Y, N, N, Y, Y, Y, Y],
        "superanvändare utan MFA":         [Y, N, N, M, M, M, M],
    },
    "inbjudna": {
        "anonym":                          [N, L, L, L, L, L, L],
        "verifierad utan organisation":    [N, N, N, N, N, N, N],
        "medlem i deltagande organisation": [Y, Y, Y, N, N, N, N],
        "medlem i annan organisation":     [N, N, N, N, N, N, N],
        "blockerad medlem":                [Y, N, N, N, N, N, N],
        "redaktör i behovets region":      [Y, Y, Y, Y, Y, Y, Y],
        "redaktör i behovets region utan MFA": [Y, Y, Y, M, M, M, M],
        "redaktör i annan region":         [N, N, N, N, N, N, N],
        "kurator":                         [Y, N, N, N, N, Y, Y],
        "kurator utan MFA":                [M, M, M, M, M, M, M],
        "superanvändare":                  [Y, N, N, Y, Y, Y, Y],
        "superanvändare utan MFA":         [M, M, M, M, M, M, M],
    },
}  # fmt: skip
CASES = [(visibility, role) for visibility, roles in EXPECTED.items() for role in roles]


def make_user(role: str, municipality):
    if role == "anonym":
        return None
    if role == "verifierad utan organisation":
        return UserFactory()
    if role == "medlem i deltagande organisation":
        return MembershipFactory(organisation=municipality).user
    if role == "medlem i annan organisation":
        return MembershipFactory(organisation=OrganisationFactory()).user
    if role == "blockerad medlem":
        user = MembershipFactory(organisation=municipality).user
        PostingBlock.objects.create(user=user, blocked_by=SuperuserFactory(), reason="Spam")
        return user
    mfa = not role.endswith(" utan MFA")
    role = role.removesuffix(" utan MFA")
    if role == "redaktör i behovets region":
        return UserFactory(groups=[EDITOR_A], mfa=mfa)
    if role == "redaktör i annan region":
        return UserFactory(groups=[EDITOR_B], mfa=mfa)
    if role == "kurator":
        return UserFactory(groups=[CURATOR], mfa=mfa)
    return SuperuserFactory(mfa=mfa)


def outcome(response, changed: bool) -> str:
    if changed:
        return Y
    if response.status_code == 302 and response.url == reverse("mfa_activate_totp"):
        return M
    if response.status_code == 403 and "Tvåstegsverifiering krävs" in response.text:
        assert reverse("mfa_activate_totp") in response.text
        return M
    # Wagtail sends everyone it refuses to its login URL, which tells a signed-in person
    # that they lack the rights; only an anonymous visitor is really asked to log in.
    anonymous = response.wsgi_request.user.is_anonymous
    if response.status_code == 302 and anonymous:
        assert response.url.startswith(("/konto/login/", "/konto/admin-inloggning/"))
        return L
    return N


def read(client, thread, proposal, organisation, action):
    response = client.get(thread.get_url())
    return Y if response.status_code == 200 else outcome(response, False)


def post(client, thread, proposal, organisation, action):
    before = Contribution.objects.count()
    response = client.post(thread.get_url(), contribution_data(organisation))
    return outcome(response, Contribution.objects.count() > before)


def endorse(client, thread, proposal, organisation, action):
    before = Endorsement.objects.count()
    response = client.post(
        reverse("dialogue:endorse", args=[proposal.pk]), {"organisation": organisation.pk}
    )
    return outcome(response, Endorsement.objects.count() > before)


def accept(client, thread, proposal, organisation, action):
    response = client.post(
        reverse("dialogue:accept", args=[proposal.pk]),
        {
            "title": "Distansutbildning",
            "responsible_organisations": [proposal.organisation_id],
            "status": "planerad",
        },
    )
    return outcome(response, Action.objects.filter(proposal=proposal).exists())


def update_action(client, thread, proposal, organisation, action):
    response = client.post(
        reverse("dialogue:action", args=[action.pk]),
        {"status": "pagar", "start_date": "", "end_date": "", "note": "", "result_page": ""},
    )
    action.refresh_from_db()
    return outcome(response, action.status == "pagar")


def set_status(client, thread, proposal, organisation, action):
    response = client.post(
        reverse("dialogue:thread_status", args=[thread.pk]), {"status": "stangd"}
    )
    thread.refresh_from_db()
    return outcome(response, thread.status == "stangd")


def moderate(client, thread, proposal, organisation, action):
    response = client.post(
        reverse("dialogue_admin:contribution", args=[proposal.pk]),
        {"atgard": "dolj", "reason": "Test av behörighet"},
    )
    proposal.refresh_from_db()
    return outcome(response, proposal.hidden_at is not None)


PERFORM = [read, post, endorse, accept, update_action, moderate, set_status]


@pytest.mark.parametrize(("visibility", "role"), CASES)
def test_permission_matrix(visibility, role, need, region_org, municipality, provider):
    thread = ThreadFactory(
        need=need,
        visibility=visibility,
        started_for=region_org,
        participants=[municipality, provider],
    )
    proposal = ContributionFactory(
        thread=thread, kind="forslag", organisation=provider, body="Ett förslag"
    )
    action = Action.objects.create(
        need=need, thread=thread, title="Gemensam rekrytering", accepted_by=SuperuserFactory()
    )
    user = make_user(role, municipality)
    client = Client()
    if user is not None:
        client.force_login(user)
    from portal.dialogue.selectors import posting_organisations

    organisations = list(posting_organisations(user=user)) if user else []
    organisation = organisations[0] if organisations else municipality
    observed = [perform(client, thread, proposal, organisation, action) for perform in PERFORM]
    assert dict(zip(ACTIONS, observed, strict=True)) == dict(
        zip(ACTIONS, EXPECTED[visibility][role], strict=True)
    )
    assert Thread.objects.filter(pk=thread.pk).exists()
