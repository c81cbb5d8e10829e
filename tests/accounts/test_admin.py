"""Staff manage organisations, memberships and pending requests in the Wagtail admin."""

import pytest

from accounts.models import Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CURATOR_GROUP = "Tillväxtverket – kurator"


@pytest.fixture
def curator_client(client):
    client.force_login(UserFactory(groups=[CURATOR_GROUP], mfa=True))
    return client


def test_organisations_listing_search_and_filters(curator_client):
    response = curator_client.get("/admin/snippets/accounts/organisation/", {"q": "Sundsvall"})
    assert response.status_code == 200
    assert "Sundsvalls kommun" in response.text
    assert "Ale kommun" not in response.text
    response = curator_client.get("/admin/snippets/accounts/organisation/", {"kind": "region"})
    assert "Region Gotland" in response.text
    assert "Sundsvalls kommun" not in response.text


def test_staff_edit_an_organisation_and_invalid_number_is_refused(curator_client, sundsvall):
    url = f"/admin/snippets/accounts/organisation/edit/{sundsvall.pk}/"
    data = {
        "name": sundsvall.name,
        "kind": sundsvall.kind,
        "education_kind": "",
        "organisation_number": "212000-2412",
        "region": sundsvall.region_id,
        "municipality": sundsvall.municipality_id,
        "website": "",
        "is_approved": "on",
    }
    refused = curator_client.post(url, data)
    assert refused.status_code == 200
    assert "kontrollsiffran stämmer inte" in refused.text
    sundsvall.refresh_from_db()
    assert sundsvall.organisation_number == ""

    accepted = curator_client.post(url, {**data, "organisation_number": "2120002411"})
    assert accepted.status_code == 302
    sundsvall.refresh_from_db()
    assert sundsvall.organisation_number == "212000-2411"


def test_memberships_listing_filters_pending(curator_client, sundsvall):
    pending = MembershipFactory(organisation=sundsvall, status=Membership.Status.PENDING)
    approved = MembershipFactory(organisation=OrganisationFactory(name="Företaget AB"))
    response = curator_client.get("/admin/snippets/accounts/membership/", {"status": "pending"})
    assert response.status_code == 200
    assert str(pending.user) in response.text
    assert str(approved.user) not in response.text
    search = curator_client.get("/admin/snippets/accounts/membership/", {"q": "Företaget"})
    assert str(approved.user) in search.text


def test_pending_queue_decides_a_request(curator_client, sundsvall):
    pending = MembershipFactory(organisation=sundsvall, status=Membership.Status.PENDING)
    queue = curator_client.get("/admin/aktorer/forfragningar/")
    assert queue.status_code == 200
    assert "Sundsvalls kommun" in queue.text
    response = curator_client.post(
        "/admin/aktorer/forfragningar/", {"medlemskap": pending.pk, "beslut": "avsla"}
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Membership.Status.DECLINED


@pytest.mark.parametrize(
    "data",
    [
        {"medlemskap": "abc", "beslut": "godkann"},
        {"organisation": "'; drop table", "beslut": "godkann"},
        {"medlemskap": "999999", "beslut": "godkann"},
    ],
)
def test_tampered_queue_posts_are_404_not_500(curator_client, data):
    assert curator_client.post("/admin/aktorer/forfragningar/", data).status_code == 404


def test_queue_without_a_decision_changes_nothing(curator_client, sundsvall):
    pending = MembershipFactory(organisation=sundsvall, status=Membership.Status.PENDING)
    response = curator_client.post(
        "/admin/aktorer/forfragningar/", {"medlemskap": pending.pk}, follow=True
    )
    assert "Välj om förfrågan ska godkännas eller avslås." in response.text
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING


def test_region_editors_see_their_queue_but_not_the_organisations(client):
    client.force_login(UserFactory(groups=["Redaktör – Region Gotland"], mfa=True))
    # The queue holds only what they may decide (tests/accounts/test_request_recipients.py).
    assert client.get("/admin/aktorer/forfragningar/").status_code == 200
    # Wagtail turns a refusal inside the admin into a redirect to its dashboard.
    response = client.get("/admin/snippets/accounts/organisation/")
    assert response.status_code in (302, 403)
    assert Organisation.objects.filter(kind="region").count() == 21
