"""The permission matrix: every role × every action, observed over HTTP.

Each action function performs the action as a client would and reports what happened:
ALLOWED (served, or the change was made), DENIED (refused; nothing changed), LOGIN (sent to
the login page) or MFA (refused until the person sets up tvåstegsverifiering: the admin's
redirect to the set-up, or the page saying so). Editors and curators without an authenticator
("utan MFA") may do nothing privileged. Region A is Region Västernorrland (where Sundsvall
lies), region B Region Gotland. "Moderate" is deciding membership requests in the admin's
queue; "view a draft" is Wagtail's draft preview of an unpublished revision of region A's page.
The "own organisation" (Sundsvalls kommun) has no administrator unless the role is one, so
region A's editors decide its requests; tests/accounts/test_request_recipients.py covers an
organisation that has an administrator.
"""

import pytest
from django.test import Client

from accounts.models import Membership, Organisation
from content.models import RegionPage
from tests.factories import MembershipFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

ALLOWED, DENIED, LOGIN, MFA = "tillåten", "nekad", "inloggning", "tvåsteg"
REGION_A, REGION_B = "22", "09"
DRAFT_TITLE = "Utkast som inte är publicerat"

ROLES = [
    "anonym",
    "verifierad utan organisation",
    "medlem",
    "organisationsadministratör",
    "redaktör region A",
    "redaktör region A utan MFA",
    "kurator",
    "kurator utan MFA",
    "superanvändare",
    "superanvändare utan MFA",
]
ACTIONS = [
    "se publik sida",
    "se utkast",
    "redigera sida i region A",
    "redigera sida i region B",
    "godkänna medlemskap i egen organisation",
    "godkänna medlemskap i annan organisation",
    "öppna administrationen",
    "moderera",
]
Y, N, L, M = ALLOWED, DENIED, LOGIN, MFA
#                                  public draft edit A edit B own  other admin moderate
EXPECTED = {
    "anonym": [Y, L, L, L, L, L, L, L],
    "verifierad utan organisation": [Y, N, N, N, N, N, N, N],
    "medlem": [Y, N, N, N, N, N, N, N],
    "organisationsadministratör": [Y, N, N, N, Y, N, N, N],
    "redaktör region A": [Y, Y, Y, N, Y, N, Y, N],
    "redaktör region A utan MFA": [Y, M, M, M, M, M, M, M],
    "kurator": [Y, Y, Y, Y, Y, Y, Y, Y],
    "kurator utan MFA": [Y, M, M, M, M, M, M, M],
    "superanvändare": [Y, Y, Y, Y, Y, Y, Y, Y],
    "superanvändare utan MFA": [Y, M, M, M, M, M, M, M],
}  # fmt: skip


def make_user(role: str, own_organisation: Organisation):
    if role == "anonym":
        return None
    if role == "verifierad utan organisation":
        return UserFactory()
    if role == "medlem":
        return MembershipFactory(organisation=own_organisation).user
    if role == "organisationsadministratör":
        return MembershipFactory(organisation=own_organisation, role=Membership.Role.ADMIN).user
    mfa = not role.endswith(" utan MFA")
    role = role.removesuffix(" utan MFA")
    if role == "redaktör region A":
        return UserFactory(groups=["Redaktör – Region Västernorrland"], mfa=mfa)
    if role == "kurator":
        return UserFactory(groups=["Tillväxtverket – kurator"], mfa=mfa)
    return SuperuserFactory(mfa=mfa)


def classify(response) -> str:
    """What a response means for the person: served, sent to log in, or refused."""
    if response.status_code == 200:
        return ALLOWED
    if response.status_code == 302:
        if response.url.startswith("/konto/login/"):
            return LOGIN
        if response.url == "/konto/2fa/totp/activate/":
            return MFA
        return DENIED
    if response.status_code == 403 and "Tvåstegsverifiering krävs" in response.text:
        return MFA
    assert response.status_code in (403, 404), response.status_code
    return DENIED


def follow_to_outcome(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code == 302 and response.url.startswith("/konto/admin-inloggning/"):
        # Wagtail sent the visitor to the admin's login gateway: it decides login or refusal.
        return classify(client.get(response.url))
    if response.status_code == 302 and response.url == "/admin/":
        return DENIED
    return classify(response)


def view_public_page(client, context) -> str:
    response = client.get(context["page_a"].url)
    assert DRAFT_TITLE not in response.text
    return classify(response)


def view_draft(client, context) -> str:
    url = f"/admin/pages/{context['page_a'].pk}/view_draft/"
    outcome = follow_to_outcome(client, url)
    if outcome == ALLOWED:
        assert DRAFT_TITLE in client.get(url).text
    return outcome


def edit_page_a(client, context) -> str:
    return follow_to_outcome(client, f"/admin/pages/{context['page_a'].pk}/edit/")


def edit_page_b(client, context) -> str:
    return follow_to_outcome(client, f"/admin/pages/{context['page_b'].pk}/edit/")


def _approve(client, membership) -> str:
    response = client.post(f"/konto/medlemskap/{membership.pk}/beslut/", {"beslut": "godkann"})
    membership.refresh_from_db()
    approved = membership.status == Membership.Status.APPROVED
    if response.status_code == 302 and response.url.startswith("/konto/login/"):
        assert not approved
        return LOGIN
    if approved:
        return ALLOWED
    if response.status_code == 403 and "Tvåstegsverifiering krävs" in response.text:
        return MFA
    assert response.status_code == 403
    assert "Du kan inte besluta om medlemskap" in response.text
    return DENIED


def approve_own(client, context) -> str:
    return _approve(client, context["request_own"])


def approve_other(client, context) -> str:
    return _approve(client, context["request_other"])


def open_admin(client, context) -> str:
    return follow_to_outcome(client, "/admin/")


def moderate(client, context) -> str:
    """Decide region B's request in the admin queue (region A's editors see only their own)."""
    outcome = follow_to_outcome(client, "/admin/aktorer/forfragningar/")
    membership = context["request_other"]
    client.post("/admin/aktorer/forfragningar/", {"medlemskap": membership.pk, "beslut": "avsla"})
    membership.refresh_from_db()
    declined = membership.status == Membership.Status.DECLINED
    if outcome == ALLOWED and not declined:
        return DENIED
    assert declined == (outcome == ALLOWED)
    return outcome


PERFORM = dict(
    zip(
        ACTIONS,
        [
            view_public_page,
            view_draft,
            edit_page_a,
            edit_page_b,
            approve_own,
            approve_other,
            open_admin,
            moderate,
        ],
        strict=True,
    )
)


@pytest.fixture
def context(portal_site):
    own = Organisation.objects.get(municipality__code="2281")
    other = Organisation.objects.get(region__code=REGION_B, kind="region")
    page_a = RegionPage.objects.get(region__code=REGION_A)
    draft = page_a.specific
    draft.title = DRAFT_TITLE
    draft.save_revision()
    return {
        "own": own,
        "page_a": RegionPage.objects.get(pk=page_a.pk),
        "page_b": RegionPage.objects.get(region__code=REGION_B),
        "request_own": MembershipFactory(organisation=own, status=Membership.Status.PENDING),
        "request_other": MembershipFactory(organisation=other, status=Membership.Status.PENDING),
    }


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, context, role, action):
    user = make_user(role, context["own"])
    if user is not None:
        client.force_login(user)
    observed = PERFORM[action](client, context)
    assert observed == EXPECTED[role][ACTIONS.index(action)], f"{role} / {action}"
