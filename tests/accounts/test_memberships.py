"""Membership requests: asking, deciding, e-mail either way, and the bad input."""

import pytest
from django.core import mail
from django.test import TestCase

from accounts.models import Membership, Organisation, OrganisationKind
from tests.accounts.conftest import messages_to
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(first_name="Sara", last_name="Lind")


@pytest.fixture
def sundsvall_admin(sundsvall):
    return MembershipFactory(organisation=sundsvall, role=Membership.Role.ADMIN).user


def ask(client, organisation):
    # The notice is queued when the request commits; tests never commit, so run it here.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/konto/organisationer/{organisation.pk}/ansok/", follow=True)


@pytest.fixture
def decide(client, django_capture_on_commit_callbacks):
    """POST a decision; the e-mail goes out when the transaction commits."""

    def post(membership, decision):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/konto/medlemskap/{membership.pk}/beslut/", {"beslut": decision}, follow=True
            )

    return post


def test_request_membership_and_tell_the_admins(client, applicant, sundsvall, sundsvall_admin):
    client.force_login(applicant)
    response = ask(client, sundsvall)
    assert response.status_code == 200
    assert "Din ansökan om medlemskap i Sundsvalls kommun är skickad" in response.text
    membership = Membership.objects.get(user=applicant, organisation=sundsvall)
    assert membership.status == Membership.Status.PENDING
    (notice,) = messages_to(sundsvall_admin.email)
    assert "Sara Lind vill bli medlem i Sundsvalls kommun" in notice.body
    assert applicant.email not in notice.body


def test_asking_twice_is_refused_and_changes_nothing(client, applicant, sundsvall):
    client.force_login(applicant)
    ask(client, sundsvall)
    again = ask(client, sundsvall)
    assert "Du har redan ansökt om medlemskap i Sundsvalls kommun" in again.text
    assert Membership.objects.filter(user=applicant).count() == 1


def test_asking_to_join_an_organisation_one_belongs_to_is_refused(client, sundsvall):
    member = MembershipFactory(organisation=sundsvall).user
    client.force_login(member)
    response = ask(client, sundsvall)
    assert "Du är redan medlem i Sundsvalls kommun" in response.text
    assert Membership.objects.filter(user=member).count() == 1


def test_anonymous_visitors_are_sent_to_login(client, sundsvall):
    response = client.post(f"/konto/organisationer/{sundsvall.pk}/ansok/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")
    assert not Membership.objects.exists()


def test_organisation_admin_approves_and_the_applicant_is_told(
    client, decide, applicant, sundsvall, sundsvall_admin
):
    membership = MembershipFactory(
        user=applicant, organisation=sundsvall, status=Membership.Status.PENDING
    )
    client.force_login(sundsvall_admin)
    page = client.get(f"/konto/organisationer/{sundsvall.pk}/")
    assert "Sara Lind" in page.text
    assert applicant.email not in page.text

    response = decide(membership, "godkann")
    assert "Ansökan från Sara Lind är godkänd" in response.text
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.decided_by == sundsvall_admin
    (message,) = messages_to(applicant.email)
    assert message.subject.endswith("Du är nu medlem i Sundsvalls kommun")


def test_organisation_admin_declines_and_the_applicant_is_told(
    client, decide, applicant, sundsvall, sundsvall_admin
):
    membership = MembershipFactory(
        user=applicant, organisation=sundsvall, status=Membership.Status.PENDING
    )
    client.force_login(sundsvall_admin)
    decide(membership, "avsla")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    (message,) = messages_to(applicant.email)
    assert "har avslagits" in message.subject
    # After a decline one may ask again.
    client.force_login(applicant)
    ask(client, sundsvall)
    assert Membership.objects.filter(user=applicant, status="pending").count() == 1


def test_approving_for_an_organisation_one_does_not_administer_is_refused(
    client, decide, applicant, sundsvall
):
    other_admin = MembershipFactory(
        organisation=Organisation.objects.get(municipality__code="0180"),
        role=Membership.Role.ADMIN,
    ).user
    membership = MembershipFactory(
        user=applicant, organisation=sundsvall, status=Membership.Status.PENDING
    )
    client.force_login(other_admin)
    response = decide(membership, "godkann")
    assert response.status_code == 403
    assert "Du kan inte besluta om medlemskap i Sundsvalls kommun" in response.text
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert mail.outbox == []


def test_deciding_twice_or_without_a_decision_changes_nothing(
    client, decide, applicant, sundsvall, sundsvall_admin
):
    membership = MembershipFactory(
        user=applicant, organisation=sundsvall, status=Membership.Status.PENDING
    )
    client.force_login(sundsvall_admin)
    assert "Välj om ansökan ska godkännas" in decide(membership, "kanske").text
    decide(membership, "godkann")
    again = decide(membership, "avsla")
    assert "Ansökan är redan beslutad (godkänd)" in again.text
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert len(mail.outbox) == 1


def test_unknown_membership_is_404(client, sundsvall_admin):
    client.force_login(sundsvall_admin)
    assert client.post("/konto/medlemskap/999999/beslut/", {"beslut": "godkann"}).status_code == (
        404
    )


def test_propose_an_organisation_and_staff_approve_it(
    client, applicant, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    response = client.post(
        "/konto/organisationer/ny/",
        {
            "name": "Mittuniversitetet",
            "kind": OrganisationKind.EDUCATION_PROVIDER,
            "education_kind": "universitet",
            "organisation_number": "2021005489",
            "website": "miun.se",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Mittuniversitetet")
    assert not organisation.is_approved
    assert organisation.organisation_number == "202100-5489"
    assert organisation.website == "https://miun.se"
    assert client.get(f"/konto/organisationer/{organisation.pk}/").status_code == 404

    client.force_login(UserFactory(groups=["Tillväxtverket – kurator"], mfa=True))
    queue = client.get("/admin/aktorer/forfragningar/")
    assert "Mittuniversitetet" in queue.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/aktorer/forfragningar/",
            {"organisation": organisation.pk, "beslut": "godkann"},
        )
    organisation.refresh_from_db()
    assert organisation.is_approved
    membership = Membership.objects.get(user=applicant, organisation=organisation)
    assert (membership.role, membership.status) == ("admin", "approved")
    assert messages_to(applicant.email)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organisation_number": "202100-5488"}, "kontrollsiffran stämmer inte"),
        ({"organisation_number": "12-34"}, "formatet NNNNNN-NNNN"),
        ({"education_kind": ""}, "Välj vilken typ av utbildningsanordnare"),
        ({"kind": "kommun"}, "Välj ett giltigt alternativ"),
        ({"name": ""}, "obligatoriskt"),
        ({"region": "1", "municipality": "999999"}, "Välj ett giltigt alternativ"),
        ({"website": "inte en adress"}, "giltig"),
    ],
)
def test_bad_proposals_are_refused_with_a_swedish_message(client, applicant, data, message):
    client.force_login(applicant)
    before = Organisation.objects.count()
    response = client.post(
        "/konto/organisationer/ny/",
        {
            "name": "Mittuniversitetet",
            "kind": OrganisationKind.EDUCATION_PROVIDER,
            "education_kind": "universitet",
            "organisation_number": "202100-5489",
            **data,
        },
    )
    assert response.status_code == 200
    assert message in response.text
    assert Organisation.objects.count() == before


def test_duplicate_organisation_number_is_refused(client, applicant, sundsvall):
    sundsvall.organisation_number = "212000-2411"
    sundsvall.save()
    client.force_login(applicant)
    response = client.post(
        "/konto/organisationer/ny/",
        {"name": "Kopia", "kind": OrganisationKind.OTHER, "organisation_number": "2120002411"},
    )
    assert response.status_code == 200
    assert "Det finns redan en organisation med det organisationsnumret." in response.text


def test_municipality_must_lie_in_the_chosen_region(client, applicant, sundsvall):
    client.force_login(applicant)
    response = client.post(
        "/konto/organisationer/ny/",
        {
            "name": "Ny aktör",
            "kind": OrganisationKind.OTHER,
            "region": sundsvall.region_id + 1 if sundsvall.region_id else 1,
            "municipality": sundsvall.municipality_id,
        },
    )
    assert response.status_code == 200
    assert "Sundsvall ligger inte i" in response.text


def test_organisation_search_and_filters(client):
    response = client.get("/konto/organisationer/", {"q": "sundsvall"})
    assert "Sundsvalls kommun" in response.text
    assert "Ale kommun" not in response.text
    response = client.get("/konto/organisationer/", {"typ": "region"})
    assert "21 organisationer" in response.text
    response = client.get("/konto/organisationer/", {"region": "22"})
    assert "8 organisationer" in response.text
    response = client.get("/konto/organisationer/", {"typ": "okänd", "sida": "x"})
    assert response.status_code == 200
