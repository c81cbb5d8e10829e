"""Who is told about membership requests and proposed organisations, and who decides them.

An organisation with administrators: they alone. Without: the editors of its region and the
curators, who may approve the first member as administrator in one click. The admin menu
counts what waits for each of them.
"""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from accounts import services
from accounts.models import Membership, Organisation, OrganisationKind
from tests.accounts.conftest import messages_to
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITOR_A = "Redaktör – Region Västernorrland"
EDITOR_B = "Redaktör – Region Gotland"
CURATOR = "Tillväxtverket – kurator"


@pytest.fixture
def people(portal_site):
    return {
        "editor_a": UserFactory(groups=[EDITOR_A], mfa=True),
        "editor_b": UserFactory(groups=[EDITOR_B], mfa=True),
        "curator": UserFactory(groups=[CURATOR], mfa=True),
        "applicant": UserFactory(),
    }


def request(user, organisation) -> Membership:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.request_membership(user=user, organisation=organisation)


def told(user) -> bool:
    return bool(messages_to(user.email))


def test_without_admin_the_region_editors_and_curators_are_told(people, sundsvall):
    request(people["applicant"], sundsvall)
    assert told(people["editor_a"])
    assert told(people["curator"])
    assert not told(people["editor_b"])
    assert not told(people["applicant"])
    (notice,) = messages_to(people["editor_a"].email)
    assert "/admin/aktorer/forfragningar/" in notice.body


def test_with_an_admin_only_the_admin_is_told_and_the_editor_cannot_decide(people, sundsvall):
    admin = MembershipFactory(organisation=sundsvall, role=Membership.Role.ADMIN).user
    membership = request(people["applicant"], sundsvall)
    assert told(admin)
    assert not told(people["editor_a"])
    assert not told(people["curator"])
    with pytest.raises(PermissionDenied):
        services.decide_membership(
            membership=membership, decided_by=people["editor_a"], approve=True
        )


def test_editor_of_another_region_cannot_decide(people, sundsvall):
    membership = request(people["applicant"], sundsvall)
    with pytest.raises(PermissionDenied):
        services.decide_membership(
            membership=membership, decided_by=people["editor_b"], approve=True
        )


def test_proposed_organisation_goes_to_curators_and_the_region_editors(people, sundsvall):
    proposed = Organisation(
        name="Teknikcollege Sundsvall",
        kind=OrganisationKind.OTHER,
        region=sundsvall.region,
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.propose_organisation(user=people["applicant"], organisation=proposed)
    assert told(people["editor_a"])
    assert told(people["curator"])
    assert not told(people["editor_b"])
    services.decide_organisation(organisation=proposed, decided_by=people["editor_a"], approve=True)
    proposed.refresh_from_db()
    assert proposed.is_approved


def test_region_editor_approves_the_first_member_as_admin_in_one_click(
    client, admin_login, people, sundsvall
):
    membership = request(people["applicant"], sundsvall)
    admin_login(people["editor_a"])
    page = client.get("/admin/aktorer/forfragningar/")
    assert page.status_code == 200
    assert "Godkänn som administratör" in page.text
    client.post(
        "/admin/aktorer/forfragningar/", {"medlemskap": membership.pk, "beslut": "godkann-admin"}
    )
    membership.refresh_from_db()
    assert (membership.status, membership.role) == (
        Membership.Status.APPROVED,
        Membership.Role.ADMIN,
    )
    # From now on the new administrator decides, and the region is no longer asked.
    newcomer = UserFactory()
    request(newcomer, sundsvall)
    assert told(people["applicant"])
    assert len(messages_to(people["editor_a"].email)) == 1


def test_staff_make_an_approved_member_admin_once(client, admin_login, people, sundsvall):
    first = MembershipFactory(organisation=sundsvall)
    second = MembershipFactory(organisation=sundsvall)
    admin_login(people["curator"])
    page = client.get("/admin/aktorer/forfragningar/")
    assert "Gör till administratör" in page.text
    client.post("/admin/aktorer/forfragningar/", {"gor-admin": first.pk})
    client.post("/admin/aktorer/forfragningar/", {"gor-admin": second.pk})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.role, second.role) == (Membership.Role.ADMIN, Membership.Role.MEMBER)


def menu_label(text: str) -> str:
    """A label as it appears in the sidebar's JSON props (non-ASCII escaped)."""
    return json.dumps(text)[1:-1]


def test_menu_counts_what_waits_for_each_person(client, admin_login, people, sundsvall):
    request(people["applicant"], sundsvall)
    request(UserFactory(), sundsvall)
    admin_login(people["editor_a"])
    assert menu_label("Väntande förfrågningar (2)") in client.get("/admin/").text
    admin_login(people["editor_b"])
    page = client.get("/admin/").text
    assert menu_label("Väntande förfrågningar") in page
    assert menu_label("Väntande förfrågningar (") not in page
